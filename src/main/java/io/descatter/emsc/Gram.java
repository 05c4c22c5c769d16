package io.descatter.emsc;

import java.util.Arrays;

/**
 * {@code G = Q·Qᵀ} for a rows × K matrix (one array per row), ME-EMSC's most expensive step (rows²·K/2 multiply-adds).
 * One instance per thread (it holds its buffers). OpenBLAS ({@link NativeGram}) does the work where its native
 * library loads; the Java kernel below is the fallback elsewhere.
 *
 * <p>The Java kernel adds four outer products {@code x_p·x_pᵀ} (x_p = column p of Q, gathered into its own array) at a
 * time into the upper triangle, row by row: {@code row_r[c] += Σ a_p·x_p[c]}. The JIT vectorises that loop only
 * because every array in it is indexed by the same c; with G as one flat array ({@code g[r·rows + c]}) it cannot
 * rule out that G's store overlaps the loads and keeps it scalar. Measured on the 2-core EPYC build machine:
 * ≈ 0.9–1.3 ms for 100 × 1556, against 2.3–3.5 ms for the scalar 2 × 4 register-blocked dot-product kernel it
 * replaces (a dot product is a serial floating-point reduction, which the JIT does not vectorise).
 */
final class Gram {
    private static final int GROUP = 4;

    private final int rows;
    private final NativeGram nativeKernel;
    private double[][] upper;
    private double[][] columns;

    Gram(int rows) {
        this(rows, NativeGram.AVAILABLE);
    }

    /** @param useNative OpenBLAS (true, where available) or the Java kernel */
    Gram(int rows, boolean useNative) {
        this.rows = rows;
        nativeKernel = useNative ? new NativeGram(rows) : null;
    }

    /**
     * Writes the full symmetric G into g (one array per row) and, in the same pass, {@code Q·u} into qu (a vector
     * of K values; the projection ME-EMSC's orthogonalisation needs).
     */
    void compute(double[][] q, double[] u, double[][] g, double[] qu) {
        if (nativeKernel != null) {
            nativeKernel.compute(q, u, g, qu);
            return;
        }
        if (upper == null) {
            upper = new double[rows][rows];
            columns = new double[GROUP][rows];
        }
        int n = rows;
        int k = q[0].length;
        for (double[] row : upper) Arrays.fill(row, 0);
        Arrays.fill(qu, 0);
        double[] x0 = columns[0];
        double[] x1 = columns[1];
        double[] x2 = columns[2];
        double[] x3 = columns[3];
        for (int p = 0; p < k; p += GROUP) {
            if (p + GROUP <= k) {
                for (int r = 0; r < n; r++) {
                    double[] qr = q[r];
                    x0[r] = qr[p];
                    x1[r] = qr[p + 1];
                    x2[r] = qr[p + 2];
                    x3[r] = qr[p + 3];
                }
            } else { // the last few points; zero columns add nothing
                for (int j = 0; j < GROUP; j++) {
                    double[] x = columns[j];
                    for (int r = 0; r < n; r++) x[r] = p + j < k ? q[r][p + j] : 0;
                }
            }
            double u0 = u[p];
            double u1 = p + 1 < k ? u[p + 1] : 0;
            double u2 = p + 2 < k ? u[p + 2] : 0;
            double u3 = p + 3 < k ? u[p + 3] : 0;
            for (int r = 0; r < n; r++) qu[r] += x0[r] * u0 + x1[r] * u1 + x2[r] * u2 + x3[r] * u3;
            for (int r = 0; r < n; r++) {
                double a0 = x0[r];
                double a1 = x1[r];
                double a2 = x2[r];
                double a3 = x3[r];
                double[] row = upper[r];
                for (int c = r; c < n; c++) row[c] += a0 * x0[c] + a1 * x1[c] + a2 * x2[c] + a3 * x3[c];
            }
        }
        for (int r = 0; r < n; r++) {
            double[] row = upper[r];
            double[] gr = g[r];
            for (int c = r; c < n; c++) {
                gr[c] = row[c];
                g[c][r] = row[c];
            }
        }
    }

    /**
     * {@code out[c] = Σ_r weights[c][r]·q[r]} for c below count (a K-vector each: Qᵀ times the weights), where q is
     * the matrix of the last {@link #compute} (OpenBLAS reuses its copy). Java: chunk by chunk of points, so that
     * each chunk of Q is read once for all c.
     */
    void combineRows(double[][] q, double[][] weights, int count, double[][] out) {
        if (nativeKernel != null) {
            nativeKernel.combineRows(weights, count, out);
            return;
        }
        int k = q[0].length;
        for (int c = 0; c < count; c++) Arrays.fill(out[c], 0);
        for (int p0 = 0; p0 < k; p0 += 256) {
            int p1 = Math.min(k, p0 + 256);
            for (int r = 0; r < rows; r++) {
                double[] qr = q[r];
                for (int c = 0; c < count; c++) {
                    double a = weights[c][r];
                    double[] oc = out[c];
                    for (int i = p0; i < p1; i++) oc[i] += a * qr[i];
                }
            }
        }
    }

    /** {@code out = Q·x} (rows values) for the q of the last {@link #compute}. */
    void times(double[][] q, double[] x, double[] out) {
        if (nativeKernel != null) {
            nativeKernel.times(x, out);
            return;
        }
        for (int r = 0; r < rows; r++) out[r] = io.descatter.util.Sums.dot(q[r], x);
    }

    /** {@code out = Qᵀ·y} (K values) for the q of the last {@link #compute}. */
    void transposeTimes(double[][] q, double[] y, double[] out) {
        if (nativeKernel != null) {
            nativeKernel.transposeTimes(y, out);
            return;
        }
        Arrays.fill(out, 0);
        for (int r = 0; r < rows; r++) {
            double a = y[r];
            double[] qr = q[r];
            for (int i = 0; i < out.length; i++) out[i] += a * qr[i];
        }
    }
}
