package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SignalToNoiseTest {
    private static final int POINTS = 1556;

    /** Bands of a cell-like spectrum on the 1.93 cm⁻¹ grid: Gaussians of 6-20 points' s.d. on a gentle slope. */
    private static double[] bands() {
        double[] v = new double[POINTS];
        double[][] b = {{340, 1.0, 8}, {300, 0.6, 10}, {60, 0.3, 14}, {120, 0.2, 6}, {1020, 0.5, 12}, {1060, 0.3, 9}, {1300, 0.4, 20}};
        for (int i = 0; i < POINTS; i++) {
            v[i] = 0.05 + 0.00002 * i;
            for (double[] band : b) v[i] += band[1] * Math.exp(-0.5 * Math.pow((i - band[0]) / band[2], 2));
        }
        return v;
    }

    @Test
    void theThresholdIsTheRatioAtWhichNoiseAloneLimitsRTo099() {
        assertEquals(1 / Math.sqrt(1 - 0.99 * 0.99), SignalToNoise.THRESHOLD, 5e-4);
        assertEquals(0.99, SignalToNoise.agreementLimit(SignalToNoise.THRESHOLD), 1e-5);
        assertTrue(SignalToNoise.flags(7.0) && !SignalToNoise.flags(7.2) && !SignalToNoise.flags(Double.NaN));
    }

    /**
     * The ratio's limit on r is the r that white noise of that size actually leaves, at noise levels around the threshold
     * (ratios of about 34, 17, 8.5 and 5.6).
     */
    @Test
    void theLimitIsTheAgreementWhiteNoiseLeaves() {
        double[] clean = bands();
        Random rnd = new Random(11);
        for (double sigma : new double[] {0.005, 0.01, 0.02, 0.03}) {
            double[] noisy = clean.clone();
            for (int i = 0; i < POINTS; i++) noisy[i] += sigma * rnd.nextGaussian();
            double snr = SignalToNoise.of(noisy, 0, POINTS);
            double r = Metrics.pearson(noisy, clean);
            // 1556 points: the noise variance's estimate carries a few per cent of sampling error, which moves the limit by
            // less than 0.003 at these ratios (at a ratio of 2 by about 0.01)
            assertEquals(r, SignalToNoise.agreementLimit(snr), 0.003, "noise s.d. " + sigma + ": ratio " + snr);
        }
    }

    @Test
    void aNoiseFreeSpectrumIsNotFlaggedAndTheOffsetIsRespected() {
        double[] clean = bands();
        double snr = SignalToNoise.of(clean, 0, POINTS);
        assertTrue(snr > 50, "the bands' own curvature reads as little noise: " + snr);
        assertFalse(SignalToNoise.flags(snr));
        double[] two = new double[2 * POINTS];
        Random rnd = new Random(3);
        for (int i = 0; i < POINTS; i++) two[i] = rnd.nextGaussian(); // noise only, before the spectrum
        System.arraycopy(clean, 0, two, POINTS, POINTS);
        assertEquals(snr, SignalToNoise.of(two, POINTS, POINTS), 1e-9 * snr);
        assertEquals(1.0, SignalToNoise.of(two, 0, POINTS), 0.1, "white noise alone: the ratio of its s.d. to itself");
    }

    @Test
    void degenerateSpectraHaveNoRatio() {
        assertTrue(Double.isNaN(SignalToNoise.of(new double[] {1, 2}, 0, 2)), "too short");
        assertTrue(Double.isNaN(SignalToNoise.of(new double[50], 0, 50)), "constant");
        double[] line = new double[50];
        for (int i = 0; i < line.length; i++) line[i] = i; // exact second differences: 0
        assertEquals(Double.POSITIVE_INFINITY, SignalToNoise.of(line, 0, 50), "a straight line has no noise");
    }
}
