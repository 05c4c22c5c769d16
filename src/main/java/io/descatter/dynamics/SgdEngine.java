package io.descatter.dynamics;

/**
 * One SGD implementation over the {@link LinearChain} parameter layout: θ ← θ − η ĝ, with ĝ the minibatch mean
 * gradient of ½‖y − f(x)‖².
 */
public interface SgdEngine {
    LinearChain chain();

    /** The step size η of the theory's convention. */
    double learningRate();

    /** One step on the minibatch xb (B x d), yb (B x o). */
    void step(double[] xb, double[] yb, int batch);

    /** Copies the current parameters into {@code out}. */
    void readParameters(double[] out);

    void setParameters(double[] params);

    /** Name for reports: "fast" or "dl4j". */
    String name();
}
