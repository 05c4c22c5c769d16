package io.descatter.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much of a spectrum's detail a model with a {@link DetailPassThrough} removed as scattering, and where that is
 * too much to trust the correction. The share is ‖detail(network output)‖ / ‖detail(standardised input)‖: the
 * network's output carries the scattering's fine structure (the resonant Mie ripples) with a minus sign, so the share
 * grows with the scattering, and the worst corrections are those of strongly scattering spectra. Spectra above the
 * threshold, the {@link #PERCENTILE}th percentile of the shares of the training run's validation inputs (simulated
 * data), are flagged.
 *
 * @param threshold shares above it are flagged
 * @param percentile the percentile of the validation shares that the threshold is
 * @param validationQuantiles the validation inputs' shares at 50, 80, 90, 95, 99 % and their maximum
 */
public record ScatteringShare(double threshold, double percentile, Map<String, Double> validationQuantiles) {
    /** The validation percentile of the threshold: a fifth of typical spectra, the most strongly scattering, lie above. */
    public static final double PERCENTILE = 80;

    /** The calibration from the shares of the validation inputs. */
    public static ScatteringShare calibrate(double[] validationShares) {
        double[] s = Arrays.stream(validationShares).filter(Double::isFinite).sorted().toArray();
        if (s.length == 0) throw new IllegalArgumentException("no finite share to calibrate on");
        Map<String, Double> q = new LinkedHashMap<>();
        for (double p : new double[] {50, 80, 90, 95, 99}) q.put("q" + Math.round(p), quantile(s, p / 100));
        q.put("max", s[s.length - 1]);
        return new ScatteringShare(quantile(s, PERCENTILE / 100), PERCENTILE, q);
    }

    /**
     * The share of a spectrum from two detail energies (Σ detail² of the network's output and of the standardised
     * input): √(removed / input); NaN where the input has no detail.
     */
    public static double of(double removedEnergy, double inputEnergy) {
        return inputEnergy > 0 ? Math.sqrt(removedEnergy / inputEnergy) : Double.NaN;
    }

    /** Whether a share is above the threshold (NaN, where a spectrum has no detail, is not). */
    public boolean flags(double share) {
        return share > threshold;
    }

    /** Linear interpolation between order statistics of sorted values (numpy's default). */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
