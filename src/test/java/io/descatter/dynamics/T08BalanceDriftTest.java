package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** T8: D = W₁W₁ᵀ − W₂ᵀW₂ changes by exactly ΔW₁ΔW₁ᵀ − ΔW₂ᵀΔW₂ per step, and drifts as predicted at a minimum. */
class T08BalanceDriftTest {
    static final int D = 12;
    static final int H = 6;
    static final int O = 3;
    static final int B = 4;
    static final double ETA = 0.05;
    static final LinearChain CHAIN = new LinearChain(D, H, O);
    /** Double roundoff on O(1) matrices: the identity must hold to 1e-12 of ‖D‖. */
    static final double IDENTITY_TOLERANCE = 1e-12;
    /** SGD-THEORY.md's tolerance for the expected drift. */
    static final double DRIFT_FLOOR = 0.02;

    static double[] stepChange(double[] before, double[] after, int layer) {
        return Linalg.add(CHAIN.layer(after, layer), -1, CHAIN.layer(before, layer));
    }

    @Test
    void perStepIdentityIsExact() {
        SplittableRandom rng = new SplittableRandom(81);
        TeacherStudent teacher = TeacherStudent.randomIsotropic(D, O, 0.5, 82);
        double[] start = RandomMatrices.gaussian(1, CHAIN.parameterCount(), 0.4, rng);
        FastLinearSgd engine = new FastLinearSgd(CHAIN, ETA, start);
        MinibatchSource source = MinibatchSource.online(teacher, B, 83);
        double[] xb = new double[B * D];
        double[] yb = new double[B * O];
        double[] before = start.clone();
        double[] after = new double[start.length];
        double worst = 0;
        double smallestSecondOrder = Double.POSITIVE_INFINITY;
        for (int s = 0; s < 2000; s++) {
            source.next(xb, yb);
            engine.step(xb, yb, B);
            engine.readParameters(after);
            double[] dA = stepChange(before, after, 0);
            double[] dB = stepChange(before, after, 1);
            double[] predicted = Linalg.add(Linalg.multiply(dA, Linalg.transpose(dA, H, D), H, D, H), -1,
                    Linalg.multiply(Linalg.transpose(dB, O, H), dB, H, O, H));
            double[] dBefore = TwoLayerModes.balance(CHAIN, before);
            double[] actual = Linalg.add(TwoLayerModes.balance(CHAIN, after), -1, dBefore);
            double scale = Linalg.frobenius(dBefore);
            worst = Math.max(worst, Linalg.frobenius(Linalg.add(actual, -1, predicted)) / scale);
            smallestSecondOrder = Math.min(smallestSecondOrder, Linalg.frobenius(predicted) / scale);
            System.arraycopy(after, 0, before, 0, after.length);
        }
        Oracles.note("T8", String.format("identity: worst ‖ΔD − (ΔW₁ΔW₁ᵀ − ΔW₂ᵀΔW₂)‖/‖D‖ = %.2e; "
                + "smallest ‖ΔW₁ΔW₁ᵀ − ΔW₂ᵀΔW₂‖/‖D‖ = %.2e", worst, smallestSecondOrder));
        assertTrue(worst <= IDENTITY_TOLERANCE, "identity violated: " + worst);
        // Control: the second-order change is far above the tolerance, so the identity is not trivially met.
        assertTrue(smallestSecondOrder > 1e3 * IDENTITY_TOLERANCE, "the per-step change is too small to test");
    }

    @Test
    void expectedDriftAtPopulationMinimum() {
        SplittableRandom rng = new SplittableRandom(84);
        double[] theta = RandomMatrices.gaussian(1, CHAIN.parameterCount(), 0.5, rng);
        double noise = 1.0;
        TeacherStudent teacher = TeacherStudent.isotropic(CHAIN.product(theta), D, O, noise);
        MinibatchSource source = MinibatchSource.online(teacher, B, 85);
        FastLinearSgd kernel = new FastLinearSgd(CHAIN, ETA, theta);
        int batches = 20;
        int perBatch = 50_000;
        double[] xb = new double[B * D];
        double[] yb = new double[B * O];
        double[] d0 = TwoLayerModes.balance(CHAIN, theta);
        List<double[]> means = new ArrayList<>();
        for (int k = 0; k < batches; k++) {
            double[] sum = new double[H * H];
            for (int t = 0; t < perBatch; t++) {
                // Independent single steps from the same minimum.
                kernel.setParameters(theta);
                source.next(xb, yb);
                kernel.step(xb, yb, B);
                double[] after = new double[theta.length];
                kernel.readParameters(after);
                double[] change = Linalg.add(TwoLayerModes.balance(CHAIN, after), -1, d0);
                for (int i = 0; i < sum.length; i++) sum[i] += change[i] / perBatch;
            }
            means.add(sum);
        }
        MatrixEstimate drift = MatrixEstimate.of(means, H);
        Oracles.passes("T8", drift.compare("E ΔD = (η²σ²/B)(d W₂ᵀW₂ − o W₁W₁ᵀ)",
                TwoLayerModes.expectedBalanceDrift(CHAIN, theta, ETA, noise, B), DRIFT_FLOOR));
    }
}
