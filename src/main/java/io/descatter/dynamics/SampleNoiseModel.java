package io.descatter.dynamics;

/**
 * {@link NoiseModel} of a single linear layer W (o x d) on a finite training set with residuals r_n at the
 * least-squares minimum: θ = vec W row-major, A_n = I_o ⊗ x_n x_nᵀ, b_n = r_n ⊗ x_n, averages over n = 1..N.
 */
public final class SampleNoiseModel implements NoiseModel {
    private final double[] x;
    private final double[] residuals;
    private final int n;
    private final int d;
    private final int o;

    /**
     * @param x         inputs N x d row-major (these may be transformed features, as in the two-layer reduction)
     * @param residuals residuals y_n − Ŵ x_n at the minimum, N x o row-major (Σ_n r_n x_nᵀ = 0)
     */
    public SampleNoiseModel(double[] x, double[] residuals, int n, int d, int o) {
        if (x.length != n * d || residuals.length != n * o) throw new IllegalArgumentException("shape");
        this.x = x.clone();
        this.residuals = residuals.clone();
        this.n = n;
        this.d = d;
        this.o = o;
    }

    /** The model of a dataset at its least-squares minimum. */
    public static SampleNoiseModel atMinimum(Dataset data) {
        LeastSquares ls = LeastSquares.fit(data);
        return new SampleNoiseModel(data.x(), ls.residuals(), data.size(), data.inputs(), data.outputs());
    }

    @Override public int dimension() { return o * d; }

    /** H_x = (1/N) Σ x_n x_nᵀ (d x d). */
    public double[] inputSecondMoment() {
        double[] h = new double[d * d];
        for (int s = 0; s < n; s++)
            for (int i = 0; i < d; i++) {
                double xi = x[s * d + i] / n;
                for (int j = 0; j < d; j++) h[i * d + j] += xi * x[s * d + j];
            }
        return h;
    }

    @Override
    public double[] hessian() {
        return Linalg.kronecker(Linalg.identity(o), o, o, inputSecondMoment(), d, d);
    }

    @Override
    public double[] noiseAtMinimum() {
        int p = o * d;
        double[] c = new double[p * p];
        for (int s = 0; s < n; s++)
            for (int j = 0; j < o; j++)
                for (int k = 0; k < o; k++) {
                    double rr = residuals[s * o + j] * residuals[s * o + k] / n;
                    if (rr == 0) continue;
                    for (int a = 0; a < d; a++) {
                        double xa = rr * x[s * d + a];
                        int row = (j * d + a) * p + k * d;
                        for (int b = 0; b < d; b++) c[row + b] += xa * x[s * d + b];
                    }
                }
        return c;
    }

    @Override
    public double[] fourthMoment(double[] sigma) {
        int p = o * d;
        double[] out = new double[p * p];
        for (int s = 0; s < n; s++) {
            int xs = s * d;
            for (int j = 0; j < o; j++)
                for (int k = 0; k < o; k++) {
                    // block (j, k) gains (x_nᵀ Σ_jk x_n) x_n x_nᵀ / N
                    double q = 0;
                    for (int a = 0; a < d; a++) {
                        double row = 0;
                        int base = (j * d + a) * p + k * d;
                        for (int b = 0; b < d; b++) row += sigma[base + b] * x[xs + b];
                        q += x[xs + a] * row;
                    }
                    q /= n;
                    for (int a = 0; a < d; a++) {
                        double xa = q * x[xs + a];
                        int base = (j * d + a) * p + k * d;
                        for (int b = 0; b < d; b++) out[base + b] += xa * x[xs + b];
                    }
                }
        }
        return out;
    }
}
