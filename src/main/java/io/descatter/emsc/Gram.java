package io.descatter.emsc;

/**
 * {@code G = Q·Qᵀ} for a row-major rows × K matrix: the inner loop of ME-EMSC's compression, so written with
 * 2 × 4 register blocks (eight independent accumulators, six loads per eight multiply-adds) over the lower
 * triangle, mirrored at the end.
 */
final class Gram {
    private Gram() {
    }

    static void compute(double[] q, int rows, int k, double[] g) {
        int r = 0;
        for (; r + 1 < rows; r += 2) {
            int a0 = r * k;
            int a1 = a0 + k;
            int c = 0;
            for (; c + 3 <= r + 1 && c + 3 < rows; c += 4) {
                int b0 = c * k;
                int b1 = b0 + k;
                int b2 = b1 + k;
                int b3 = b2 + k;
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                for (int i = 0; i < k; i++) {
                    double x0 = q[a0 + i];
                    double x1 = q[a1 + i];
                    double y0 = q[b0 + i];
                    double y1 = q[b1 + i];
                    double y2 = q[b2 + i];
                    double y3 = q[b3 + i];
                    s00 += x0 * y0;
                    s01 += x0 * y1;
                    s02 += x0 * y2;
                    s03 += x0 * y3;
                    s10 += x1 * y0;
                    s11 += x1 * y1;
                    s12 += x1 * y2;
                    s13 += x1 * y3;
                }
                g[r * rows + c] = s00;
                g[r * rows + c + 1] = s01;
                g[r * rows + c + 2] = s02;
                g[r * rows + c + 3] = s03;
                g[(r + 1) * rows + c] = s10;
                g[(r + 1) * rows + c + 1] = s11;
                g[(r + 1) * rows + c + 2] = s12;
                g[(r + 1) * rows + c + 3] = s13;
            }
            for (; c <= r + 1; c++) {
                g[r * rows + c] = dot(q, a0, c * k, k);
                g[(r + 1) * rows + c] = dot(q, a1, c * k, k);
            }
        }
        for (; r < rows; r++) {
            for (int c = 0; c <= r; c++) g[r * rows + c] = dot(q, r * k, c * k, k);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = i + 1; j < rows; j++) g[i * rows + j] = g[j * rows + i];
        }
    }

    private static double dot(double[] q, int a, int b, int k) {
        double s = 0;
        for (int i = 0; i < k; i++) s += q[a + i] * q[b + i];
        return s;
    }
}
