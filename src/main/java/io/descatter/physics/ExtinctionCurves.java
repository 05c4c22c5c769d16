package io.descatter.physics;

/**
 * All Van de Hulst curves of a {@link MieGrid} over one axis, as a row-major matrix with one row per
 * (alpha0_i, gamma_j), alpha0 outer and gamma inner. Immutable and thread-safe; callers pass their own buffers.
 *
 * <p>Speed: everything that depends only on gamma_j and the point (tanB, cosB, sinB, cos2B, sin2B, the
 * rho base {@code (1 + gamma·n_kk)·100ν}) is computed once and shared across the alpha0 values, and the
 * angle differences are expanded ({@code sin(ρ−B) = sinρ·cosB − cosρ·sinB},
 * {@code cos(ρ−2B) = cosρ·cos2B + sinρ·sin2B}) so that atan and the trigonometry of B disappear. What remains
 * per entry is {@code exp(−ρ·tanB)·e^{iρ}} with {@code ρ = alpha0_i·base}; when the alpha0 values are a
 * quadratic function of their index (always so for {@link MieGrid#of}: an evenly spaced radius times an evenly
 * spaced n0 − 1), it follows from three complex exponentials per (gamma, point) by a second-order
 * multiplicative recurrence over alpha0 instead of one per entry; their sine and cosine share one argument
 * reduction ({@link SinCos}). The recurrence's rounding grows by a few
 * ulps per step (10 steps by default), far below the 1e-12 the tests ask of it.
 */
public final class ExtinctionCurves {
    private final double[] alpha0;
    private final double[] gamma;
    private final double[] wavenumbersPerMetre;
    private final double[] invAlpha0;
    /** The recurrence over alpha0, or null when the alpha0 values are not quadratic in their index. */
    private final QuadraticSteps steps;

    /** @param wavenumbers the axis in cm⁻¹ */
    public ExtinctionCurves(MieGrid grid, double[] wavenumbers) {
        this.alpha0 = grid.alpha0();
        this.gamma = grid.gamma();
        this.wavenumbersPerMetre = new double[wavenumbers.length];
        for (int k = 0; k < wavenumbers.length; k++) wavenumbersPerMetre[k] = 100 * wavenumbers[k];
        this.invAlpha0 = new double[alpha0.length];
        for (int i = 0; i < alpha0.length; i++) invAlpha0[i] = 1 / alpha0[i];
        this.steps = QuadraticSteps.of(alpha0);
    }

    public int rows() {
        return alpha0.length * gamma.length;
    }

    public int columns() {
        return wavenumbersPerMetre.length;
    }

    /** A new rows × columns matrix (row-major) of the curves for {@code index}. */
    public double[] compute(RefractiveIndex index) {
        double[] q = new double[rows() * columns()];
        compute(index, q);
        return q;
    }

    /** Fills {@code q} (length rows × columns, row-major) with the curves for {@code index}. */
    public void compute(RefractiveIndex index, double[] q) {
        int kk = columns();
        if (q.length != rows() * kk) throw new IllegalArgumentException("expected " + rows() * kk + " values");
        double[] nprs = index.imaginaryScaled();
        double[] nkk = index.kramersKronig();
        int nGamma = gamma.length;
        SinCos sc = new SinCos();
        for (int j = 0; j < nGamma; j++) {
            double g = gamma[j];
            double invG = 1 / g;
            for (int k = 0; k < kk; k++) {
                double base = (1 + g * nkk[k]) * wavenumbersPerMetre[k];
                double tanB = nprs[k] / (invG + nkk[k]);
                // B = atan(tanB) lies in (-π/2, π/2), so cos B > 0
                double cosB = 1 / Math.sqrt(1 + tanB * tanB);
                double sinB = tanB * cosB;
                double cos2B = (cosB - sinB) * (cosB + sinB);
                double sin2B = 2 * sinB * cosB;
                double invBase = 1 / base;
                int out = j * kk + k;
                int rowStride = nGamma * kk;
                if (steps != null) {
                    // z_i = exp(alpha0_i·base·(i − tanB)) by the quadratic recurrence z ← z·f, f ← f·step
                    double decay = -base * tanB;
                    double e0 = Math.exp(steps.first * decay);
                    sc.of(steps.first * base);
                    double zr = e0 * sc.cos;
                    double zi = e0 * sc.sin;
                    double e1 = Math.exp(steps.firstDifference * decay);
                    sc.of(steps.firstDifference * base);
                    double fr = e1 * sc.cos;
                    double fi = e1 * sc.sin;
                    double e2 = Math.exp(steps.secondDifference * decay);
                    sc.of(steps.secondDifference * base);
                    double sr = e2 * sc.cos;
                    double si = e2 * sc.sin;
                    for (int i = 0; i < alpha0.length; i++) {
                        q[out + i * rowStride] = extinction(zr, zi, cosB * invAlpha0[i] * invBase, cosB, sinB, cos2B, sin2B);
                        double t = zr * fr - zi * fi;
                        zi = zr * fi + zi * fr;
                        zr = t;
                        t = fr * sr - fi * si;
                        fi = fr * si + fi * sr;
                        fr = t;
                    }
                } else {
                    for (int i = 0; i < alpha0.length; i++) {
                        double rho = alpha0[i] * base;
                        double e = Math.exp(-rho * tanB);
                        sc.of(rho);
                        double zr = e * sc.cos;
                        double zi = e * sc.sin;
                        q[out + i * rowStride] = extinction(zr, zi, cosB * invAlpha0[i] * invBase, cosB, sinB, cos2B, sin2B);
                    }
                }
            }
        }
    }

    /**
     * Q from {@code z = exp(−ρ·tanB)·e^{iρ}} and {@code u = cosB/ρ}, with the angle differences expanded:
     * {@code sin(ρ−B) = sinρ·cosB − cosρ·sinB}, {@code cos(ρ−2B) = cosρ·cos2B + sinρ·sin2B}.
     */
    private static double extinction(double zr, double zi, double u, double cosB, double sinB, double cos2B,
                                     double sin2B) {
        double u2 = u * u;
        return 2 - 4 * u * (zi * cosB - zr * sinB) - 4 * u2 * (zr * cos2B + zi * sin2B) + 4 * u2 * cos2B;
    }

    /**
     * alpha0 values that are a quadratic function of their index, as those of {@link MieGrid#of} are (radius
     * times n0 − 1, both evenly spaced): {@code alpha0_i = first + i·firstDifference + i(i−1)/2·secondDifference}.
     */
    private record QuadraticSteps(double first, double firstDifference, double secondDifference) {
        /** Largest relative deviation of the recurrence from the given values that still counts as quadratic. */
        private static final double TOLERANCE = 1e-14;

        static QuadraticSteps of(double[] alpha0) {
            int n = alpha0.length;
            if (n < 3) return null;
            QuadraticSteps s = new QuadraticSteps(alpha0[0], alpha0[1] - alpha0[0],
                    alpha0[2] - 2 * alpha0[1] + alpha0[0]);
            double a = s.first;
            double d = s.firstDifference;
            for (int i = 0; i < n; i++) {
                if (Math.abs(a - alpha0[i]) > TOLERANCE * Math.abs(alpha0[i])) return null;
                a += d;
                d += s.secondDifference;
            }
            return s;
        }
    }
}
