package io.descatter.dynamics;

/**
 * A finite training set: inputs X (N x d) and targets Y (N x o), both row-major.
 */
public record Dataset(double[] x, double[] y, int size, int inputs, int outputs) {

    public Dataset {
        if (x.length != size * inputs || y.length != size * outputs) throw new IllegalArgumentException("shape");
    }

    /** Training loss (1/2N) Σ ‖y_n − f(x_n)‖² of a linear chain with parameters {@code params}. */
    public double loss(LinearChain chain, double[] params) {
        double[] w = chain.product(params);
        return loss(w);
    }

    /** Training loss of the single matrix W (o x d row-major). */
    public double loss(double[] w) {
        double s = 0;
        for (int n = 0; n < size; n++)
            for (int j = 0; j < outputs; j++) {
                double r = y[n * outputs + j];
                for (int i = 0; i < inputs; i++) r -= w[j * inputs + i] * x[n * inputs + i];
                s += r * r;
            }
        return s / (2.0 * size);
    }

    /** H_x = XᵀX / N (d x d row-major). */
    public double[] inputSecondMoment() {
        int d = inputs;
        double[] h = new double[d * d];
        for (int n = 0; n < size; n++)
            for (int i = 0; i < d; i++) {
                double xi = x[n * d + i];
                for (int k = i; k < d; k++) h[i * d + k] += xi * x[n * d + k];
            }
        for (int i = 0; i < d; i++)
            for (int k = i; k < d; k++) {
                h[i * d + k] /= size;
                h[k * d + i] = h[i * d + k];
            }
        return h;
    }

    /** Copies the rows {@code indices[0..b)} into the minibatch buffers (no allocation). */
    public void gather(int[] indices, int b, double[] xb, double[] yb) {
        for (int k = 0; k < b; k++) {
            System.arraycopy(x, indices[k] * inputs, xb, k * inputs, inputs);
            System.arraycopy(y, indices[k] * outputs, yb, k * outputs, outputs);
        }
    }
}
