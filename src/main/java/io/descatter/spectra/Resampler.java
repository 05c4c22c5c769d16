package io.descatter.spectra;

import java.util.Locale;

/**
 * Moves spectra from one wavenumber axis onto another by linear interpolation or a natural cubic spline.
 * Everything that depends only on the two axes (bracketing intervals, weights, the spline's tridiagonal
 * factorisation) is computed once, so resampling a row costs O(points) with no allocation.
 * Target points must lie inside the source range: extrapolation is refused, not guessed.
 */
public final class Resampler {
    /** How values between source points are estimated. */
    public enum Method {
        LINEAR, CUBIC;

        public static Method parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final WavenumberAxis from;
    private final WavenumberAxis to;
    private final Method method;
    private final boolean identity;
    // Source positions in ascending order: ascIndex[k] is the source column of the k-th smallest wavenumber.
    private final int[] ascIndex;
    private final double[] x;
    // For target j: left bracket k (in ascending order) and the fraction t in [0, 1] towards k+1.
    private final int[] left;
    private final double[] frac;
    // Natural spline: h_k, and the Thomas-algorithm factors of the second-derivative system.
    private final double[] h;
    private final double[] diagInv;
    private final double[] sub;

    private Resampler(WavenumberAxis from, WavenumberAxis to, Method method, boolean identity) {
        this.from = from;
        this.to = to;
        this.method = method;
        this.identity = identity;
        int n = from.size();
        ascIndex = new int[n];
        x = new double[n];
        for (int k = 0; k < n; k++) {
            ascIndex[k] = from.isAscending() ? k : n - 1 - k;
            x[k] = from.get(ascIndex[k]);
        }
        left = new int[to.size()];
        frac = new double[to.size()];
        for (int j = 0; j < to.size(); j++) {
            double t = Math.min(Math.max(to.get(j), x[0]), x[n - 1]); // clamp the 1e-9 coverage slack
            int k = bracket(t);
            left[j] = k;
            frac[j] = (t - x[k]) / (x[k + 1] - x[k]);
        }
        if (method == Method.CUBIC && n >= 3) {
            h = new double[n - 1];
            for (int k = 0; k < n - 1; k++) h[k] = x[k + 1] - x[k];
            // Interior equations k = 1..n-2: h[k-1] M[k-1] + 2(h[k-1]+h[k]) M[k] + h[k] M[k+1] = rhs; M[0] = M[n-1] = 0.
            int m = n - 2;
            diagInv = new double[m];
            sub = new double[m];
            double prevDiag = 0;
            for (int i = 0; i < m; i++) {
                double diag = 2 * (h[i] + h[i + 1]);
                if (i > 0) {
                    sub[i] = h[i] / prevDiag; // elimination factor using super-diagonal h[i] of the previous row
                    diag -= sub[i] * h[i];
                }
                diagInv[i] = 1 / diag;
                prevDiag = diag;
            }
        } else {
            h = null;
            diagInv = null;
            sub = null;
        }
    }

    /**
     * A resampler from {@code from} to {@code to}.
     *
     * @throws AxisMismatchException if {@code to} reaches outside the range of {@code from}
     */
    public static Resampler create(WavenumberAxis from, WavenumberAxis to, Method method) {
        if (!from.covers(to)) {
            throw new AxisMismatchException(String.format(Locale.ROOT,
                    "target axis %s–%s cm-1 reaches outside the data's axis %s–%s cm-1: choose a range inside it",
                    to.min(), to.max(), from.min(), from.max()));
        }
        // A grid that differs only by rounding in a file (within 0.1 % of a spacing) is taken as the same grid.
        return new Resampler(from, to, method, from.sameGridAs(to, 1e-3));
    }

    public static Resampler linear(WavenumberAxis from, WavenumberAxis to) {
        return create(from, to, Method.LINEAR);
    }

    /**
     * Linear interpolation onto {@code to}, whose ends may reach beyond {@code from}'s: target points outside it take
     * the value at {@code from}'s nearest end. For filling a small shortfall only; the caller bounds how far.
     */
    public static Resampler linearHoldingEdges(WavenumberAxis from, WavenumberAxis to) {
        return new Resampler(from, to, Method.LINEAR, false); // the constructor clamps each target into from's range
    }

