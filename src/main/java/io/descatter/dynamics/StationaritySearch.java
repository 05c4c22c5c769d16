package io.descatter.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Finds a learning rate and a burn-in at which an SGD run's loss is stationary, within a time budget. The run goes
 * on in windows of equal length; each window's monitored loss is tested with {@link CorrectionStability.Stationarity}
 * (first half against second half). The first window at every learning rate is burn-in only (the state relaxes
 * after a change of rate); a later window that passes ends the search, and that window is the recorded one. A
 * window that is all drift (a straight line explains ≥ 90 % of its variance: SGD's noise too weak to show) raises
 * the rate by 1/shrink, which relaxes faster and fluctuates more; a noisy window that still drifts keeps the rate
 * while its z shrinks (burn-in), else lowers it by shrink (the drift's z falls as √lr); a divergence restarts from
 * the start at a lower rate. Rates once left for being too quiet or too loud are not gone back to; when no other
 * rate is allowed, burn-in goes on. The search gives up, saying why and what to run next, when the next window would
 * overrun the time limit, or when SGD diverges at the last rate it may try.
 */
public final class StationaritySearch {
    /** A window's |z| must fall below this fraction of the previous one for burn-in to go on at the same rate. */
    static final double PROGRESS = 0.8;
    /** The share of a window's loss variance that a straight line explains, above which the window is all drift. */
    static final double TREND_SHARE = 0.9;

    /** An SGD run whose learning rate may change between windows. */
    public interface Process {
        /**
         * Runs {@code steps} more steps at {@code learningRate} and returns the monitored loss after every
         * {@code every}-th step. May throw {@link DivergedException}.
         */
        double[] run(double learningRate, long steps, int every);

        /** Back to the starting weights (after a divergence). */
        void restart();
    }

    /**
     * @param startRate      the first learning rate
     * @param shrink         factor (0, 1) applied to the rate when burn-in does not help
     * @param rates          how many rates at most (start included)
     * @param window         steps per window
     * @param every          steps between monitored losses (and snapshots)
     * @param budgetNanos    time for the whole search
     */
    public record Settings(double startRate, double shrink, int rates, long window, int every, long budgetNanos) {
        public Settings {
            if (!(startRate > 0) || !Double.isFinite(startRate)) throw new IllegalArgumentException("--lr must be positive");
            if (!(shrink > 0 && shrink < 1)) throw new IllegalArgumentException("--shrink must lie in (0, 1), got " + shrink);
            if (rates < 1) throw new IllegalArgumentException("--rates must be at least 1");
            if (every < 1 || window / every < 8) {
                throw new IllegalArgumentException("--window / --every must give at least 8 losses a window, got " + (every < 1 ? 0 : window / every));
            }
            if (budgetNanos <= 0) throw new IllegalArgumentException("--time-limit must be positive");
        }
    }

    /** One tested window. */
    public record Window(double learningRate, long firstStep, long lastStep, boolean burnIn, CorrectionStability.Stationarity test,
                         double seconds) {
        /** A line for the console. */
        public String describe() {
            CorrectionStability.Stationarity s = test;
            String verdict = s.stationary() ? (burnIn ? "steady, but burn-in after a change of rate" : "stationary")
                    : s.z() < 0 ? "still falling" : "still rising";
            return String.format(Locale.ROOT, "lr %.3g, steps %d-%d: loss %.5e -> %.5e, z = %.2f (limit %.2f): %s", learningRate,
                    firstStep, lastStep, s.firstHalf(), s.secondHalf(), s.z(), s.limit(), verdict);
        }
    }

    /**
     * The answer.
     * @param stationary   whether a stationary window was found
     * @param learningRate the rate of that window (else the last rate tried)
     * @param burnIn       steps before that window, at all rates
     * @param windows      every tested window, in order
     * @param reason       why the search stopped
     * @param advice       what to run next when it found nothing (empty when it did)
     */
    public record Outcome(boolean stationary, double learningRate, long burnIn, List<Window> windows, String reason, String advice) {
        public Window last() {
            return windows.get(windows.size() - 1);
        }
    }

    private StationaritySearch() {
    }

    /**
     * @param reserveNanos time to keep for the work after the search (the profiles of the recorded window), as known so far
     * @param clock        nanoseconds (System::nanoTime; a fake clock in tests)
     * @param onWindow     sees every window as it ends (progress)
     */
    public static Outcome search(Process process, Settings s, LongSupplier reserveNanos, LongSupplier clock, Consumer<Window> onWindow) {
        long start = clock.getAsLong();
        List<Window> windows = new ArrayList<>();
        double rate = s.startRate();
        double floor = 0; // rates at or below it were left for being too quiet: never go back down there
        double ceiling = Double.POSITIVE_INFINITY; // rates at or above it diverged or drifted: never go back up
        int ratesUsed = 1;
        int atRate = 0;
        long step = 0;
        double previous = Double.POSITIVE_INFINITY;
        double slowest = 0;
        while (true) {
            long used = clock.getAsLong() - start;
            if (used + slowest + reserveNanos.getAsLong() > s.budgetNanos()) {
                return giveUp(windows, s, String.format(Locale.ROOT, "the time limit (%.0f s) leaves no room for another window of %d "
                        + "steps (the slowest took %.0f s) and the profiles", s.budgetNanos() * 1e-9, s.window(), slowest * 1e-9));
            }
            long t0 = clock.getAsLong();
            double[] loss;
            try {
                loss = process.run(rate, s.window(), s.every());
            } catch (DivergedException e) {
                process.restart();
                step = 0;
                ceiling = Math.min(ceiling, rate);
                if (ratesUsed >= s.rates() || rate * s.shrink() <= floor) {
                    return giveUp(windows, s, String.format(Locale.ROOT, "SGD diverged at lr %.3g", rate));
                }
                rate *= s.shrink();
                ratesUsed++;
                atRate = 0;
                previous = Double.POSITIVE_INFINITY;
                continue;
            }
            slowest = Math.max(slowest, clock.getAsLong() - t0);
            Window win = new Window(rate, step + 1, step + s.window(), atRate == 0, CorrectionStability.Stationarity.of(loss),
                    (clock.getAsLong() - t0) * 1e-9);
            step += s.window();
            atRate++;
            windows.add(win);
            if (onWindow != null) onWindow.accept(win);
            if (win.test().stationary() && !win.burnIn()) {
                return new Outcome(true, rate, step - s.window(), List.copyOf(windows),
                        String.format(Locale.ROOT, "the loss is stationary at lr %.3g after %d steps of burn-in", rate, step - s.window()), "");
            }
            double z = Math.abs(win.test().z());
            double next = rate;
            if (!win.burnIn() && trendDominated(loss)) {
                // a smooth drift with no visible noise: SGD's noise is too weak to explore; a larger rate relaxes faster and fluctuates more
                if (rate / s.shrink() < ceiling) {
                    floor = Math.max(floor, rate);
                    next = rate / s.shrink();
                }
            } else if (!win.burnIn() && z > PROGRESS * previous) {
                // noisy but still drifting, and burn-in no longer helps: the drift's z falls as √lr at a smaller rate
                if (rate * s.shrink() > floor) {
                    ceiling = Math.min(ceiling, rate);
                    next = rate * s.shrink();
                }
            }
            if (next != rate && ratesUsed < s.rates()) {
                rate = next;
                ratesUsed++;
                atRate = 0;
                previous = Double.POSITIVE_INFINITY;
                continue;
            }
            // no change of rate: burn-in goes on (a relaxation slows down; the time limit ends a drift that does not)
            previous = z;
        }
    }

    /** A window whose loss is mostly a straight line in time (R² ≥ {@link #TREND_SHARE}): drift, no visible noise. */
    static boolean trendDominated(double[] loss) {
        int n = loss.length;
        double mx = (n - 1) / 2.0;
        double my = 0;
        for (double v : loss) my += v / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (i - mx) * (i - mx);
            sxy += (i - mx) * (loss[i] - my);
            syy += (loss[i] - my) * (loss[i] - my);
        }
        return syy > 0 && sxy * sxy / (sxx * syy) >= TREND_SHARE;
    }

    private static Outcome giveUp(List<Window> windows, Settings s, String reason) {
        String advice;
        if (windows.isEmpty()) {
            advice = "raise --time-limit: not even one window of " + s.window() + " steps fitted";
        } else {
            Window last = windows.get(windows.size() - 1);
            boolean falling = last.test().z() < 0;
            boolean smooth = windows.size() > 0 && last.test().z() != 0 && Math.abs(last.test().z()) > last.test().limit();
            advice = String.format(Locale.ROOT, "the loss was still %s at lr %.3g (z = %.1f); run again with a longer --time-limit "
                            + "(the burn-in goes on at that rate), or start there: --lr %.3g%s",
                    falling ? "falling" : "rising", last.learningRate(), last.test().z(), last.learningRate(),
                    smooth ? ", with a longer --window when the drift is slow" : "");
        }
        double rate = windows.isEmpty() ? s.startRate() : windows.get(windows.size() - 1).learningRate();
        return new Outcome(false, rate, 0, List.copyOf(windows), reason, advice);
    }
}
