package io.descatter.dynamics;

/**
 * The fast engine: plain double arithmetic for bias-free linear chains, with every buffer allocated once, so a step
 * costs only its floating-point work. Gradients are those of ½‖y − f(x)‖² averaged over the minibatch.
 */
public final class FastLinearSgd implements SgdEngine {
    private final LinearChain chain;
    private final double eta;
    private final double[] params;
    private final double[] grad;
    /** Activations a_0 = x, a_{l+1} = W_l a_l of one sample. */
    private final double[][] act;
    /** Back-propagated errors ∂/∂a_l of one sample. */
    private final double[][] err;

    public FastLinearSgd(LinearChain chain, double eta, double[] initial) {
        if (initial.length != chain.parameterCount()) throw new IllegalArgumentException("wrong parameter count");
        this.chain = chain;
        this.eta = eta;
        this.params = initial.clone();
        this.grad = new double[chain.parameterCount()];
        this.act = new double[chain.layers() + 1][];
        this.err = new double[chain.layers() + 1][];
        for (int l = 0; l <= chain.layers(); l++) {
            act[l] = new double[chain.width(l)];
            err[l] = new double[chain.width(l)];
        }
    }

    @Override public LinearChain chain() { return chain; }

    @Override public double learningRate() { return eta; }

    @Override public String name() { return "fast"; }

    @Override
    public void step(double[] xb, double[] yb, int batch) {
        gradient(params, xb, yb, batch, grad);
        double[] p = params;
        double[] g = grad;
        for (int i = 0; i < p.length; i++) p[i] -= eta * g[i];
    }

    /**
     * Writes the minibatch mean gradient of ½‖y − f(x)‖² at {@code theta} into {@code out}; allocation-free.
     */
    public void gradient(double[] theta, double[] xb, double[] yb, int batch, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        int layers = chain.layers();
        int d = chain.inputs();
        int o = chain.outputs();
        for (int b = 0; b < batch; b++) {
            System.arraycopy(xb, b * d, act[0], 0, d);
            for (int l = 0; l < layers; l++) multiply(theta, l, act[l], act[l + 1]);
            double[] top = err[layers];
            double[] out0 = act[layers];
            for (int j = 0; j < o; j++) top[j] = out0[j] - yb[b * o + j];
            for (int l = layers - 1; l >= 0; l--) {
                accumulateOuter(out, l, err[l + 1], act[l]);
                if (l > 0) multiplyTransposed(theta, l, err[l + 1], err[l]);
            }
        }
        double inv = 1.0 / batch;
        for (int i = 0; i < out.length; i++) out[i] *= inv;
    }

    private void multiply(double[] theta, int layer, double[] in, double[] out) {
        int cols = chain.width(layer);
        int rows = chain.width(layer + 1);
        int off = chain.offset(layer);
        for (int r = 0; r < rows; r++) {
            double s = 0;
            int base = off + r * cols;
            for (int c = 0; c < cols; c++) s += theta[base + c] * in[c];
            out[r] = s;
        }
    }

    private void multiplyTransposed(double[] theta, int layer, double[] in, double[] out) {
        int cols = chain.width(layer);
        int rows = chain.width(layer + 1);
        int off = chain.offset(layer);
        java.util.Arrays.fill(out, 0.0);
        for (int r = 0; r < rows; r++) {
            double e = in[r];
            int base = off + r * cols;
            for (int c = 0; c < cols; c++) out[c] += theta[base + c] * e;
        }
    }

    private void accumulateOuter(double[] g, int layer, double[] e, double[] a) {
        int cols = chain.width(layer);
        int rows = chain.width(layer + 1);
        int off = chain.offset(layer);
        for (int r = 0; r < rows; r++) {
            double er = e[r];
            int base = off + r * cols;
            for (int c = 0; c < cols; c++) g[base + c] += er * a[c];
        }
    }

    @Override
    public void readParameters(double[] out) {
        System.arraycopy(params, 0, out, 0, params.length);
    }

    @Override
    public void setParameters(double[] p) {
        System.arraycopy(p, 0, params, 0, params.length);
    }
}
