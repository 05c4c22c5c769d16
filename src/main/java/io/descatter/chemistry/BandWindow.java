package io.descatter.chemistry;

/**
 * A wavenumber window [from, to] in cm⁻¹ read against a straight line across it: the line goes through the
 * spectrum's values at the window's two ends, so an offset or a sloping baseline under the band cancels. The band
 * area is the trapezoid integral of spectrum minus line over the window; a band height is spectrum minus line near
 * one position inside it.
 *
 * <p>A window the axis does not reach gives NaN, never an exception (a fingerprint-only file has no CH stretch).
 * A window end that lies outside the axis by at most one grid spacing is moved onto the axis's end: a common grid
 * starts at 1000.89 cm⁻¹, and a phosphate window from 1000 cm⁻¹ should not be lost to 0.89 cm⁻¹.
 */
public record BandWindow(double from, double to) {
    /** How far from its nominal position a band height is read: the highest point within ± this many cm⁻¹. */
    public static final double HEIGHT_SEARCH_CM1 = 4;

    public BandWindow {
        if (!(from < to)) throw new IllegalArgumentException("a window needs from < to: " + from + ", " + to);
    }

    /**
     * The area between the spectrum and the line across the window.
     *
     * @param wn the axis, ascending or descending
     * @param s the spectrum on it
     */
    public double area(double[] wn, double[] s) {
        Ascending a = Ascending.of(wn, s);
        Line line = baseline(a);
        if (line == null) return Double.NaN;
        double x0 = line.x0();
        double x1 = line.x1();
        double area = 0;
        double px = x0;
        double py = 0; // spectrum minus line is 0 at both ends by construction
        for (int i = a.firstAbove(x0); i < a.x.length && a.x[i] < x1; i++) {
            double y = a.y[i] - line.at(a.x[i]);
            area += 0.5 * (py + y) * (a.x[i] - px);
            px = a.x[i];
            py = y;
        }
        return area + 0.5 * py * (x1 - px);
    }

    /**
     * The height of the spectrum above the line across the window near {@code position}: the highest point of
     * spectrum minus line within ±{@link #HEIGHT_SEARCH_CM1} of it (and inside the window), so a band that sits a
     * few cm⁻¹ off its nominal position is read at its top. NaN when the window is not covered.
     */
    public double heightNear(double[] wn, double[] s, double position) {
        if (position < from || position > to) throw new IllegalArgumentException(position + " is outside " + this);
        Ascending a = Ascending.of(wn, s);
        Line line = baseline(a);
        if (line == null) return Double.NaN;
        double x0 = line.x0();
        double x1 = line.x1();
        double lo = Math.max(x0, position - HEIGHT_SEARCH_CM1);
        double hi = Math.min(x1, position + HEIGHT_SEARCH_CM1);
        double p = Math.min(Math.max(position, x0), x1);
        double best = a.valueAt(p) - line.at(p); // a grid coarser than the search range has no point in it
        for (int i = a.firstAbove(Math.nextDown(lo)); i < a.x.length && a.x[i] <= hi; i++) {
            double h = a.y[i] - line.at(a.x[i]);
            if (h > best || Double.isNaN(h)) best = h; // NaN in the spectrum stays NaN
        }
        return best;
    }

    /** The straight line through the spectrum's values at the window's ends (clamped to the axis). */
    private record Line(double x0, double y0, double x1, double y1) {
        double at(double x) {
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }

    /** The window's baseline on this spectrum, or null when the axis does not cover the window. */
    private Line baseline(Ascending a) {
        double[] ends = a.clamp(from, to);
        return ends == null ? null : new Line(ends[0], a.valueAt(ends[0]), ends[1], a.valueAt(ends[1]));
    }

    @Override
    public String toString() {
        return fmt(from) + "–" + fmt(to) + " cm⁻¹";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The spectrum with its axis in ascending order (a copy only when the axis descends). */
    private record Ascending(double[] x, double[] y) {
        static Ascending of(double[] wn, double[] s) {
            if (wn.length != s.length) throw new IllegalArgumentException("axis has " + wn.length + " points, spectrum " + s.length);
            if (wn.length < 2 || wn[1] > wn[0]) return new Ascending(wn, s);
            int n = wn.length;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = wn[n - 1 - i];
                y[i] = s[n - 1 - i];
            }
            return new Ascending(x, y);
        }

        /** {from, to} moved onto the axis when outside it by at most one edge spacing; null when not covered. */
        double[] clamp(double from, double to) {
            int n = x.length;
            if (n < 2) return null;
            double lo = from;
            double hi = to;
            if (lo < x[0]) lo = x[0] - lo <= x[1] - x[0] ? x[0] : Double.NaN;
            if (hi > x[n - 1]) hi = hi - x[n - 1] <= x[n - 1] - x[n - 2] ? x[n - 1] : Double.NaN;
            return lo < hi ? new double[] {lo, hi} : null; // NaN compares false
        }

        /** Index of the first axis point strictly above {@code v}. */
        int firstAbove(double v) {
            int lo = 0;
            int hi = x.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (x[mid] <= v) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        /** Linear interpolation at {@code v}, which lies inside the axis. */
        double valueAt(double v) {
            int k = Math.max(1, Math.min(firstAbove(v), x.length - 1));
            double t = (v - x[k - 1]) / (x[k] - x[k - 1]);
            return y[k - 1] + t * (y[k] - y[k - 1]);
        }
    }
}
