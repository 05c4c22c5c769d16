package io.descatter.emsc;

import java.util.Arrays;

/**
 * One spectrum corrected by ME-EMSC; the model is {@code Z = b·R + Σ g_a·p_a + c + e}.
 *
 * @param corrected         {@code (Z − c − Σ g_a·p_a)/b}, NaN when failed
 * @param residuals         {@code e = Z − M·β}, NaN when failed
 * @param b                 the reference (scaling) coefficient
 * @param mieScores         g_1..g_A; their signs are arbitrary (the signs of the loadings are)
 * @param c                 the constant baseline
 * @param iterations        the number of iterations run
 * @param selectedIteration the iteration whose results these are (1-based)
 * @param rmse              {@code sqrt(mean(e²))}, unrounded
 * @param failure           why the spectrum could not be corrected, or null
 */
public record MeEmscResult(
        double[] corrected,
        double[] residuals,
        double b,
        double[] mieScores,
        double c,
        int iterations,
        int selectedIteration,
        double rmse,
        String failure) {

    public boolean failed() {
        return failure != null;
    }

    /** The RMSE to 4 decimals, half to even as numpy.round does (the MATLAB stop rule compares these). */
    public double rmseRounded() {
        return roundTo4Decimals(rmse);
    }

    /** The parameters in the order of the MATLAB code: {@code [c, g_1..g_A, b]}. */
    public double[] parametersMatlabOrder() {
        double[] p = new double[mieScores.length + 2];
        p[0] = c;
        System.arraycopy(mieScores, 0, p, 1, mieScores.length);
        p[p.length - 1] = b;
        return p;
    }

    static double roundTo4Decimals(double x) {
        return Math.rint(x * 1e4) / 1e4;
    }

    static MeEmscResult failed(int points, int components, int iteration, String reason) {
        double[] nan = new double[points];
        Arrays.fill(nan, Double.NaN);
        double[] scores = new double[components];
        Arrays.fill(scores, Double.NaN);
        return new MeEmscResult(nan, nan.clone(), Double.NaN, scores, Double.NaN, iteration, iteration, Double.NaN,
                reason);
    }
}
