package io.descatter.spectra;

/**
 * The point-by-point mean of spectra on one axis, accumulated one spectrum at a time (the sum in the order they were
 * added, divided by their number at the end). Spectra with a missing or infinite value are left out and counted.
 */
public final class MeanSpectrum {
    private final double[] sum;
    private long count;
    private long skipped;

    public MeanSpectrum(int points) {
        sum = new double[points];
    }

    /** Adds {@code points} values from {@code values[offset..]}; returns false (and counts it) when one is not finite. */
    public boolean add(double[] values, int offset) {
        for (int i = 0; i < sum.length; i++) {
            if (!Double.isFinite(values[offset + i])) {
                skipped++;
                return false;
            }
        }
        for (int i = 0; i < sum.length; i++) sum[i] += values[offset + i];
        count++;
        return true;
    }

    public boolean add(double[] values) {
        if (values.length != sum.length) throw new IllegalArgumentException("expected " + sum.length + " values, got " + values.length);
        return add(values, 0);
    }

    /** The number of spectra in the mean. */
    public long count() {
        return count;
    }

    /** The number of spectra left out for a missing or infinite value. */
    public long skipped() {
        return skipped;
    }

    /** The mean, or null when no spectrum was added. */
    public double[] mean() {
        if (count == 0) return null;
        double[] m = new double[sum.length];
        for (int i = 0; i < m.length; i++) m[i] = sum[i] / count;
        return m;
    }
}
