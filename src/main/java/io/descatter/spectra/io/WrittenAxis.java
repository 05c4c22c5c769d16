package io.descatter.spectra.io;

import io.descatter.spectra.WavenumberAxis;

/**
 * The wavenumbers a file header shows. An axis read from a file ({@link WavenumberAxis#isComputed} false: at most
 * 10 decimals) is written exactly as it came, so conversions stay bit-exact. A computed one has each point rounded
 * to the fewest decimals (at most {@link #MAX_DECIMALS}) that keep every written value within {@link #TOLERANCE}
 * of the smallest spacing of its exact value, all distinct: the model's linspace(1000.89, 3999.71, 1556) is written
 * 1002.8185, not 1002.818501607717; a grid too fine for that keeps its exact values. Read back, the header is the
 * same grid to the precision written ({@link WavenumberAxis#sameGridAsWritten}), so a model's axis written this
 * way is taken as the model's own. Headers only: the values computed with are never rounded.
 */
public final class WrittenAxis {
    /** Six decimals resolve a spacing of 0.01 cm-1 to 1e-4 of itself; finer grids are written exactly. */
    static final int MAX_DECIMALS = 6;
    /** How far a written point may lie from the exact one, as a share of the smallest spacing. */
    static final double TOLERANCE = 1e-4;

    private WrittenAxis() {
    }

    /** The axis's values as its header writes them. */
    public static double[] values(WavenumberAxis axis) {
        double[] exact = axis.values();
        if (exact.length < 2 || !axis.isComputed()) return exact;
        double tol = TOLERANCE * axis.minSpacing();
        for (int d = 0; d <= MAX_DECIMALS; d++) {
            double[] rounded = rounded(exact, d, tol);
            if (rounded != null) return rounded;
        }
        return exact;
    }

    /** The values rounded to d decimals, or null where one moves by more than tol or two become equal. */
    private static double[] rounded(double[] exact, int d, double tol) {
        double scale = Math.pow(10, d);
        double[] out = new double[exact.length];
        for (int i = 0; i < exact.length; i++) {
            // the shortest text of rint(v·10^d)/10^d has at most d decimals
            out[i] = Math.rint(exact[i] * scale) / scale;
            if (Math.abs(out[i] - exact[i]) > tol || (i > 0 && out[i] == out[i - 1])) return null;
        }
        return out;
    }
}
