package io.descatter.emsc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GramTest {
    /**
     * G and Q·u against plain dot products, for point counts that are and are not multiples of the kernel's group of four.
     * Entries in [-1, 1): sums of K products differ only in rounding order, ≈ √K·ε·K ≈ 1e-11 at worst for
     * K = 1557; 1e-10 absolute on sums of size up to K/3.
     */
    @ParameterizedTest
    @CsvSource({"7, 13", "100, 1556", "100, 1557", "3, 2", "5, 1"})
    void equalsDotProducts(int rows, int k) {
        Random random = new Random(rows * 31L + k);
        double[][] q = new double[rows][k];
        for (double[] row : q) for (int i = 0; i < k; i++) row[i] = 2 * random.nextDouble() - 1;
        double[] u = new double[k];
        for (int i = 0; i < k; i++) u[i] = 2 * random.nextDouble() - 1;
        double[][] g = new double[rows][rows];
        double[] qu = new double[rows];
        Gram gram = new Gram(rows);
        gram.compute(q, u, g, qu);
        gram.compute(q, u, g, qu); // reused buffers must not carry over
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
}
