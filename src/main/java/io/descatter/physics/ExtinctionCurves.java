package io.descatter.physics;

/**
 * All Van de Hulst curves of a {@link MieGrid} over one axis, one row (array) per (alpha0_i, gamma_j), alpha0
 * outer and gamma inner. Thread-safe (its scratch is per thread); callers pass their own output rows.
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
    private final ThreadLocal<Terms> terms;

    /** @param wavenumbers the axis in cm⁻¹ */
    public ExtinctionCurves(MieGrid grid, double[] wavenumbers) {
        this.alpha0 = grid.alpha0();
        this.gamma = grid.gamma();
        this.wavenumbersPerMetre = new double[wavenumbers.length];
        for (int k = 0; k < wavenumbers.length; k++) wavenumbersPerMetre[k] = 100 * wavenumbers[k];
        this.invAlpha0 = new double[alpha0.length];
        for (int i = 0; i < alpha0.length; i++) invAlpha0[i] = 1 / alpha0[i];
        this.steps = QuadraticSteps.of(alpha0);
        int points = wavenumbers.length;
        this.terms = ThreadLocal.withInitial(() -> new Terms(points));
    }

    public int rows() {
        return alpha0.length * gamma.length;
    }

    public int columns() {
        return wavenumbersPerMetre.length;
    }

    /** A new rows × columns matrix of the curves for {@code index}, one array per curve. */
    public double[][] compute(RefractiveIndex index) {
        double[][] q = new double[rows()][columns()];
        compute(index, q);
        return q;
    }

    /**
     * Fills {@code q} (rows arrays of columns values, curve (alpha0_i, gamma_j) in row {@code i·gammas + j}) with
     * the curves for {@code index}.
     *
     * <p>Loop order: the per-point terms of one gamma first (the transcendental part), then the alpha0 values row by
     * row over contiguous points. Every array in that inner loop is its own array indexed by the point alone, which
     * is what lets the JIT vectorise it (with offsets into one flat array it must assume overlap and stays scalar).
     */
    public void compute(RefractiveIndex index, double[][] q) {
        int kk = columns();
        if (q.length != rows()) throw new IllegalArgumentException("expected " + rows() + " rows");
        double[] nprs = index.imaginaryScaled();
        double[] nkk = index.kramersKronig();
        int nGamma = gamma.length;
        SinCos sc = new SinCos();
        Terms t = terms.get();
        double[] cb = t.cosB;
        double[] sb = t.sinB;
        double[] c2 = t.cos2B;
        double[] s2 = t.sin2B;
        double[] ub = t.cosBOverBase;
        double[] zr = t.zr;
        double[] zi = t.zi;
        double[] fr = t.fr;
        double[] fi = t.fi;
        double[] sr = t.sr;
        double[] si = t.si;
        for (int j = 0; j < nGamma; j++) {
            double g = gamma[j];
            double invG = 1 / g;
            for (int k = 0; k < kk; k++) {
                double base = (1 + g * nkk[k]) * wavenumbersPerMetre[k];
                double tanB = nprs[k] / (invG + nkk[k]);
                // B = atan(tanB) lies in (-π/2, π/2), so cos B > 0
                double cosB = 1 / Math.sqrt(1 + tanB * tanB);
                double sinB = tanB * cosB;
                cb[k] = cosB;
                sb[k] = sinB;
                c2[k] = (cosB - sinB) * (cosB + sinB);
                s2[k] = 2 * sinB * cosB;
                ub[k] = cosB / base;
                if (steps != null) {
                    // z_i = exp(alpha0_i·base·(i − tanB)) by the quadratic recurrence z ← z·f, f ← f·s
                    double decay = -base * tanB;
                    double e0 = Math.exp(steps.first * decay);
                    sc.of(steps.first * base);
                    zr[k] = e0 * sc.cos;
                    zi[k] = e0 * sc.sin;
                    double e1 = Math.exp(steps.firstDifference * decay);
                    sc.of(steps.firstDifference * base);
                    fr[k] = e1 * sc.cos;
                    fi[k] = e1 * sc.sin;
                    double e2 = Math.exp(steps.secondDifference * decay);
                    sc.of(steps.secondDifference * base);
                    sr[k] = e2 * sc.cos;
                    si[k] = e2 * sc.sin;
                } else {
                    zr[k] = base; // the direct path keeps base and tanB here instead
                    zi[k] = tanB;
                }
            }
            for (int i = 0; i < alpha0.length; i++) {
                double[] row = q[i * nGamma + j];
                double inv = invAlpha0[i];
                if (steps != null) {
                    for (int k = 0; k < kk; k++) {
                        double xr = zr[k];
                        double xi = zi[k];
                        double ar = fr[k];
                        double ai = fi[k];
                        row[k] = extinction(xr, xi, ub[k] * inv, cb[k], sb[k], c2[k], s2[k]);
                        zr[k] = xr * ar - xi * ai;
                        zi[k] = xr * ai + xi * ar;
                        double br = sr[k];
                        double bi = si[k];
                        fr[k] = ar * br - ai * bi;
                        fi[k] = ar * bi + ai * br;
                    }
                } else {
                    for (int k = 0; k < kk; k++) {
                        double rho = alpha0[i] * zr[k];
                        double e = Math.exp(-rho * zi[k]);
                        sc.of(rho);
                        row[k] = extinction(e * sc.cos, e * sc.sin, ub[k] * inv, cb[k], sb[k], c2[k], s2[k]);
                    }
                }
            }
        }
    }

    /** Per-point terms of one gamma, per thread. */
    private static final class Terms {
        final double[] cosB;
        final double[] sinB;
        final double[] cos2B;
        final double[] sin2B;
        final double[] cosBOverBase;
        final double[] zr;
        final double[] zi;
        final double[] fr;
        final double[] fi;
        final double[] sr;
        final double[] si;

        Terms(int points) {
            cosB = new double[points];
            sinB = new double[points];
            cos2B = new double[points];
            sin2B = new double[points];
            cosBOverBase = new double[points];
            zr = new double[points];
            zi = new double[points];
            fr = new double[points];
            fi = new double[points];
            sr = new double[points];
            si = new double[points];
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
