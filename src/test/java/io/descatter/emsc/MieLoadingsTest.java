package io.descatter.emsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.physics.ExtinctionCurves;
import io.descatter.physics.KramersKronig;
import io.descatter.physics.MieGrid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MieLoadingsTest {
    /**
     * The seeded subspace iteration (seeded, as in ME-EMSC, from the decomposition for another spectrum: here the
     * reference's) against the full eigen-decomposition for the gold raw spectrum. It must converge without the
     * fallback, or the gold tests would only be testing the fallback. Singular values: both are ≈ε·σ₁ from the
     * truth, so 1e-12 relative for the ones kept (σ_a ≥ 1e-4·σ₁). Loadings: the class comment's bound
     * ε·σ₁²/(σ_a·gap) is below 1e-8 for these, so 1e-8 of the largest entry, with the same sign (both follow the
     * convention that each eigenvector's entry of largest magnitude is positive).
     */
    @ParameterizedTest
    @ValueSource(ints = {7, 14})
    void subspaceIterationAgreesWithTheFullDecomposition(int count) {
        Gold gold = new Gold();
        double[] wn = gold.wn;
        ExtinctionCurves curves = gold.curves;
        double[][] qRef = gold.curvesOf(gold.ref);
        double[] pure = clipped(gold.raw);
        double[][] q = gold.curvesOf(pure);

        MieLoadings fast = new MieLoadings(curves.rows(), wn.length);
        fast.decompose(qRef, gold.ref, count); // the seed
        MieLoadings.Decomposition d = fast.leading(q, pure, count);
        MieLoadings.Decomposition full = new MieLoadings(curves.rows(), wn.length).decompose(q, pure, count);

        assertEquals(0, fast.fallbacks(), "fell back to the full decomposition");
        assertTrue(fast.steps() > 0);
        double s1 = full.singularValues()[0];
        for (int c = 0; c < count; c++) {
            assertEquals(full.singularValues()[c], d.singularValues()[c], 1e-12 * s1, "σ" + (c + 1));
            double[] a = d.rightVectors()[c];
            double[] b = full.rightVectors()[c];
            double largest = 0;
            for (double x : b) largest = Math.max(largest, Math.abs(x));
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-8 * largest, "loading " + (c + 1) + ", point " + i);
            }
        }
        double[][] u = fast.vectors();
        for (int c = 0; c < u.length; c++) {
            double largest = 0;
            for (double x : u[c]) largest = Math.abs(x) > Math.abs(largest) ? x : largest;
            assertTrue(largest > 0, "eigenvector " + (c + 1) + "'s largest entry is " + largest);
        }
    }

    /**
     * The fit without loadings (MieLoadings.fit: the split by orthogonality, four products with Q) against the
     * explicit model [R, v_1..v_A, 1] solved by Householder QR, on the gold spectrum. Both solve the same problem
     * (the loadings are orthonormal and orthogonal to R up to rounding), so coefficients and Σ g·v agree to
     * rounding amplified by the conditioning of [R, 1] given the loadings: 1e-9 relative is far above that and far
     * below the 1e-7 the gold tests ask of the result.
     */
    @ParameterizedTest
    @ValueSource(ints = {7, 14})
    void fitWithoutLoadingsAgreesWithTheExplicitModel(int count) {
        Gold gold = new Gold();
        double[] wn = gold.wn;
        double[] raw = gold.raw;
        double[] ref = gold.ref;
        ExtinctionCurves curves = gold.curves;
        double[][] q = gold.curvesOf(ref);
        MieLoadings loadings = new MieLoadings(curves.rows(), wn.length);
        MieLoadings.Decomposition d = loadings.decompose(q, ref, count);

        double[] mie = new double[wn.length];
        double[] beta = loadings.fit(q, raw, ref, d.singularValues(), count, mie);

        double[][] model = new double[count + 2][];
        model[0] = ref;
        System.arraycopy(d.rightVectors(), 0, model, 1, count);
        model[count + 1] = new double[wn.length];
        java.util.Arrays.fill(model[count + 1], 1);
        double[] expected = new LeastSquares(model).solve(raw);
        double scale = 0;
        for (double b : expected) scale = Math.max(scale, Math.abs(b));
        for (int c = 0; c < expected.length; c++) assertEquals(expected[c], beta[c], 1e-9 * scale, "β" + c);
        double[] sums = new double[wn.length];
        double largest = 0;
        for (int i = 0; i < wn.length; i++) {
            for (int a = 0; a < count; a++) sums[i] += expected[1 + a] * model[1 + a][i];
            largest = Math.max(largest, Math.abs(sums[i]));
        }
        for (int i = 0; i < wn.length; i++) assertEquals(sums[i], mie[i], 1e-9 * largest, "Σ g·v at point " + i);
    }

    /** The gold case's axis, raw spectrum and reference (on the axis, clipped at 0), and the MATLAB-default curves. */
    private static final class Gold {
        final double[] wn = MieStdGold.row("MieStd1_rawSpec.csv", 0);
        final double[] raw = MieStdGold.row("MieStd1_rawSpec.csv", 1);
        final double[] ref = clipped(ReferenceSpectrum.onAxis(MieStdGold.row("MieStd2_refSpec.csv", 0),
                MieStdGold.row("MieStd2_refSpec.csv", 1), wn, false));
        final ExtinctionCurves curves = new ExtinctionCurves(MieGrid.of(2.0, 7.1, 1.1, 1.4, 10, 0.25), wn);
        final KramersKronig kk = new KramersKronig(wn);

        double[][] curvesOf(double[] absorbance) {
            return curves.compute(kk.compute(absorbance));
        }
    }

    private static double[] clipped(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = Math.max(x[i], 0);
        return r;
    }
}
