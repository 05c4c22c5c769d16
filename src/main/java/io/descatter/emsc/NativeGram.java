package io.descatter.emsc;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasUpper;
import static org.bytedeco.openblas.global.openblas.blas_set_num_threads;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;

/**
 * A yardstick for {@code bench emsc}, not used by the corrector: the time OpenBLAS's native, AVX2-blocked
 * {@code dsyrk} (shipped with ND4J) takes for a Gram matrix of ME-EMSC's size, one thread. It shows how far the
 * JIT-vectorised {@link Gram} kernel is from native code, and what a native Gram matrix would leave of the
 * per-iteration budget.
 */
final class NativeGram {
    private static final int CURVES = 100;

    private NativeGram() {
    }

    /** CPU microseconds per {@code Q·Qᵀ} (upper triangle) for a 100 × {@code points} matrix. */
    static double micros(int points) {
        blas_set_num_threads(1);
        double[] values = new SplittableRandom(1).doubles(CURVES * points).toArray();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (DoublePointer q = new DoublePointer(values); DoublePointer g = new DoublePointer((long) CURVES * CURVES)) {
            int reps = 300;
            long elapsed = 0;
            for (int round = 0; round < 2; round++) { // the first round warms up
                long start = cpu.getCurrentThreadCpuTime();
                for (int rep = 0; rep < reps; rep++) {
                    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, CURVES, points, 1.0, q, points, 0.0, g, CURVES);
                }
                elapsed = cpu.getCurrentThreadCpuTime() - start;
            }
            return elapsed / 1e3 / reps;
        }
    }
}
