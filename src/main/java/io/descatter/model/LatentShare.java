package io.descatter.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The numerator of the {@link ScatteringShare} (Σ detail² of the network's output) for a dense network whose last
 * layer is linear, from that layer's input (96 values for the shipped models) instead of its output (1,556). The
 * output is y = h·W + b and the detail is linear, so detail(y) = h·detail(W) + detail(b), and
 * Σ detail(y)² = ‖[h, 1]·L‖², where L·Lᵀ = D·Dᵀ for D the rows detail(W) and detail(b): one small product per batch
 * instead of another three passes of moving averages per spectrum. Equal to the direct sum to float rounding (tested).
 */
final class LatentShare {
    /** The rows of L for h: inputs × rank. */
    private final INDArray factor;
    /** The row of L for the constant 1: 1 × rank. */
    private final INDArray offset;
    private INDArray products;
    private float[] values = new float[0];

    private LatentShare(INDArray factor, INDArray offset) {
        this.factor = factor;
        this.offset = offset;
    }

    /** The computation for {@code dense} with the model's detail {@code filter}, or null where its last layer is not linear. */
    static LatentShare of(DenseInference dense, DetailPassThrough.Filter filter, int points) {
        if (dense == null || !dense.lastLayerLinear()) return null;
        INDArray w = dense.lastWeights();
        if (w.columns() != points) return null;
        int k = (int) w.rows();
        double[][] d = new double[k + 1][points];
        double[] row = new double[points];
        for (int j = 0; j < k; j++) {
            double[] wj = w.getRow(j).castTo(DataType.DOUBLE).toDoubleVector();
            filter.detail(wj, 0, d[j]);
        }
        if (dense.lastBias() != null) {
            System.arraycopy(dense.lastBias().castTo(DataType.DOUBLE).toDoubleVector(), 0, row, 0, points);
            filter.detail(row, 0, d[k]);
        }
        INDArray dd = Nd4j.create(d);
        INDArray gram = dd.mmul(dd.transpose());
        PcaCompression.Eigen eig = PcaCompression.symmetricEigen(gram, k + 1);
        double top = 0;
        for (double v : eig.values()) top = Math.max(top, v);
        // L = V·√Λ over the directions with any energy; the others add nothing to ‖[h, 1]·L‖²
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < k + 1; c++) if (eig.values()[c] > 1e-12 * top) kept.add(c);
        float[] f = new float[k * kept.size()];
        float[] o = new float[kept.size()];
        for (int c = 0; c < kept.size(); c++) {
            int col = kept.get(c);
            double root = Math.sqrt(eig.values()[col]);
            for (int j = 0; j < k; j++) f[j * kept.size() + c] = (float) (eig.vectors()[j][col] * root);
            o[c] = (float) (eig.vectors()[k][col] * root);
        }
        return new LatentShare(Nd4j.create(f, new long[] {k, kept.size()}, 'c'), Nd4j.create(o, new long[] {1, kept.size()}, 'c'));
    }

    /**
     * Σ detail² of the network's outputs for the {@code rows} last-layer inputs {@code lastInput} (rows × inputs, as
     * {@link DenseInference#lastInput()} holds them) into {@code out}. Not thread-safe (a replica's own instance).
     */
    void removedEnergies(INDArray lastInput, int rows, double[] out) {
        int rank = (int) factor.columns();
        if (products == null || products.rows() != rows) {
            products = Nd4j.create(DataType.FLOAT, new long[] {rows, rank}, 'f');
            values = new float[rows * rank];
        }
        Nd4j.gemm(lastInput, factor, products, false, false, 1.0, 0.0);
        products.addiRowVector(offset);
        products.data().asNioFloat().get(values, 0, rows * rank);
        java.util.Arrays.fill(out, 0, rows, 0);
        for (int c = 0; c < rank; c++) {
            int base = c * rows; // Fortran order: column c of all rows
            for (int r = 0; r < rows; r++) {
                double v = values[base + r];
                out[r] += v * v;
            }
        }
    }

    /** A copy with its own buffers, for another thread. */
    LatentShare copy() {
        return new LatentShare(factor, offset);
    }
}
