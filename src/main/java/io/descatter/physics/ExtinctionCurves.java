package io.descatter.physics;

/**
 * All Van de Hulst curves of a {@link MieGrid} over one axis, one row (array) per (alpha0_i, gamma_j), alpha0
 * outer and gamma inner. Thread-safe (its scratch is per thread); callers pass their own output rows.
 *
 * <p>Speed: everything that depends only on gamma_j and the point (the rho base {@code (1 + gamma·n_kk)·100ν},
 * tanB, and four weights made of cos B, sin B, cos 2B, sin 2B and 1/base; see {@link #extinction}) is computed
 * once and shared across the alpha0 values, and the angle differences are expanded
 * ({@code sin(ρ−B) = sinρ·cosB − cosρ·sinB}, {@code cos(ρ−2B) = cosρ·cos2B + sinρ·sin2B}) so that atan and the
 * trigonometry of B disappear. What remains
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
     * <p>Loop order: the per-point terms of one gamma first (the transcendental part), then, block of points by block
     * ({@link #BLOCK}), the alpha0 values row by row over the block's contiguous points, in short loops. Every array
     * in those loops is its own array indexed by the point alone, which is what lets the JIT vectorise it (with
     * offsets into one flat array it must assume overlap and stays scalar).
     */
    public void compute(RefractiveIndex index, double[][] q) {
        int kk = columns();
        if (q.length != rows()) throw new IllegalArgumentException("expected " + rows() + " rows");
        int nGamma = gamma.length;
        Terms t = terms.get();
        double[] wp = t.sinWeight;
        double[] wr = t.cosWeight;
        double[] wc = t.cos2Weight;
        double[] ws = t.sin2Weight;
        double[] zr = t.zr;
        double[] zi = t.zi;
        double[] fr = t.fr;
        double[] fi = t.fi;
        double[] sr = t.sr;
        double[] si = t.si;
        for (int j = 0; j < nGamma; j++) {
            pointTerms(index, j, t);
            for (int k0 = 0; k0 < kk; k0 += BLOCK) {
                int k1 = Math.min(kk, k0 + BLOCK);
                for (int i = 0; i < alpha0.length; i++) {
                    double[] row = q[i * nGamma + j];
                    double a = 4 * invAlpha0[i];
                    double b = a * invAlpha0[i];
                    if (steps != null) {
                        // two loops, not one: fused, the JIT leaves this scalar (3.4 against 1.6 ns per entry, measured)
                        for (int k = k0; k < k1; k++) row[k] = extinction(zr[k], zi[k], a, b, wp[k], wr[k], wc[k], ws[k]);
                        if (i + 1 < alpha0.length) advance(zr, zi, fr, fi, sr, si, k0, k1); // none after the last alpha0
                    } else {
                        SinCos sc = t.sinCos;
                        for (int k = k0; k < k1; k++) {
                            double rho = alpha0[i] * t.base[k];
                            double e = Math.exp(-rho * t.tanB[k]);
                            sc.of(rho);
                            row[k] = extinction(e * sc.cos, e * sc.sin, a, b, wp[k], wr[k], wc[k], ws[k]);
                        }
                    }
                }
            }
        }
    }

    /** One step of the recurrence at k in [from, to): {@code z ← z·f}, then {@code f ← f·s} (complex). */
    private static void advance(double[] zr, double[] zi, double[] fr, double[] fi, double[] sr, double[] si, int from,
            int to) {
        for (int k = from; k < to; k++) {
            double ar = zr[k];
            double ai = zi[k];
            double br = fr[k];
            double bi = fi[k];
            double cr = sr[k];
            double ci = si[k];
            zr[k] = ar * br - ai * bi;
            zi[k] = ar * bi + ai * br;
            fr[k] = br * cr - bi * ci;
            fi[k] = br * ci + bi * cr;
        }
    }

    /**
     * Points per block of {@link #compute}: the recurrence runs over every alpha0 within one block of points, so that
     * the dozen per-point arrays it streams stay in the L1 cache instead of crossing L2 once per alpha0 (a point's
     * recurrence needs only that point). 256 measured best (CurvesBench: recurrence 400-470 µs per iteration
     * unblocked, 265-320 at 256, about 300-390 at 128 and 300-330 at 512).
     */
    private static final int BLOCK = 256;

    /**
     * Only the per-(gamma, point) part of {@link #compute}: its three complex exponentials per pair (3 exp and
     * 3 sincos, over arrays) and the terms of the angle B. For {@code bench emsc}, which reports this part of the
     * curves' time separately from the alpha0 recurrence.
     */
    public void computePointTerms(RefractiveIndex index) {
        Terms t = terms.get();
        for (int j = 0; j < gamma.length; j++) pointTerms(index, j, t);
    }

    /**
     * The terms of gamma_j that every alpha0 shares, for every point, into {@code t}: short loops over arrays
     * that the JIT vectorises (one long loop body stays scalar), the exponentials included ({@link ArrayExp}).
     */
    private void pointTerms(RefractiveIndex index, int j, Terms t) {
        double[] nprs = index.imaginaryScaled();
        double[] nkk = index.kramersKronig();
        double[] nu = wavenumbersPerMetre;
        double g = gamma[j];
        double invG = 1 / g;
        int n = nu.length;
        double[] base = t.base;
        double[] tanB = t.tanB;
        double[] cb = t.cosB;
        double[] ub = t.cosBOverBase;
        double[] decay = t.decay;
        for (int k = 0; k < n; k++) {
            double b = (1 + g * nkk[k]) * nu[k];
            double tb = nprs[k] / (invG + nkk[k]);
            base[k] = b;
            tanB[k] = tb;
            decay[k] = -b * tb; // exp(alpha0·decay) is the modulus of z below
        }
        for (int k = 0; k < n; k++) {
            double tb = tanB[k];
            // B = atan(tanB) lies in (-π/2, π/2), so cos B = 1/√(1 + tan²B) > 0; one division for cos B and cos B/base
            double u = 1 / (Math.sqrt(1 + tb * tb) * base[k]);
            ub[k] = u;
            cb[k] = u * base[k];
        }
        double[] wp = t.sinWeight;
        double[] wr = t.cosWeight;
        double[] wc = t.cos2Weight;
        double[] ws = t.sin2Weight;
        for (int k = 0; k < n; k++) {
            double cosB = cb[k];
            double sinB = tanB[k] * cosB;
            double u = ub[k]; // u = cos B / ρ = ub / alpha0
            double u2 = u * u;
            wp[k] = u * sinB;
            wr[k] = u * cosB;
            wc[k] = u2 * ((cosB - sinB) * (cosB + sinB)); // cos 2B
            ws[k] = u2 * (2 * sinB * cosB); // sin 2B
        }
        if (steps == null) return; // the direct path works from base and tanB
        // z_i = exp(alpha0_i·base·(i − tanB)) by the quadratic recurrence z ← z·f, f ← f·s: moduli, then arguments
        double largestDecay = ArrayExp.largestMagnitude(decay, n);
        ArrayExp.of(steps.first, decay, largestDecay, t.zr, n);
        ArrayExp.of(steps.firstDifference, decay, largestDecay, t.fr, n);
        ArrayExp.of(steps.secondDifference, decay, largestDecay, t.sr, n);
        double largestBase = ArrayExp.largestMagnitude(base, n);
        t.sinCos.polar(steps.first, base, largestBase, t.zr, t.zi);
        t.sinCos.polar(steps.firstDifference, base, largestBase, t.fr, t.fi);
        t.sinCos.polar(steps.secondDifference, base, largestBase, t.sr, t.si);
    }

    /** Per-point terms of one gamma, per thread. */
    private static final class Terms {
        final double[] cosB;
        final double[] cosBOverBase;
        final double[] sinWeight;
        final double[] cosWeight;
        final double[] cos2Weight;
        final double[] sin2Weight;
        final double[] zr;
        final double[] zi;
        final double[] fr;
        final double[] fi;
        final double[] sr;
        final double[] si;
        final double[] base;
        final double[] tanB;
        final double[] decay;
        final SinCos sinCos;

        Terms(int points) {
            base = new double[points];
            tanB = new double[points];
            decay = new double[points];
            sinCos = new SinCos(points);
            cosB = new double[points];
            cosBOverBase = new double[points];
            sinWeight = new double[points];
            cosWeight = new double[points];
            cos2Weight = new double[points];
            sin2Weight = new double[points];
            zr = new double[points];
            zi = new double[points];
            fr = new double[points];
            fi = new double[points];
            sr = new double[points];
            si = new double[points];
        }
    }

    /**
     * Q from {@code z = exp(−ρ·tanB)·e^{iρ}} and {@code u = cosB/ρ}: with the angle differences expanded
     * ({@code sin(ρ−B) = sinρ·cosB − cosρ·sinB}, {@code cos(ρ−2B) = cosρ·cos2B + sinρ·sin2B}),
     * {@code Q = 2 − 4u(zi·cosB − zr·sinB) − 4u²(zr·cos2B + zi·sin2B) + 4u²·cos2B}, regrouped by zr and zi with
     * {@code 4u = a·ub}, {@code 4u² = b·ub²} ({@code a = 4/alpha0}, {@code b = 4/alpha0²}, {@code ub = cosB/base})
     * and the per-point weights {@code wp = ub·sinB}, {@code wr = ub·cosB}, {@code wc = ub²·cos2B},
     * {@code ws = ub²·sin2B}: fewer operations and arrays per entry.
     */
    private static double extinction(double zr, double zi, double a, double b, double wp, double wr, double wc,
                                     double ws) {
        double bc = b * wc;
        return 2 + bc + zr * (a * wp - bc) - zi * (a * wr + b * ws);
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
