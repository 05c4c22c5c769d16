package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stationarity check of {@code descatter stability} calls a truly stationary loss unsteady at the rate it
 * promises (two-sided 0.27 %, the rate of |z| ≥ 3 for a normal variable) whatever the number of batches per half:
 * checked on independent normal losses, for which the batch means are exactly normal.
 */
class StationarityTest {
    @Test
    void theThresholdIsStudentsAtTheLevelOfThreeSigma() {
        assertEquals(3.0, CorrectionStability.Stationarity.limit(500_000), 1e-3, "many degrees of freedom: the normal 3");
        // 8 batches a half: 14 degrees of freedom; t(0.99865, 14) = 3.64 (tables)
        assertEquals(3.64, CorrectionStability.Stationarity.limit(8), 0.01);
    }

    /**
     * 20,000 windows of independent normal losses with 2 and with 8 batches per half. Expected false alarms
     * 0.27 % · 20,000 = 54 (binomial standard error 7.3); the bounds are 5 standard errors either side. With the
     * old fixed |z| < 3 and 2 batches per half the rate is 9.5 % (t with 2 degrees of freedom: 1,900 alarms).
     */
    @Test
    void aStationaryLossIsCalledUnsteadyAtThePromisedRate() {
        for (int batchesPerHalf : new int[] {2, 8}) {
            Random rnd = new Random(17 + batchesPerHalf);
            int trials = 20_000;
            int alarms = 0;
            double[] loss = new double[4 * batchesPerHalf]; // half = 2·batches points: batches of 2
            for (int t = 0; t < trials; t++) {
                for (int i = 0; i < loss.length; i++) loss[i] = 1 + 0.1 * rnd.nextGaussian();
                CorrectionStability.Stationarity s = CorrectionStability.Stationarity.of(loss);
                assertEquals(batchesPerHalf, s.batchesPerHalf());
                if (!s.stationary()) alarms++;
            }
            double expected = 0.0027 * trials;
            double se = Math.sqrt(trials * 0.0027 * (1 - 0.0027));
            assertTrue(Math.abs(alarms - expected) < 5 * se, batchesPerHalf + " batches a half: " + alarms + " alarms, expected "
                    + expected + " ± " + se);
        }
    }
}
