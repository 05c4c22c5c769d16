package io.descatter.physics;

/**
 * Sine and cosine of one angle from one argument reduction, for the hot loop of {@link ExtinctionCurves}
 * (three angles per gamma and point, where {@code Math.sin} and {@code Math.cos} each reduce and evaluate on
 * their own and were most of the curves' time), one at a time ({@link #of}) or over arrays ({@link #polar}).
 *
 * <p>Accuracy: Cody–Waite reduction by π/2 in two parts (fdlibm's {@code pio2_1}, 33 bits, and its tail), exact
 * for quadrant counts below 2^20, then fdlibm's minimax kernels on [−π/4, π/4]: within about 1 ulp of
 * {@code Math.sin}/{@code Math.cos}. Larger arguments (|y| above about 1.6e6, far outside ME-EMSC's angles of a
 * few radians) go to {@code Math.sin}/{@code Math.cos}. A mutable holder with work arrays, one per thread; not
 * thread-safe.
 */
final class SinCos {
    /** Adding and subtracting 1.5·2^52 rounds a double below 2^51 to an integer (to nearest, ties to even). */
    private static final double ROUND = 0x1.8p52;
    private static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
    private static final double PIO2_HI = 1.57079632673412561417e+00;
    private static final double PIO2_LO = 6.07710050650619224932e-11;
    private static final double MAX_REDUCED = (1 << 20) * 1.5707963267948966;

    private static final double S1 = -1.66666666666666324348e-01;
    private static final double S2 = 8.33333333332248946124e-03;
    private static final double S3 = -1.98412698298579493134e-04;
    private static final double S4 = 2.75573137070700676789e-06;
    private static final double S5 = -2.50507602534068634195e-08;
    private static final double S6 = 1.58969099521155010221e-10;
    private static final double C1 = 4.16666666666666019037e-02;
    private static final double C2 = -1.38888888888741095749e-03;
    private static final double C3 = 2.48015872894767294178e-05;
    private static final double C4 = -2.75573143513906633035e-07;
    private static final double C5 = 2.08757232129817482790e-09;
    private static final double C6 = -1.13596475577881948265e-11;

    double sin;
    double cos;

    private final double[] quadrant;
    private final double[] reduced;
    private final double[] sinKernel;
    private final double[] cosKernel;

    /** For {@link #of} only. */
    SinCos() {
        this(0);
    }

    /** For {@link #of} and for {@link #polar} over up to {@code points} values. */
    SinCos(int points) {
        quadrant = new double[points];
        reduced = new double[points];
        sinKernel = new double[points];
        cosKernel = new double[points];
    }

    /** Sets {@link #sin} and {@link #cos} of {@code y}. */
    void of(double y) {
        if (!(Math.abs(y) < MAX_REDUCED)) {
            sin = Math.sin(y);
            cos = Math.cos(y);
            return;
        }
        double j = Math.rint(y * TWO_OVER_PI);
        double x = (y - j * PIO2_HI) - j * PIO2_LO;
        double z = x * x;
        double s = x + x * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
        double c = 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        switch ((int) j & 3) {
            case 0 -> {
                sin = s;
                cos = c;
            }
            case 1 -> {
                sin = c;
                cos = -s;
            }
            case 2 -> {
                sin = -s;
                cos = -c;
            }
            default -> {
                sin = -c;
                cos = s;
            }
        }
    }

    /**
     * For every k below {@code angle.length}: {@code re[k] ← m·cos(y)}, {@code im[k] ← m·sin(y)} with
     * {@code y = scale·angle[k]} and {@code m = re[k]} on entry (a complex number from its modulus and argument).
     *
     * <p>The same reduction and kernels as {@link #of}, so the same values (up to the sign of a zero), but in
     * short loops over arrays with the quadrant chosen by arithmetic instead of a switch: the JIT vectorises
     * loops like these and leaves long or branching bodies scalar (measured: 2.8 against 8 ns per angle).
     */
    void polar(double scale, double[] angle, double[] re, double[] im) {
        polar(scale, angle, ArrayExp.largestMagnitude(angle, angle.length), re, im);
    }

    /**
     * As {@link #polar(double, double[], double[], double[])}, with {@code largest} the largest {@code |angle[k]|}
     * ({@link ArrayExp#largestMagnitude}), for callers that take several scales of one array.
     */
    void polar(double scale, double[] angle, double largest, double[] re, double[] im) {
        int n = angle.length;
        if (!(Math.abs(scale) * largest < MAX_REDUCED)) { // also NaN: Math.sin and Math.cos handle them
            for (int k = 0; k < n; k++) {
                of(scale * angle[k]);
                double m = re[k];
                re[k] = m * cos;
                im[k] = m * sin;
            }
            return;
        }
        double[] j = quadrant;
        double[] x = reduced;
        double[] sk = sinKernel;
        double[] ck = cosKernel;
        if (Math.abs(scale) * largest < SMALL) {
            smallPolar(scale, angle, re, im);
            return;
        }
        for (int k = 0; k < n; k++) {
            double y = scale * angle[k];
            double q = (y * TWO_OVER_PI + ROUND) - ROUND;
            j[k] = q;
            x[k] = (y - q * PIO2_HI) - q * PIO2_LO;
        }
        for (int k = 0; k < n; k++) {
            double r = x[k];
            double z = r * r;
            sk[k] = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
        }
        for (int k = 0; k < n; k++) {
            double r = x[k];
            double z = r * r;
            ck[k] = 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        }
        // quadrant q mod 4 = 2h + w: sine and cosine swap when w = 1; the sine's sign flips when h = 1, the
        // cosine's when h xor w (h, w ∈ {0, 1}; floor(v) for these quarter values is round(v − 1/4) or round(v − 3/8))
        for (int k = 0; k < n; k++) {
            double q = j[k];
            double m4 = q - 4 * (((q * 0.25 - 0.375) + ROUND) - ROUND);
            double h = ((m4 * 0.5 - 0.25) + ROUND) - ROUND;
            j[k] = h;
            x[k] = m4 - 2 * h;
        }
        for (int k = 0; k < n; k++) {
            double h = j[k];
            double w = x[k];
            im[k] = re[k] * ((1 - 2 * h) * (sk[k] * (1 - w) + ck[k] * w));
        }
        for (int k = 0; k < n; k++) {
            double h = j[k];
            double w = x[k];
            double flip = w + h - 2 * w * h;
            re[k] = re[k] * ((1 - 2 * flip) * (ck[k] * (1 - w) + sk[k] * w));
        }
    }

    /**
     * Below this every angle is in quadrant 0 (|y·2/π| < 1/2 with room for the rounding of the product), where the
     * reduction leaves y as it is and the quadrant arithmetic picks the kernels unchanged.
     */
    private static final double SMALL = 0.78;

    /**
     * {@link #polar} for angles all below {@link #SMALL}: the kernels on y directly, the same values as the general
     * path (up to the sign of a zero) without its reduction and quadrant loops. Two of the three angles per (gamma,
     * point) of ME-EMSC's curves are this small.
     */
    private void smallPolar(double scale, double[] angle, double[] re, double[] im) {
        int n = angle.length;
        double[] sk = sinKernel;
        double[] ck = cosKernel;
        for (int k = 0; k < n; k++) {
            double r = scale * angle[k];
            double z = r * r;
            sk[k] = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
        }
        for (int k = 0; k < n; k++) {
            double r = scale * angle[k];
            double z = r * r;
            ck[k] = 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        }
        for (int k = 0; k < n; k++) {
            double m = re[k];
            im[k] = m * sk[k];
            re[k] = m * ck[k];
        }
    }
}
