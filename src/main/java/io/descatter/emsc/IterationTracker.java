package io.descatter.emsc;

import java.util.ArrayList;
import java.util.List;

/** Applies the stop rule to the RMSEs of successive ME-EMSC iterations and remembers the best iterate. */
final class IterationTracker {
    private final MeEmscOptions options;
    private final List<Double> rounded = new ArrayList<>();
    private MeEmscCorrector.Iterate best;
    private int lastImprovement;
    private boolean stop;

    IterationTracker(MeEmscOptions options) {
        this.options = options;
    }

    void add(MeEmscCorrector.Iterate it) {
        rounded.add(MeEmscResult.roundTo4Decimals(it.rmse()));
        int k = rounded.size();
        if (options.stopRule() == StopRule.MATLAB) {
            if (best == null || it.rmse() < best.rmse()) best = it;
            if (k > 2) {
                double r = rounded.get(k - 1);
                double r1 = rounded.get(k - 2);
                double r2 = rounded.get(k - 3);
                stop = r > r1 || (r == r1 && r == r2);
            }
        } else {
            if (best == null || it.rmse() + options.tolerance() < best.rmse()) {
                best = it;
                lastImprovement = k;
            }
            stop = k > options.patience() + 1 && k - lastImprovement > options.patience();
        }
        if (k >= options.maxIterations()) stop = true;
    }

    boolean done() {
        return stop;
    }

    int count() {
        return rounded.size();
    }

    MeEmscCorrector.Iterate best() {
        return best;
    }
}
