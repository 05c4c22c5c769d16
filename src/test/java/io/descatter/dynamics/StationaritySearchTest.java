package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The search's logic on synthetic loss traces, with a fake clock. */
class StationaritySearchTest {
    /** Each window "takes" this long on the fake clock. */
    static final long WINDOW_NANOS = 10_000_000_000L;

    /**
     * An Ornstein-Uhlenbeck loss relaxing towards its level: L = base + gap·e^(−k·lr·t) + noise, the noise's size
     * ∝ √lr and its correlation time 1/(k·lr) in steps. {@code drift} adds a slope per step that never dies down.
     */
    static final class SyntheticProcess implements StationaritySearch.Process {
        final double k;
        final double gap0;
        final double drift;
        final double divergesAbove;
        final long[] clock;
        final SplittableRandom rng = new SplittableRandom(7);
        double gap;
        double ou;
        long t;
        int restarts;

        SyntheticProcess(double k, double gap, double drift, double divergesAbove, long[] clock) {
            this.k = k;
            this.gap0 = gap;
            this.gap = gap;
            this.drift = drift;
            this.divergesAbove = divergesAbove;
            this.clock = clock;
        }

        @Override
        public double[] run(double lr, long steps, int every) {
            clock[0] += WINDOW_NANOS;
            if (lr > divergesAbove) throw new DivergedException("diverged");
            double[] out = new double[(int) (steps / every)];
            double decay = Math.exp(-k * lr);
            for (long i = 1; i <= steps; i++) {
                t++;
                gap *= decay;
                ou = ou * decay + Math.sqrt(lr * (1 - decay * decay)) * rng.nextGaussian();
                if (i % every == 0) out[(int) (i / every) - 1] = 1 + gap + 0.01 * ou + drift * t;
            }
            return out;
        }

        @Override
        public void restart() {
            restarts++;
            gap = gap0;
            ou = 0;
            t = 0;
        }
    }

    static StationaritySearch.Outcome search(SyntheticProcess p, long[] clock, double startRate, long budgetWindows) {
        StationaritySearch.Settings s = new StationaritySearch.Settings(startRate, 0.25, 4, 2000, 5, budgetWindows * WINDOW_NANOS);
        return StationaritySearch.search(p, s, () -> 0, () -> clock[0], null);
    }

    @Test
    void aRelaxingLossIsFoundStationaryAfterItsBurnIn() {
        long[] clock = {0};
        // relaxes within ~1/(k·lr) = 100 steps at lr 1e-2: the second window at the first rate is stationary
        SyntheticProcess p = new SyntheticProcess(1.0, 0.05, 0, Double.POSITIVE_INFINITY, clock);
        StationaritySearch.Outcome o = search(p, clock, 1e-2, 20);
        assertTrue(o.stationary(), o.toString());
        assertEquals(1e-2, o.learningRate(), 1e-15);
        assertEquals(2000, o.burnIn(), "one burn-in window, then the stationary one: " + o.windows());
        assertTrue(o.windows().get(0).burnIn() && !o.last().burnIn());
        assertTrue(o.advice().isEmpty());
    }

    @Test
    void aSmoothDriftRaisesTheRate() {
        long[] clock = {0};
        // at lr 1e-3 the relaxation takes 1/(k·lr) = 10^6 steps and the noise hardly shows: every window is a straight
        // line; a larger rate relaxes faster and fluctuates more
        SyntheticProcess p = new SyntheticProcess(1e-3, 0.5, 0, Double.POSITIVE_INFINITY, clock);
        StationaritySearch.Outcome o = search(p, clock, 1e-3, 40);
        assertTrue(o.windows().get(1).test().z() < -o.windows().get(1).test().limit(), "the second window sees the fall");
        assertEquals(4e-3, o.windows().get(2).learningRate(), 1e-15, "after burn-in and one smooth window the rate goes up");
    }

    @Test
    void noisyDriftThatStopsShrinkingLowersTheRate() {
        long[] clock = {0};
        // a drift ∝ lr² hidden in noise ∝ √lr (a straight line explains little of it): its z stays put window after window at
        // one rate and falls as lr^1.5 at a smaller one
        StationaritySearch.Process p = new StationaritySearch.Process() {
            final SplittableRandom rng = new SplittableRandom(3);

            @Override
            public double[] run(double lr, long steps, int every) {
                clock[0] += WINDOW_NANOS;
                double[] out = new double[(int) (steps / every)];
                for (int i = 0; i < out.length; i++) out[i] = -lr * lr * 3e-5 * i + Math.sqrt(lr) * 0.01 * rng.nextGaussian();
                return out;
            }

            @Override
            public void restart() {
            }
        };
        StationaritySearch.Settings s = new StationaritySearch.Settings(1, 0.25, 4, 2000, 5, 40 * WINDOW_NANOS);
        StationaritySearch.Outcome o = StationaritySearch.search(p, s, () -> 0, () -> clock[0], null);
        assertTrue(o.stationary(), o.windows().toString());
        assertTrue(o.learningRate() < 1, "found at a lower rate: " + o.windows());
    }

    @Test
    void aLossThatNeverSettlesIsReportedNotStationaryWithAdvice() {
        long[] clock = {0};
        // a drift per step independent of the rate (and no noise to hide it): no rate and no burn-in makes it stationary
        SyntheticProcess p = new SyntheticProcess(1.0, 0, -1e-4, Double.POSITIVE_INFINITY, clock);
        StationaritySearch.Outcome o = search(p, clock, 1e-2, 30);
        assertFalse(o.stationary(), o.toString());
        assertTrue(o.reason().contains("time limit"), o.reason());
        assertEquals(30, o.windows().size(), "burn-in goes on at the largest rate allowed until the time is used");
        assertEquals(0.64, o.last().learningRate(), 1e-12, "a straight-line drift raised the rate to the last one allowed");
        assertTrue(o.advice().contains("still falling") && o.advice().contains("--lr"), o.advice());
        assertTrue(o.windows().stream().noneMatch(w -> w.test().stationary()));
    }

    @Test
    void theTimeLimitEndsTheSearchAndSaysSo() {
        long[] clock = {0};
        SyntheticProcess p = new SyntheticProcess(1.0, 0, -1e-4, Double.POSITIVE_INFINITY, clock);
        StationaritySearch.Outcome o = search(p, clock, 1e-2, 3);
        assertFalse(o.stationary());
        assertEquals(3, o.windows().size(), "after 3 windows of 10 s, a fourth would end past the 30 s: " + o.windows());
        assertTrue(o.reason().contains("time limit"), o.reason());
    }

    @Test
    void aDivergenceRestartsAtASmallerRate() {
        long[] clock = {0};
        SyntheticProcess p = new SyntheticProcess(1.0, 0.05, 0, 5e-3, clock);
        StationaritySearch.Outcome o = search(p, clock, 1e-2, 20);
        assertEquals(1, p.restarts);
        assertTrue(o.stationary(), o.toString());
        assertEquals(2.5e-3, o.learningRate(), 1e-15);
        assertEquals(2000, o.burnIn(), "burn-in counts from the restart");
    }
}
