package io.descatter.dynamics;

import java.util.function.LongConsumer;

/** Runs an {@link SgdEngine} on a {@link MinibatchSource}: a burn-in, then a recorded window. */
public final class SgdSimulation {
    private final SgdEngine engine;
    private final MinibatchSource source;
    private final double[] xb;
    private final double[] yb;
    private final double[] params;

    public SgdSimulation(SgdEngine engine, MinibatchSource source) {
        if (source.inputs() != engine.chain().inputs() || source.outputs() != engine.chain().outputs())
            throw new IllegalArgumentException("minibatches do not fit the network " + engine.chain());
        this.engine = engine;
        this.source = source;
        this.xb = new double[source.batchSize() * source.inputs()];
        this.yb = new double[source.batchSize() * source.outputs()];
        this.params = new double[engine.chain().parameterCount()];
    }

    public SgdEngine engine() { return engine; }

    /** Runs {@code steps} steps without recording (burn-in). */
    public void advance(long steps) {
        int b = source.batchSize();
        for (long s = 0; s < steps; s++) {
            source.next(xb, yb);
            engine.step(xb, yb, b);
        }
    }

    /**
     * Runs {@code steps} steps and shows the parameters after every {@code stride}-th one to the observer;
     * {@code progress} (may be null) receives the number of steps done about every 1 % of the run.
     */
    public void record(long steps, int stride, StepObserver observer, LongConsumer progress) {
        int b = source.batchSize();
        long every = Math.max(1, steps / 100);
        for (long s = 1; s <= steps; s++) {
            source.next(xb, yb);
            engine.step(xb, yb, b);
            if (s % stride == 0) {
                engine.readParameters(params);
                observer.observe(s, params);
            }
            if (progress != null && s % every == 0) progress.accept(s);
        }
    }

    /** Runs {@code steps} steps and feeds every {@code stride}-th parameter vector into {@code moments}. */
    public void record(long steps, int stride, BatchedMoments moments) {
        record(steps, stride, (s, p) -> moments.add(p), null);
    }
}