    /**
     * As {@link #linear}, and the same grid also when the two axes agree to the decimals one of them is written with
     * ({@link WavenumberAxis#sameGridAsWritten}): for spectra going onto a model's axis, where another lab's file
     * holds the model's grid rounded or truncated to two decimals.
     */
    public static Resampler linearToWrittenPrecision(WavenumberAxis from, WavenumberAxis to) {
        Resampler r = linear(from, to);
        return r.identity || !from.sameGridAsWritten(to) ? r : new Resampler(from, to, Method.LINEAR, true);
    }

    public WavenumberAxis from() { return from; }

    public WavenumberAxis to() { return to; }

    public Method method() { return method; }

    /** True when source and target axes are the same grid, so values pass through unchanged. */
    public boolean isIdentity() { return identity; }

    /** Resamples one row: {@code from.size()} values at {@code src[srcOff..]} into {@code to.size()} at {@code dst[dstOff..]}. */
    public void apply(double[] src, int srcOff, double[] dst, int dstOff) {
        if (identity) {
            System.arraycopy(src, srcOff, dst, dstOff, to.size());
        } else if (method == Method.CUBIC && h != null) {
            applyCubic(src, srcOff, dst, dstOff, new double[x.length]);
        } else {
            applyLinear(src, srcOff, dst, dstOff);
        }
    }

    /** Resamples one row into a new array. */
    public double[] apply(double[] row) {
        double[] out = new double[to.size()];
        apply(row, 0, out, 0);
        return out;
    }

    private void applyLinear(double[] src, int srcOff, double[] dst, int dstOff) {
        for (int j = 0; j < left.length; j++) {
            int k = left[j];
            double t = frac[j];
            double y0 = src[srcOff + ascIndex[k]];
            // An exact hit copies the value, so a shared point never changes (and a NaN neighbour does not leak).
            dst[dstOff + j] = t == 0 ? y0 : t == 1 ? src[srcOff + ascIndex[k + 1]] : y0 + t * (src[srcOff + ascIndex[k + 1]] - y0);
        }
    }

    private void applyCubic(double[] src, int srcOff, double[] dst, int dstOff, double[] m2) {
        int n = x.length;
        int m = n - 2;
        // Forward sweep on rhs_i = 6((y[i+2]-y[i+1])/h[i+1] - (y[i+1]-y[i])/h[i]), stored in m2[1..n-2].
        for (int i = 0; i < m; i++) {
            double y0 = src[srcOff + ascIndex[i]];
            double y1 = src[srcOff + ascIndex[i + 1]];
            double y2 = src[srcOff + ascIndex[i + 2]];
            double rhs = 6 * ((y2 - y1) / h[i + 1] - (y1 - y0) / h[i]);
            if (i > 0) rhs -= sub[i] * m2[i];
            m2[i + 1] = rhs;
        }
        m2[0] = 0;
        m2[n - 1] = 0;
        for (int i = m - 1; i >= 0; i--) {
            double r = m2[i + 1] - (i + 1 < m ? h[i + 1] * m2[i + 2] : 0);
            m2[i + 1] = r * diagInv[i];
        }
        for (int j = 0; j < left.length; j++) {
            int k = left[j];
            double t = frac[j];
            double y0 = src[srcOff + ascIndex[k]];
            if (t == 0) {
                dst[dstOff + j] = y0;
                continue;
            }
            double y1 = src[srcOff + ascIndex[k + 1]];
            double hk = h[k];
            double a = 1 - t;
            dst[dstOff + j] = a * y0 + t * y1 + ((a * a * a - a) * m2[k] + (t * t * t - t) * m2[k + 1]) * hk * hk / 6;
        }
    }

    private int bracket(double t) {
        int lo = 0;
        int hi = x.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= t) lo = mid; else hi = mid;
        }
        return Math.min(lo, x.length - 2);
    }
}
