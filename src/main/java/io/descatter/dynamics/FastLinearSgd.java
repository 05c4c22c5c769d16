package io.descatter.dynamics;

import java.util.Arrays;

/**
 * The fast engine: plain double arithmetic for bias-free linear chains, with every buffer allocated once, so a step
 * costs only its floating-point work. Gradients are those of ½‖y − f(x)‖² averaged over the minibatch.
 *
 * <p>A linear chain needs no per-sample back-propagation: with the end-to-end matrix A = W_{L−1}···W_0 (o x d) and
 * the minibatch error moment G = (1/B) Σ_b (A x_b − y_b) x_bᵀ (o x d), every layer's mean gradient is
 * ∇W_l = (W_{L−1}···W_{l+1})ᵀ G (W_{l−1}···W_0)ᵀ. The minibatch enters only through G (2·o·d·B multiply-adds), the
 * rest costs the same for any B: for d = 14, h = 10, o = 1, B = 5 about 700 multiply-adds a step instead of the
 * 1,700 of per-sample back-propagation. It is the same sum in another order, so the trajectory equals DL4J's to
 * rounding (EngineEquivalenceTest).
 */
public final class FastLinearSgd implements SgdEngine {
    private final LinearChain chain;
    private final double eta;
    private final double[] params;
    /** prefix[l] = W_{l−1}···W_0 (width_l x d) for l ≥ 2; P_1 = W_0 is read from the parameters in place. */
    private final double[][] prefix;
    /** back[l] = (W_{L−1}···W_l)ᵀ G (width_l x d) for 1 ≤ l ≤ L; back[L] = G. */
    private final double[][] back;

    public FastLinearSgd(LinearChain chain, double eta, double[] initial) {
        if (initial.length != chain.parameterCount()) throw new IllegalArgumentException("wrong parameter count");
        this.chain = chain;
        this.eta = eta;
        this.params = initial.clone();
        int layers = chain.layers();
        int d = chain.inputs();
        this.prefix = new double[layers + 1][];
        this.back = new double[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            if (l >= 2) prefix[l] = new double[chain.width(l) * d];
            back[l] = new double[chain.width(l) * d];
        }
    }

    @Override public LinearChain chain() { return chain; }

    @Override public double learningRate() { return eta; }

    @Override public String name() { return "fast"; }

    @Override
    public void step(double[] xb, double[] yb, int batch) {
        pass(params, xb, yb, batch, params, true);
    }

    /**
     * Writes the minibatch mean gradient of ½‖y − f(x)‖² at {@code theta} into {@code out}; allocation-free.
     */
    public void gradient(double[] theta, double[] xb, double[] yb, int batch, double[] out) {
        pass(theta, xb, yb, batch, out, false);
    }

    /**
     * One forward and backward pass at θ. With {@code update} each layer's gradient g is applied as out −= η g as
     * soon as nothing later reads the layer's old weights (out = θ: one fused step, no gradient buffer); without,
     * out = g.
     */
    private void pass(double[] theta, double[] xb, double[] yb, int batch, double[] out, boolean update) {
        int layers = chain.layers();
        int d = chain.inputs();
        int o = chain.outputs();
        // forward: the prefix products, the last of which is A
        for (int l = 2; l <= layers; l++)
            multiply(theta, chain.offset(l - 1), chain.width(l), chain.width(l - 1), prefixArray(theta, l - 1), d, prefix[l]);
        double[] a = prefixArray(theta, layers);
        // G = (1/B) Σ_b (A x_b − y_b) x_bᵀ
        double[] g = back[layers];
        Arrays.fill(g, 0.0);
        double inv = 1.0 / batch;
        for (int b = 0; b < batch; b++) {
            int xo = b * d;
            for (int j = 0; j < o; j++) {
                int row = j * d;
                double f = 0;
                for (int i = 0; i < d; i++) f += a[row + i] * xb[xo + i];
                double e = (f - yb[b * o + j]) * inv;
                for (int i = 0; i < d; i++) g[row + i] += e * xb[xo + i];
            }
        }
        // backward: back[l] = W_lᵀ back[l+1] (reads the old W_l), then ∇W_l = back[l+1] P_lᵀ (P_l holds W_0..W_{l−1},
        // still old: they are updated later in this loop)
        double step = update ? eta : 0;
        for (int l = layers - 1; l >= 1; l--) {
            multiplyTransposedLeft(theta, chain.offset(l), chain.width(l + 1), chain.width(l), back[l + 1], d, back[l]);
            multiplyTransposedRight(back[l + 1], chain.width(l + 1), d, prefixArray(theta, l), chain.width(l), out,
                    chain.offset(l), update, step);
        }
        double[] g0 = back[1]; // P_0 = I: ∇W_0 = back[1]
        int n0 = chain.size(0);
        if (update) {
            for (int i = 0; i < n0; i++) out[i] -= step * g0[i];
        } else {
            System.arraycopy(g0, 0, out, chain.offset(0), n0);
        }
    }

    /** P_l: W_0 itself (in θ, at offset 0) for l = 1, else the buffer. */
    private double[] prefixArray(double[] theta, int l) {
        return l == 1 ? theta : prefix[l];
    }

    /** out = W (rows x inner, in theta at off) · m (inner x cols). */
    private static void multiply(double[] theta, int off, int rows, int inner, double[] m, int cols, double[] out) {
        for (int r = 0; r < rows; r++) {
            int ro = r * cols;
            Arrays.fill(out, ro, ro + cols, 0.0);
            for (int k = 0; k < inner; k++) {
                double w = theta[off + r * inner + k];
                int mo = k * cols;
                for (int c = 0; c < cols; c++) out[ro + c] += w * m[mo + c];
            }
        }
    }

    /**
     * g[r][c] = Σ_i left[r][i] · right[c][i], left (rows x cols) · right (n x cols)ᵀ, written to out[off + r·n + c],
     * or with {@code update} applied there as out −= step · g.
     */
    private static void multiplyTransposedRight(double[] left, int rows, int cols, double[] right, int n, double[] out, int off,
                                                boolean update, double step) {
        for (int r = 0; r < rows; r++) {
            int lo = r * cols;
            for (int c = 0; c < n; c++) {
                int ro = c * cols;
                double s = 0;
                for (int i = 0; i < cols; i++) s += left[lo + i] * right[ro + i];
                int k = off + r * n + c;
                if (update) out[k] -= step * s; else out[k] = s;
            }
        }
    }

    /** out = Wᵀ · m: W (rows x inner, in theta at off), m (rows x cols), out (inner x cols). */
    private static void multiplyTransposedLeft(double[] theta, int off, int rows, int inner, double[] m, int cols, double[] out) {
        Arrays.fill(out, 0, inner * cols, 0.0);
        for (int r = 0; r < rows; r++) {
            int mo = r * cols;
            for (int k = 0; k < inner; k++) {
                double w = theta[off + r * inner + k];
                int oo = k * cols;
                for (int c = 0; c < cols; c++) out[oo + c] += w * m[mo + c];
            }
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
