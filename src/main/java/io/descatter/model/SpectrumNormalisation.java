package io.descatter.model;

import io.descatter.util.Sums;

/**
 * Per-spectrum standardisation of network inputs: subtract the spectrum's mean, divide by its standard deviation.
 * It removes the overall scale (sample thickness) and offset that carry no chemistry, so one network serves thin
 * and thick samples alike.
 */
public final class SpectrumNormalisation {
    public static final String DESCRIPTION = "per spectrum: subtract the mean, divide by the standard deviation";

    private SpectrumNormalisation() {
    }

    /** Standardises {@code n} values of {@code src} from {@code srcOff} into {@code dst} from {@code dstOff}. */
    public static void standardise(double[] src, int srcOff, int n, float[] dst, int dstOff) {
        double mean = Sums.of(src, srcOff, srcOff + n) / n;
        double sd = Math.sqrt(Sums.squaredDeviations(src, srcOff, srcOff + n, mean) / n);
        double inv = sd > 0 ? 1 / sd : 0; // a constant spectrum has no shape: it maps to zeros
        for (int i = 0; i < n; i++) dst[dstOff + i] = (float) ((src[srcOff + i] - mean) * inv);
    }
}
