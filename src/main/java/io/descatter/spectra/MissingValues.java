package io.descatter.spectra;

/**
 * Fills the missing points (NaN) of a spectrum by linear interpolation along its wavenumber axis, so that a few
 * gaps (empty cells of a spreadsheet, dropped detector points) cost those points instead of the whole correction.
 * Missing points at an end take the nearest present value. A spectrum with more than a set share missing is left
 * alone: too little of it is measured to be worth correcting.
 */
public final class MissingValues {
    /** The share of missing points beyond which a spectrum is not filled: 10 %. */
    public static final double DEFAULT_MAX_SHARE = 0.1;

    private final double[] axis;
    private final int maxMissing;

    /**
     * @param maxShare the largest share of a spectrum's points (0 to 1) that may be missing and still be filled
     */
    public MissingValues(WavenumberAxis axis, double maxShare) {
        if (!(maxShare >= 0 && maxShare <= 1)) throw new IllegalArgumentException("the share of missing points must be 0 to 1, not " + maxShare);
        this.axis = axis.values();
        this.maxMissing = (int) Math.floor(maxShare * axis.size() + 1e-9);
    }

    /** Outcome of {@link #fill}: more than the share missing (nothing changed). */
    public static final int TOO_MANY = -1;

    /**
     * Fills the spectrum at {@code v[off .. off + points)} in place.
     *
     * @return the number of points filled (0 if none was missing), or {@link #TOO_MANY} when more than the share
     *     (or every point) is missing; then the values are left as they were
     */
    public int fill(double[] v, int off) {
        int n = axis.length;
        int missing = 0;
        for (int k = 0; k < n; k++) if (Double.isNaN(v[off + k])) missing++;
        if (missing == 0) return 0;
        if (missing > maxMissing || missing == n) return TOO_MANY;
        int k = 0;
        while (k < n) {
            if (!Double.isNaN(v[off + k])) {
                k++;
                continue;
            }
            int end = k; // the gap is [k, end)
            while (end < n && Double.isNaN(v[off + end])) end++;
            if (k == 0) {
                for (int i = k; i < end; i++) v[off + i] = v[off + end];
            } else if (end == n) {
                for (int i = k; i < end; i++) v[off + i] = v[off + k - 1];
            } else {
                double x0 = axis[k - 1];
                double y0 = v[off + k - 1];
                double slope = (v[off + end] - y0) / (axis[end] - x0);
                for (int i = k; i < end; i++) v[off + i] = y0 + slope * (axis[i] - x0);
            }
            k = end;
        }
        return missing;
    }
}
