package io.descatter.model;

/**
 * How far a correction's own noise limits its agreement with the noise-free spectrum: the corrected spectrum's standard
 * deviation over that of its white noise, estimated from second differences (for white noise of s.d. σ, the mean
 * square second difference is 6σ²; bands and the broad shape add next to nothing to it at the grids of FTIR cell
 * and tissue spectra: ratios of 35 and more on noise-free simulated spectra). A correction with the detail pass-through
 * keeps its input's noise unchanged, so {@code correct} takes the noise from the standardised input's second
 * differences, which its confidence score reads anyway ({@link #ratio}); {@link #of} takes both from one spectrum.
 *
 * <p>Why it matters: models with the detail pass-through ({@link DetailPassThrough}) keep the measured noise, as
 * ME-EMSC does, so even a perfect correction of a noisy spectrum agrees with the noise-free one at most to
 * r = √(1 − 1/SNR²). Below {@value #THRESHOLD} (r = 0.99, the bar of a right correction in docs/MODEL.md,
 * "Confidence") the noise alone keeps it from agreeing better; band ratios of weak bands (phosphate, ester) then
 * follow the noise more than the chemistry. The threshold comes from that definition, not from data.
 *
 * <p>Thread-safe (static arithmetic).
 */
public final class SignalToNoise {
    /** The agreement the flag asks for: r against the noise-free spectrum. */
    public static final double AGREEMENT = 0.99;
    /** Below it the noise alone limits r to less than {@link #AGREEMENT}: 1 / √(1 − 0.99²) = 7.089. */
    public static final double THRESHOLD = 7.089;

    private SignalToNoise() {
    }

    /**
     * The signal-to-noise ratio of the {@code n} values of {@code v} from {@code off}: s.d. over the white noise's s.d.
     * (infinite for a spectrum without noise, NaN for fewer than three points or a constant one). One pass, two
     * sums of each kind side by side (Java does not vectorise floating-point sums).
     */
    public static double of(double[] v, int off, int n) {
        if (n < 3) return Double.NaN;
        double s0 = 0, s1 = 0, q0 = 0, q1 = 0, d0 = 0, d1 = 0;
        int end = off + n;
        int i = off + 1;
        for (; i + 2 < end; i += 2) {
            double a = v[i];
            double b = v[i + 1];
            double da = v[i + 1] - 2 * a + v[i - 1];
            double db = v[i + 2] - 2 * b + a;
            s0 += a;
            s1 += b;
            q0 += a * a;
            q1 += b * b;
            d0 += da * da;
            d1 += db * db;
        }
        for (; i < end - 1; i++) {
            double a = v[i];
            double da = v[i + 1] - 2 * a + v[i - 1];
            s0 += a;
            q0 += a * a;
            d0 += da * da;
        }
        // the end points: in the sums, not in a second difference
        double first = v[off];
        double last = v[end - 1];
        double sum = s0 + s1 + first + last;
        double squares = q0 + q1 + first * first + last * last;
        double mean = sum / n;
        double variance = Math.max(0, squares / n - mean * mean);
        return ratio(variance, d0 + d1, n);
    }

    /**
     * The ratio from a signal variance and the Σ (second difference)² of the noise's carrier over {@code points}
     * values, both in the same units: √(variance / (Σ/(points − 2)/6)).
     */
    public static double ratio(double signalVariance, double secondDifferenceEnergy, int points) {
        if (points < 3 || !(signalVariance > 0)) return Double.NaN;
        double noiseVariance = secondDifferenceEnergy / (points - 2) / 6;
        return noiseVariance > 0 ? Math.sqrt(signalVariance / noiseVariance) : Double.POSITIVE_INFINITY;
    }

    /** Σ (second difference)² of the {@code n} values of {@code v} from {@code off}; two sums side by side. */
    public static double secondDifferenceEnergy(float[] v, int off, int n) {
        double d0 = 0, d1 = 0;
        int end = off + n;
        int i = off + 1;
        for (; i + 2 < end; i += 2) {
            double da = (double) v[i + 1] - 2.0 * v[i] + v[i - 1];
            double db = (double) v[i + 2] - 2.0 * v[i + 1] + v[i];
            d0 += da * da;
            d1 += db * db;
        }
        for (; i < end - 1; i++) {
            double da = (double) v[i + 1] - 2.0 * v[i] + v[i - 1];
            d0 += da * da;
        }
        return d0 + d1;
    }

    /** Whether the noise alone keeps a correction under r = {@value #AGREEMENT} (NaN is not flagged). */
    public static boolean flags(double snr) {
        return snr < THRESHOLD;
    }

    /** The largest r against the noise-free spectrum that a spectrum of this signal-to-noise ratio allows. */
    public static double agreementLimit(double snr) {
        return Math.sqrt(Math.max(0, 1 - 1 / (snr * snr)));
    }
}
