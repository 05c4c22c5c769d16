package io.descatter.dynamics;

/**
 * The least-squares minimum Ŵ of a dataset (o x d row-major), its residuals r_n = y_n − Ŵ x_n (N x o) and the
 * residual loss L(Ŵ) = (1/2N) Σ ‖r_n‖².
 */
public record LeastSquares(double[] weights, double[] residuals, double residualLoss) {

    public static LeastSquares fit(Dataset data) {
        int n = data.size();
        int d = data.inputs();
        int o = data.outputs();
        if (n < d) throw new IllegalArgumentException("N = " + n + " < d = " + d + ": the minimum is not unique");
        double[] hx = data.inputSecondMoment();
        double[] w = new double[o * d];
        for (int j = 0; j < o; j++) {
            double[] xty = new double[d];
            for (int s = 0; s < n; s++)
                for (int i = 0; i < d; i++) xty[i] += data.x()[s * d + i] * data.y()[s * o + j] / n;
            double[] row = Linalg.solve(hx, xty, d);
            System.arraycopy(row, 0, w, j * d, d);
        }
        double[] r = new double[n * o];
        double loss = 0;
        for (int s = 0; s < n; s++)
            for (int j = 0; j < o; j++) {
                double v = data.y()[s * o + j];
                for (int i = 0; i < d; i++) v -= w[j * d + i] * data.x()[s * d + i];
                r[s * o + j] = v;
                loss += v * v;
            }
        return new LeastSquares(w, r, loss / (2.0 * n));
    }
}
