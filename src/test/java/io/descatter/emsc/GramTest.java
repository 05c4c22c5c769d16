package io.descatter.emsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GramTest {
    /**
     * G and Q·u against plain dot products, Java kernel and OpenBLAS, for point counts that are and are not
     * multiples of the Java kernel's group of four.
     * Entries in [-1, 1): sums of K products differ only in rounding order, ≈ √K·ε·K ≈ 1e-11 at worst for
     * K = 1557; 1e-10 absolute on sums of size up to K/3.
     */
    @ParameterizedTest
    @CsvSource({"7, 13, false", "100, 1556, false", "100, 1557, false", "3, 2, false", "5, 1, false",
                "7, 13, true", "100, 1556, true", "100, 1557, true", "3, 2, true", "5, 1, true"})
    void equalsDotProducts(int rows, int k, boolean openBlas) {
        assertTrue(!openBlas || NativeGram.AVAILABLE, "OpenBLAS did not load on linux-x86_64");
        Random random = new Random(rows * 31L + k);
        double[][] q = new double[rows][k];
        for (double[] row : q) for (int i = 0; i < k; i++) row[i] = 2 * random.nextDouble() - 1;
        double[] u = new double[k];
        for (int i = 0; i < k; i++) u[i] = 2 * random.nextDouble() - 1;
        double[][] g = new double[rows][rows];
        double[] qu = new double[rows];
        Gram gram = new Gram(rows, openBlas);
        gram.compute(q, u, g, qu);
        gram.compute(q, u, g, qu); // reused buffers must not carry over
        if (k > 1) { // and a new point count replaces them
            double[][] shorter = new double[rows][k - 1];
            gram.compute(shorter, new double[k - 1], g, qu);
            gram.compute(q, u, g, qu);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < rows; c++) {
                double s = 0;
                for (int i = 0; i < k; i++) s += q[r][i] * q[c][i];
                assertEquals(s, g[r][c], 1e-10, "G[" + r + "][" + c + "]");
            }
            double s = 0;
            for (int i = 0; i < k; i++) s += q[r][i] * u[i];
            assertEquals(s, qu[r], 1e-10, "(Q·u)[" + r + "]");
        }
    }

    /** Qᵀ times weight vectors (the loadings) against plain sums, Java kernel and OpenBLAS, after a compute(). */
    @ParameterizedTest
    @CsvSource({"7, 13, 3, false", "100, 1556, 7, false", "100, 1557, 14, false",
                "7, 13, 3, true", "100, 1556, 7, true", "100, 1557, 14, true"})
    void combinesRows(int rows, int k, int count, boolean openBlas) {
        Random random = new Random(rows * 17L + k);
        double[][] q = new double[rows][k];
        for (double[] row : q) for (int i = 0; i < k; i++) row[i] = 2 * random.nextDouble() - 1;
        double[][] weights = new double[count][rows];
        for (double[] w : weights) for (int r = 0; r < rows; r++) w[r] = 2 * random.nextDouble() - 1;
        Gram gram = new Gram(rows, openBlas);
        gram.compute(q, new double[k], new double[rows][rows], new double[rows]);
        double[][] out = new double[count][k];
        gram.combineRows(q, weights, count, out);
        gram.combineRows(q, weights, count, out); // reused buffers must not carry over
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < k; i++) {
                double s = 0;
                for (int r = 0; r < rows; r++) s += weights[c][r] * q[r][i];
                assertEquals(s, out[c][i], 1e-12, "out[" + c + "][" + i + "]");
            }
        }
    }

    /** Q·x and Qᵀ·y (the fit without loadings) against plain sums, Java kernel and OpenBLAS, after a compute(). */
    @ParameterizedTest
    @CsvSource({"7, 13, false", "100, 1556, false", "7, 13, true", "100, 1556, true", "100, 1557, true"})
    void multipliesVectors(int rows, int k, boolean openBlas) {
        Random random = new Random(rows * 7L + k);
        double[][] q = new double[rows][k];
        for (double[] row : q) for (int i = 0; i < k; i++) row[i] = 2 * random.nextDouble() - 1;
        double[] x = new double[k];
        for (int i = 0; i < k; i++) x[i] = 2 * random.nextDouble() - 1;
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) y[r] = 2 * random.nextDouble() - 1;
        Gram gram = new Gram(rows, openBlas);
        gram.compute(q, new double[k], new double[rows][rows], new double[rows]);
        double[] qx = new double[rows];
        double[] qty = new double[k];
        gram.times(q, x, qx);
        gram.transposeTimes(q, y, qty);
        gram.transposeTimes(q, y, qty); // reused buffers must not carry over
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < k; i++) s += q[r][i] * x[i];
            assertEquals(s, qx[r], 1e-10, "(Q·x)[" + r + "]");
        }
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int r = 0; r < rows; r++) s += q[r][i] * y[r];
            assertEquals(s, qty[i], 1e-12, "(Qᵀ·y)[" + i + "]");
        }
    }
}
