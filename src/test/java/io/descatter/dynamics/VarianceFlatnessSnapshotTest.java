package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The snapshot (Gram-matrix) variant of the Feng-Tu measurement against the covariance one on a small linear
 * problem: snapshots with an anisotropic covariance around a quadratic loss whose curvature differs from the
 * fluctuations' shape. Both must find the same variances, directions, flatness and ψ.
 */
class VarianceFlatnessSnapshotTest {
    static final int P = 8;
    static final int T = 60;

    /** L(w) = L_res + ½ (w − w*)ᵀ H (w − w*) with a fixed, non-diagonal positive-definite H. */
    static ToDoubleFunction<double[]> quadraticLoss(double[] wStar, double[] h, double residual) {
        return w -> {
            double q = 0;
            for (int i = 0; i < P; i++)
                for (int j = 0; j < P; j++) q += (w[i] - wStar[i]) * h[i * P + j] * (w[j] - wStar[j]);
            return residual + 0.5 * q;
        };
    }

    static Setup setup() {
        Random rnd = new Random(11);
        double[] wStar = new double[P];
        for (int i = 0; i < P; i++) wStar[i] = 3 + rnd.nextGaussian(); // weights far larger than their fluctuations
        double[] a = new double[P * P];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextGaussian();
        double[] h = Linalg.add(Linalg.multiply(Linalg.transpose(a, P, P), a, P), 0.5, Linalg.identity(P));
        float[][] snaps = new float[T][P];
        for (int t = 0; t < T; t++)
            for (int i = 0; i < P; i++) snaps[t][i] = (float) (wStar[i] + 1e-3 * Math.pow(0.6, i) * rnd.nextGaussian());
        return new Setup(snaps, quadraticLoss(wStar, h, 1e-4));
    }

    record Setup(float[][] snapshots, ToDoubleFunction<double[]> loss) {
        double[] mean() {
            double[] m = new double[P];
            for (float[] s : snapshots) for (int i = 0; i < P; i++) m[i] += s[i] / (double) T;
            return m;
        }

        /** The sample covariance with the same (T − 1) normalisation. */
        double[] covariance() {
            double[] m = mean();
            double[] c = new double[P * P];
            for (float[] s : snapshots)
                for (int i = 0; i < P; i++)
                    for (int j = 0; j < P; j++) c[i * P + j] += (s[i] - m[i]) * (s[j] - m[j]) / (T - 1);
            return c;
        }
    }

    @Test
    void snapshotPcaEqualsCovariancePca() {
        Setup s = setup();
        VarianceFlatness.Profile full = VarianceFlatness.measure(s.mean(), s.covariance(), s.loss());
        VarianceFlatness.Profile snap = VarianceFlatness.measureSnapshots(s.snapshots(), P, 1e-13, s.loss());
        assertEquals(P, full.modes().size());
        assertEquals(P, snap.modes().size());
        assertEquals(full.baseLoss(), snap.baseLoss(), 1e-15);
        for (int m = 0; m < P; m++) {
            VarianceFlatness.Mode a = full.modes().get(m);
            VarianceFlatness.Mode b = snap.modes().get(m);
            assertEquals(a.variance(), b.variance(), 1e-10 * a.variance(), "variance of mode " + m);
            double dot = 0;
            for (int i = 0; i < P; i++) dot += a.direction()[i] * b.direction()[i];
            assertEquals(1, Math.abs(dot), 1e-9, "direction of mode " + m); // up to sign
            assertEquals(a.flatness(), b.flatness(), 1e-9 * a.flatness(), "flatness of mode " + m);
        }
        // The variances span orders of magnitude and the flatness varies with them: a real fit, not a constant.
        assertTrue(full.modes().get(0).variance() > 100 * full.modes().get(P - 1).variance());
        PowerLawFit fa = full.fit();
        PowerLawFit fb = snap.fit();
        assertTrue(Double.isFinite(fa.slope()) && Math.abs(fa.slope()) > 0.1, "slope " + fa.slope());
        assertEquals(VarianceFlatness.psi(fa), VarianceFlatness.psi(fb), 1e-8);
        assertEquals(fa.ciLow(), fb.ciLow(), 1e-8);
    }

    @Test
    void onlyTheLeadingModesAndFloatToleranceStillClose() {
        Setup s = setup();
        List<VarianceFlatness.Mode> full = VarianceFlatness.measure(s.mean(), s.covariance(), s.loss()).modes();
        List<VarianceFlatness.Mode> top = VarianceFlatness.measureSnapshots(s.snapshots(), 3,
                VarianceFlatness.FLOAT_ROOT_TOLERANCE, s.loss()).modes();
        assertEquals(3, top.size());
        for (int m = 0; m < 3; m++) {
            assertEquals(full.get(m).variance(), top.get(m).variance(), 1e-10 * full.get(m).variance());
            // Each end point is bracketed to 1e-3 of itself, so the width is within about that.
            assertEquals(full.get(m).flatness(), top.get(m).flatness(), 2e-3 * full.get(m).flatness(), "mode " + m);
        }
    }

    @Test
    void refusesMoreModesThanTheSnapshotsSpan() {
        Setup s = setup();
        assertThrows(IllegalArgumentException.class, () -> VarianceFlatness.measureSnapshots(s.snapshots(), T, 1e-3, s.loss()));
        assertThrows(IllegalArgumentException.class, () -> VarianceFlatness.measureSnapshots(s.snapshots(), 0, 1e-3, s.loss()));
    }
}
