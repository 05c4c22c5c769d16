package io.descatter.emsc;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;
import static org.bytedeco.openblas.global.openblas.blas_set_num_threads;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * {@code G = Q·Qᵀ} and {@code Q·u} through OpenBLAS ({@code dsyrk}, {@code dgemv}), the BLAS that ND4J ships
 * (same library, same version). Its AVX2 register-blocked kernel does ME-EMSC's largest step in about half the
 * time of the best JIT-vectorised Java loop (measured by {@code bench emsc}). One instance per thread: it holds
 * native copies of Q, u and G.
 */
final class NativeGram {
    /** True when the native library loaded (it is part of the linux-x86_64 build; elsewhere Java is used). */
    static final boolean AVAILABLE = load();

    private final int rows;
    private int points = -1;
    private DoublePointer q;
    private DoublePointer u;
    private final DoublePointer g;
    private final DoublePointer qu;
    private final double[] flat;
    private DoublePointer weightBuffer;
    private DoublePointer combined;
    private DoublePointer pointVector;

    NativeGram(int rows) {
        this.rows = rows;
        g = new DoublePointer((long) rows * rows);
        qu = new DoublePointer(rows);
        flat = new double[rows * rows];
    }

    /**
     * The library runs single-threaded: ME-EMSC already uses one thread per spectrum, and OpenBLAS's own
     * threads would compete with them. (ND4J sets the count again wherever the network runs.)
     */
    private static boolean load() {
        try {
            Loader.load(openblas.class);
            blas_set_num_threads(1);
            return true;
        } catch (Throwable unavailable) { // UnsatisfiedLinkError, or no natives for this platform
            return false;
        }
    }

    /** As {@link Gram#compute}: the full symmetric G into g, Q·u into qu. */
    void compute(double[][] rowsOfQ, double[] vector, double[][] gOut, double[] quOut) {
        int k = rowsOfQ[0].length;
        if (k != points) {
            q = new DoublePointer((long) rows * k);
            u = new DoublePointer(k);
            combined = null;
            weightBuffer = null;
            pointVector = new DoublePointer(k);
            points = k;
        }
        for (int r = 0; r < rows; r++) q.position((long) r * k).put(rowsOfQ[r], 0, k);
        q.position(0);
        u.put(vector, 0, k);
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, rows, k, 1.0, q, k, 0.0, g, rows);
        cblas_dgemv(CblasRowMajor, CblasNoTrans, rows, k, 1.0, q, k, u, 1, 0.0, qu, 1);
        g.get(flat);
        qu.get(quOut, 0, rows);
        for (int r = 0; r < rows; r++) {
            double[] gr = gOut[r];
            for (int c = r; c < rows; c++) {
                double v = flat[r * rows + c];
                gr[c] = v;
                gOut[c][r] = v;
            }
        }
    }

    /** As {@link Gram#combineRows}, with the Q of the last {@link #compute}: one dgemm. */
    void combineRows(double[][] weights, int count, double[][] out) {
        int k = points;
        if (weightBuffer == null || weightBuffer.capacity() < (long) count * rows) {
            weightBuffer = new DoublePointer((long) count * rows);
            combined = new DoublePointer((long) count * k);
        } else if (combined.capacity() < (long) count * k) {
            combined = new DoublePointer((long) count * k);
        }
        for (int c = 0; c < count; c++) weightBuffer.position((long) c * rows).put(weights[c], 0, rows);
        weightBuffer.position(0);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, count, k, rows, 1.0, weightBuffer, rows, q, k,
                0.0, combined, k);
        for (int c = 0; c < count; c++) combined.position((long) c * k).get(out[c], 0, k);
        combined.position(0);
    }

    /** As {@link Gram#times}: {@code out = Q·x} with the Q of the last {@link #compute} (one dgemv). */
    void times(double[] x, double[] out) {
        pointVector.put(x, 0, points);
        cblas_dgemv(CblasRowMajor, CblasNoTrans, rows, points, 1.0, q, points, pointVector, 1, 0.0, qu, 1);
        qu.get(out, 0, rows);
    }

    /** As {@link Gram#transposeTimes}: {@code out = Qᵀ·y} with the Q of the last {@link #compute} (one dgemv). */
    void transposeTimes(double[] y, double[] out) {
        qu.put(y, 0, rows);
        cblas_dgemv(CblasRowMajor, CblasTrans, rows, points, 1.0, q, points, qu, 1, 0.0, pointVector, 1);
        pointVector.get(out, 0, points);
    }
}
