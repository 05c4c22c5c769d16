package io.descatter.spectra;

import java.util.Arrays;

/**
 * A wavenumber axis in cm-1: finite values, strictly ascending or strictly descending, at least two points,
 * regular or irregular spacing. Immutable.
 */
public final class WavenumberAxis {
    private final double[] values;
    private final boolean ascending;

    private WavenumberAxis(double[] values) {
        this.values = values;
        this.ascending = values[1] > values[0];
    }

    /**
     * An axis over the given values (copied).
     *
     * @throws IllegalArgumentException if there are fewer than two points, a value is not finite, or the values
     *     are not strictly monotonic; readers check this first to report file positions
     */
    public static WavenumberAxis of(double... values) {
        if (values.length < 2) throw new IllegalArgumentException("an axis needs at least 2 points, got " + values.length);
        int bad = firstOrderViolation(values);
        if (bad >= 0) {
            throw new IllegalArgumentException("wavenumber " + values[bad] + " at position " + (bad + 1)
                    + " is " + (values[bad] == values[bad - 1] ? "a duplicate" : "out of order")
                    + ": an axis must be strictly ascending or descending");
        }
        for (double v : values) if (!Double.isFinite(v)) throw new IllegalArgumentException("wavenumber " + v + " is not finite");
        return new WavenumberAxis(values.clone());
    }

    /**
     * The index of the first value that is not finite, equal to its predecessor or breaks the direction set by
     * the first two values; -1 if the values form a valid axis order.
     */
    public static int firstOrderViolation(double[] values) {
        for (int i = 0; i < values.length; i++) if (!Double.isFinite(values[i])) return i;
        if (values.length < 2) return -1;
        boolean asc = values[1] > values[0];
        for (int i = 1; i < values.length; i++) {
            double d = values[i] - values[i - 1];
            if (d == 0 || (d > 0) != asc) return i;
        }
        return -1;
    }

