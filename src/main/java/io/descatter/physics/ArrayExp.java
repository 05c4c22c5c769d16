package io.descatter.physics;

/**
 * {@code out[k] = exp(c·x[k])} over an array, in a loop the JIT vectorises: {@code Math.exp} is a call into a
 * stub that no loop can vectorise (≈ 9 ns per value on the 2-core EPYC build machine against ≈ 2 ns here), and
 * {@link ExtinctionCurves} takes three such arrays per gamma, 46,680 values per ME-EMSC iteration.
 *
 * <p>Method (scaling and squaring, nothing but multiply-adds): with s the smallest count such that every
 * {@code |c·x[k]|/2^s} is at most 0.35, the Taylor polynomial of degree 13 of {@code exp(c·x[k]/2^s)} (remainder
 * below 0.35^14/14! ≈ 4e-18), squared s times. Each squaring doubles the relative error, so it stays below
 * 2^s·(a few ulp): 3e-15 measured for the exponents ME-EMSC meets (at most about 3.5, s ≤ 4). Arrays with a larger
 * exponent (s would exceed {@link #MAX_SQUARINGS}), or a NaN, go to {@code Math.exp}, value by value.
 */
final class ArrayExp {
    /** Up to 5 squarings (exponents up to 11.2): relative error below 1e-14. */
    static final int MAX_SQUARINGS = 5;
    private static final double REDUCED = 0.35;

    private ArrayExp() {
    }

    /**
     * The largest {@code |x[k]|} for k below n (NaN if any is NaN), for {@link #of} and {@link SinCos#polar}. Four
     * running maxima: one is a chain of dependent Math.max calls, which C2 keeps scalar and serial.
     */
    static double largestMagnitude(double[] x, int n) {
        double m0 = 0;
        double m1 = 0;
        double m2 = 0;
        double m3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            m0 = Math.max(m0, Math.abs(x[k]));
            m1 = Math.max(m1, Math.abs(x[k + 1]));
            m2 = Math.max(m2, Math.abs(x[k + 2]));
            m3 = Math.max(m3, Math.abs(x[k + 3]));
        }
        for (; k < n; k++) m0 = Math.max(m0, Math.abs(x[k]));
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /**
     * {@code out[k] = exp(c·x[k])} for k below n; {@code largestX} is {@link #largestMagnitude}{@code (x, n)}, passed
     * in because callers take several exponentials of one array.
     */
    static void of(double c, double[] x, double largestX, double[] out, int n) {
        double largest = Math.abs(c) * largestX;
        int s = 0;
        while (s <= MAX_SQUARINGS && !(largest <= REDUCED * (1 << s))) s++; // false for NaN: s passes the limit
        if (s > MAX_SQUARINGS) {
            for (int k = 0; k < n; k++) out[k] = Math.exp(c * x[k]);
            return;
        }
        double scale = c / (1 << s); // exact: a power of two
        for (int k = 0; k < n; k++) {
            // Estrin's scheme: the same polynomial in a few levels of independent products instead of Horner's chain
            // of thirteen (1.3-1.6 against 1.8-2.6 ns per value, measured), the terms summed smallest first so
            // that only the last addition rounds at the magnitude of the result
            double y = scale * x[k];
            double y2 = y * y;
            double y4 = y2 * y2;
            double y8 = y4 * y4;
            double a1 = 0.5 + y * (1.0 / 6.0);
            double a2 = 1.0 / 24.0 + y * (1.0 / 120.0);
            double a3 = 1.0 / 720.0 + y * (1.0 / 5_040.0);
            double a4 = 1.0 / 40_320.0 + y * (1.0 / 362_880.0);
            double a5 = 1.0 / 3_628_800.0 + y * (1.0 / 39_916_800.0);
            double a6 = 1.0 / 479_001_600.0 + y * (1.0 / 6_227_020_800.0); // 1/12!, 1/13!
            double b0 = y + a1 * y2; // the constant 1 is added last
            double b1 = a2 + a3 * y2;
            double b2 = a4 + a5 * y2;
            out[k] = 1.0 + (b0 + b1 * y4 + (b2 + a6 * y4) * y8);
        }
        for (int i = 0; i < s; i++) {
            for (int k = 0; k < n; k++) out[k] *= out[k];
        }
    }
}
