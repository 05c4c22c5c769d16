package io.descatter.dynamics;

/** Receives the parameters after recorded SGD steps; the array is reused, copy what must be kept. */
@FunctionalInterface
public interface StepObserver {
    void observe(long step, double[] params);
}
