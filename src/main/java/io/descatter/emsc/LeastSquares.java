package io.descatter.emsc;

import io.descatter.util.Sums;

/**
 * Ordinary least squares {@code min ‖y − X·β‖} for one design matrix X (K rows, m columns, K ≥ m) by a
 * Householder QR factorisation, factored once and solved for any number of right-hand sides. Immutable after
 * construction, so one instance may serve many threads.
 *
 * <p>QR rather than normal equations: the EMSC columns (reference, constant, polynomial, Mie loadings) are
 * far from orthogonal, and forming XᵀX would square their condition number.
 */
public final class LeastSquares {
    /** Relative size of a diagonal element of R below which the columns count as dependent. */
    private static final double RANK_TOLERANCE = 1e-12;

    private final int rows;
    private final int cols;
    /** Householder vectors below the diagonal, R on and above it; column-major, qr[c][r]. */
    private final double[][] qr;
    private final double[] rDiagonal;
    private final double[] beta;

    /**
     * @param columns the m columns of X, each of length K (not modified)
     * @throws SingularFitException when the columns are linearly dependent or contain NaN/infinity
     */
    public LeastSquares(double[][] columns) {
        cols = columns.length;
        rows = columns[0].length;
        if (rows < cols) throw new SingularFitException("fewer points (" + rows + ") than model terms (" + cols + ")");
        qr = new double[cols][];
        for (int c = 0; c < cols; c++) {
            if (columns[c].length != rows) throw new IllegalArgumentException("columns of different lengths");
            qr[c] = columns[c].clone();
        }
        rDiagonal = new double[cols];
        beta = new double[cols];
        factor();
    }

    private void factor() {
        double largest = 0;
        for (int c = 0; c < cols; c++) {
            double[] v = qr[c];
            double norm = Math.sqrt(Sums.dot(v, v, c, rows));
            if (!Double.isFinite(norm)) throw new SingularFitException("model column " + (c + 1) + " is not finite");
            double alpha = v[c] > 0 ? -norm : norm;
            rDiagonal[c] = alpha;
            largest = Math.max(largest, norm);
            if (norm == 0 || norm <= RANK_TOLERANCE * largest) {
                throw new SingularFitException("model column " + (c + 1) + " depends linearly on the others");
            }
            // v = x − alpha·e_c, reflector H = I − beta·v·vᵀ with beta = 1/(norm·(norm + |x_c|))
            v[c] -= alpha;
            beta[c] = 1 / (norm * (norm + Math.abs(v[c] + alpha)));
            for (int c2 = c + 1; c2 < cols; c2++) reflect(c, qr[c2]);
        }
    }

    /** Applies the c-th reflector to {@code x} in place (rows c..K−1). */
    private void reflect(int c, double[] x) {
        double[] v = qr[c];
        double f = beta[c] * Sums.dot(v, x, c, rows);
        for (int r = c; r < rows; r++) x[r] -= f * v[r];
    }

    public int terms() {
        return cols;
    }

    /** The coefficients β for {@code y}; {@code work} is K values of scratch. */
    public double[] solve(double[] y, double[] work) {
        if (y.length != rows) throw new IllegalArgumentException("expected " + rows + " values");
        System.arraycopy(y, 0, work, 0, rows);
        for (int c = 0; c < cols; c++) reflect(c, work);
        double[] b = new double[cols];
        for (int c = cols - 1; c >= 0; c--) {
            double s = work[c];
            for (int c2 = c + 1; c2 < cols; c2++) s -= qr[c2][c] * b[c2];
            b[c] = s / rDiagonal[c];
        }
        return b;
    }

    public double[] solve(double[] y) {
        return solve(y, new double[rows]);
    }
}
