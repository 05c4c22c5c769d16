package io.descatter.dynamics;

import java.util.SplittableRandom;

/** Seeded random matrices for teachers and starting points. */
public final class RandomMatrices {
    private RandomMatrices() {
    }

    /** i.i.d. N(0, scale²) entries, rows x cols row-major. */
    public static double[] gaussian(int rows, int cols, double scale, SplittableRandom rng) {
        double[] m = new double[rows * cols];
        for (int i = 0; i < m.length; i++) m[i] = scale * rng.nextGaussian();
        return m;
    }

    /** A rows x cols matrix (rows ≥ cols) with orthonormal columns: Gram-Schmidt on a Gaussian matrix. */
    public static double[] orthonormalColumns(int rows, int cols, SplittableRandom rng) {
        if (cols > rows) throw new IllegalArgumentException("more columns than rows");
        double[] q = gaussian(rows, cols, 1, rng);
        for (int c = 0; c < cols; c++) {
            for (int pass = 0; pass < 2; pass++) // twice is enough for double precision orthogonality
                for (int prev = 0; prev < c; prev++) {
                    double dot = 0;
                    for (int r = 0; r < rows; r++) dot += q[r * cols + c] * q[r * cols + prev];
                    for (int r = 0; r < rows; r++) q[r * cols + c] -= dot * q[r * cols + prev];
                }
            double norm = 0;
            for (int r = 0; r < rows; r++) norm += q[r * cols + c] * q[r * cols + c];
            norm = Math.sqrt(norm);
            for (int r = 0; r < rows; r++) q[r * cols + c] /= norm;
        }
        return q;
    }

    /** An h x d matrix (h ≤ d) with the given singular values and random singular vectors: P diag(s) Qᵀ. */
    public static double[] withSingularValues(int h, int d, double[] singular, SplittableRandom rng) {
        if (singular.length != h || h > d) throw new IllegalArgumentException("need h ≤ d singular values");
        double[] p = orthonormalColumns(h, h, rng);
        double[] q = orthonormalColumns(d, h, rng);
        double[] m = new double[h * d];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int k = 0; k < h; k++) s += p[r * h + k] * singular[k] * q[c * h + k];
                m[r * d + c] = s;
            }
        return m;
    }

    /** Log-spaced values from lo to hi inclusive. */
    public static double[] logSpaced(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo * Math.pow(hi / lo, n == 1 ? 0 : (double) i / (n - 1));
        return v;
    }
}