    /** A regular ascending axis {@code min, min+step, …} up to {@code max} (inclusive within 1e-9 steps). */
    public static WavenumberAxis regular(double min, double max, double step) {
        if (!(step > 0) || !(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("an axis needs MIN < MAX and STEP > 0, got " + min + ":" + max + ":" + step);
        }
        long n = (long) Math.floor((max - min) / step + 1e-9) + 1;
        if (n < 2 || n > 10_000_000) throw new IllegalArgumentException("axis " + min + ":" + max + ":" + step + " has " + n + " points");
        double[] v = new double[(int) n];
        for (int i = 0; i < n; i++) v[i] = min + i * step;
        return new WavenumberAxis(v);
    }

    /** Parses {@code MIN:MAX:STEP}, for example {@code 1000:4000:2}. */
    public static WavenumberAxis parseRange(String spec) {
        String[] parts = spec.trim().split(":");
        if (parts.length != 3) throw new IllegalArgumentException("axis '" + spec + "' is not MIN:MAX:STEP");
        try {
            return regular(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("axis '" + spec + "' is not MIN:MAX:STEP with numbers", e);
        }
    }

    public int size() { return values.length; }

    public double get(int i) { return values[i]; }

    /** A copy of the values in axis order. */
    public double[] values() { return values.clone(); }

    public boolean isAscending() { return ascending; }

    public double min() { return ascending ? values[0] : values[values.length - 1]; }

    public double max() { return ascending ? values[values.length - 1] : values[0]; }

    /** Mean absolute spacing (max − min) / (points − 1). */
    public double meanSpacing() { return (max() - min()) / (values.length - 1); }

    public double minSpacing() {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 1; i < values.length; i++) m = Math.min(m, Math.abs(values[i] - values[i - 1]));
        return m;
    }

    public double maxSpacing() {
        double m = 0;
        for (int i = 1; i < values.length; i++) m = Math.max(m, Math.abs(values[i] - values[i - 1]));
        return m;
    }

    /** True if every spacing is within {@code relTol} of the mean spacing. */
    public boolean isRegular(double relTol) {
        double mean = meanSpacing();
        return maxSpacing() - mean <= relTol * mean && mean - minSpacing() <= relTol * mean;
    }

    /** True if [min, max] of {@code other} lies inside this axis' range. */
    public boolean covers(WavenumberAxis other) {
        double slack = 1e-9 * (max() - min());
        return other.min() >= min() - slack && other.max() <= max() + slack;
    }

    /**
     * The points of this axis that lie inside {@code range}'s [min, max] (with the slack of {@link #covers}), in this
     * axis' order; this axis itself when all of them do.
     *
     * @throws AxisMismatchException when fewer than two points lie inside
     */
    public WavenumberAxis within(WavenumberAxis range) {
        double slack = 1e-9 * (range.max() - range.min());
        double lo = range.min() - slack;
        double hi = range.max() + slack;
        double[] inside = Arrays.stream(values).filter(v -> v >= lo && v <= hi).toArray();
        if (inside.length == values.length) return this;
        if (inside.length < 2) {
            throw new AxisMismatchException("fewer than two points of the axis " + describe() + " lie inside "
                    + range.describe());
        }
        return new WavenumberAxis(inside);
    }

    /**
     * The first and the last index of the points inside {@code [from, to]} cm⁻¹, whichever way the axis runs, or null
     * where none lies inside; the points between them are exactly those inside (an axis is monotonic).
     */
    public int[] indexRange(double from, double to) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < values.length; i++) {
            if (values[i] < from || values[i] > to) continue;
            if (first < 0) first = i;
            last = i;
        }
        return first < 0 ? null : new int[] {first, last};
    }

    /**
     * True if both axes have the same points up to {@code fraction} of the smallest spacing: the same grid written
     * with fewer digits (1002.8185 vs 1002.818501…) is the same axis, and values pass between them unchanged.
     */
    public boolean sameGridAs(WavenumberAxis other, double fraction) {
        if (other.size() != size()) return false;
        double tol = fraction * Math.min(minSpacing(), other.minSpacing());
        for (int i = 0; i < values.length; i++) if (Math.abs(values[i] - other.values[i]) > tol) return false;
        return true;
    }

    /**
     * True if both axes have the same points to the precision the coarser of them is written with: each pair within
     * one unit of its last decimal, as rounding or truncating to it leaves them (1002.82 and 1002.818501607717,
     * 3897.49 and 3897.4994147909965 agree to 2 decimals), and within a tenth of the smallest spacing, beyond which
     * the difference would matter to interpolation.
     */
    public boolean sameGridAsWritten(WavenumberAxis other) {
        if (other.size() != size()) return false;
        int decimals = Math.min(writtenDecimals(), other.writtenDecimals());
        if (decimals > MAX_DECIMALS) return false;
        double tol = Math.min(Math.pow(10, -decimals), 0.1 * Math.min(minSpacing(), other.minSpacing()));
        for (int i = 0; i < values.length; i++) if (Math.abs(values[i] - other.values[i]) > tol * (1 + 1e-9)) return false;
        return true;
    }

    /**
     * True if some point needs more than {@value #MAX_DECIMALS} decimals: an axis computed (a linspace, a resampling
     * grid) rather than read from a file's header, which writes fewer.
     */
    public boolean isComputed() { return writtenDecimals() > MAX_DECIMALS; }

    /** The most decimals {@link #writtenDecimals} looks for: more is a computed axis, not a written one. */
    private static final int MAX_DECIMALS = 10;

    /** The fewest decimals that write every point (to a millionth of the last digit), or MAX_DECIMALS + 1. */
    int writtenDecimals() {
        for (int d = 0; d <= MAX_DECIMALS; d++) {
            double scale = Math.pow(10, d);
            boolean all = true;
            for (double v : values) {
                double scaled = v * scale;
                if (Math.abs(scaled - Math.rint(scaled)) > 1e-6) {
                    all = false;
                    break;
                }
            }
            if (all) return d;
        }
        return MAX_DECIMALS + 1;
    }

    /** "1556 points, 1000.89–3999.71 cm-1, ascending" */
    public String describe() {
        return values.length + " points, " + min() + "–" + max() + " cm-1, " + (ascending ? "ascending" : "descending");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WavenumberAxis a && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(values); }

    @Override
    public String toString() { return "WavenumberAxis[" + describe() + "]"; }
}
