package io.descatter.emsc;

import io.descatter.physics.ExtinctionCurves;
import io.descatter.physics.KramersKronig;
import io.descatter.physics.RefractiveIndex;
import io.descatter.util.Counted;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Speed of ME-EMSC on measured spectra (not a test): milliseconds per spectrum with one thread and with all
 * threads, and where one iteration spends its time. {@code descatter bench emsc} calls {@link #run}.
 *
 * <p>The caller reads the spectra and the reference (the CLI through the spectra I/O package), so that this
 * package does not depend on it.
 */
public final class EmscBenchmark {
    private EmscBenchmark() {
    }

    /**
     * The figures of one run.
     *
     * @param cpuMsPerSpectrumOneThread CPU ms per spectrum of each one-thread pass, in the order run
     * @param stageMicros microseconds per call of each stage of one iteration, in {@link #STAGES} order
     */
    public record Figures(int spectra, int points, int components, double meanIterations, int threads,
                          double msPerSpectrumOneThread, double[] cpuMsPerSpectrumOneThread,
                          double msPerSpectrumAllThreads, double[] stageMicros, double javaGramMicros) {

        /** The median of the one-thread passes' CPU ms per spectrum. */
        public double medianCpuMs() {
            double[] sorted = cpuMsPerSpectrumOneThread.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        public void print(PrintWriter out) {
            out.printf("ME-EMSC on %s of %d points, %d Mie components, %.1f iterations on average%n",
                    Counted.spectra(spectra), points, components, meanIterations);
            double[] cpu = cpuMsPerSpectrumOneThread;
            out.printf("  1 thread : %8.2f ms of CPU time per spectrum, the median of %d passes (range %.2f-%.2f; "
                            + "the machine's speed drifts between passes), %.2f ms of wall time per spectrum in all%n",
                    medianCpuMs(), cpu.length, Arrays.stream(cpu).min().orElse(0), Arrays.stream(cpu).max().orElse(0),
                    msPerSpectrumOneThread);
            out.printf("  %d threads: %8.2f ms per spectrum%n", threads, msPerSpectrumAllThreads);
            out.println("  one iteration, by stage (µs of CPU time):");
            double sum = 0;
            for (int s = 0; s < STAGES.size(); s++) {
                out.printf("    %-44s %9.1f%n", STAGES.get(s), stageMicros[s]);
                sum += stageMicros[s];
            }
            out.printf("    %-44s %9.1f%n", "sum", sum);
            // iteration 1 is computed once per reference (MeEmscCorrector), so the later ones share the budget
            out.printf("  for 25 ms per spectrum one iteration may take %.0f µs (25 ms / %.1f iterations after the"
                    + " first, which is computed once per reference)%n", 25e3 / (meanIterations - 1), meanIterations - 1);
            out.printf("  the Gram matrix is computed by %s; the JIT-vectorised Java kernel takes %.1f µs%n",
                    NativeGram.AVAILABLE ? "OpenBLAS (dsyrk, one thread)" : "the Java kernel (OpenBLAS did not load)",
                    javaGramMicros);
            out.flush();
        }
    }

    public static final List<String> STAGES = List.of(
            "Kramers-Kronig (FFT Hilbert)", "curves: 3 exp + 3 sincos per (gamma, point)",
            "curves: alpha0 recurrence", "Gram matrix, orthogonalised",
            "eigenvectors (subspace iteration)", "least squares fit (no loadings formed)", "basic EMSC scaling");

    /**
     * Corrects every spectrum (on {@code axis}, against the reference given on {@code refAxis}; after
     * {@code warmups} untimed passes) with one thread and with {@code threads} threads.
     */
    public static Figures run(double[] axis, double[][] spectra, double[] refAxis, double[] reference, int warmups,
            int passes, int threads) {
        if (passes < 1) throw new IllegalArgumentException("passes must be at least 1");
        if (spectra.length == 0) throw new IllegalArgumentException("no spectra to time");
        MeEmscCorrector corrector = new MeEmscCorrector(axis, refAxis, reference, MeEmscOptions.defaults());
        for (int w = 0; w < warmups; w++) corrector.correctAll(spectra, threads);

        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] cpuMs = new double[passes];
        MeEmscResult[] results = null;
        long t0 = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            results = corrector.correctAll(spectra, 1); // one thread runs in the calling thread
            cpuMs[p] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6 / spectra.length;
        }
        long t1 = System.nanoTime();
        corrector.correctAll(spectra, threads);
        long t2 = System.nanoTime();
        double iterations = Arrays.stream(results).mapToInt(MeEmscResult::iterations).average().orElse(0);
        return new Figures(spectra.length, axis.length, corrector.components(), iterations, threads,
                (t1 - t0) / 1e6 / spectra.length / passes, cpuMs, (t2 - t1) / 1e6 / spectra.length,
                stageMicros(corrector, axis, spectra[0]), javaGramMicros(axis.length, corrector.options().grid().curveCount()));
    }

    /** Times each stage of one iteration on the first spectrum, as the corrector runs it. */
    private static double[] stageMicros(MeEmscCorrector corrector, double[] axis, double[] spectrum) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int k = axis.length;
        int reps = 200;
        KramersKronig kk = new KramersKronig(axis);
        ExtinctionCurves curves = new ExtinctionCurves(corrector.options().grid(), axis);
        RefractiveIndex index = new RefractiveIndex(new double[k], new double[k]);
        double[] work = new double[k + 2 * KramersKronig.PAD];
        double[][] q = new double[curves.rows()][k];
        MieLoadings loadings = new MieLoadings(curves.rows(), k);
        double[] mieSum = new double[k];
        MeEmscResult r = corrector.correct(spectrum);
        double[] pure = r.corrected().clone();
        for (int i = 0; i < k; i++) pure[i] = Math.max(pure[i], 0);
        double[] t = new double[STAGES.size()];
        for (int round = 0; round < 2; round++) { // the first round warms up
            Arrays.fill(t, 0);
            for (int rep = 0; rep < reps; rep++) {
                long a = cpu.getCurrentThreadCpuTime();
                kk.compute(pure, index, work);
                long b = cpu.getCurrentThreadCpuTime();
                curves.computePointTerms(index);
                long pointTerms = cpu.getCurrentThreadCpuTime();
                curves.compute(index, q);
                long c = cpu.getCurrentThreadCpuTime();
                loadings.gram(q, pure);
                long e = cpu.getCurrentThreadCpuTime();
                // seeded as iteration 2 is, the farthest start; later iterations start closer
                corrector.seedFirst(loadings);
                double[] s = loadings.leadingValues(q, pure, corrector.components());
                long f = cpu.getCurrentThreadCpuTime();
                loadings.fit(q, spectrum, pure, s, corrector.components(), mieSum);
                long g = cpu.getCurrentThreadCpuTime();
                t[0] += b - a;
                t[1] += pointTerms - b;
                t[2] += c - pointTerms - (pointTerms - b); // compute() runs the point terms again
                t[3] += e - c;
                t[4] += f - e - (e - c); // leadingValues() forms the Gram matrix again
                t[5] += g - f;
            }
            Emsc scaling = new Emsc(axis, pure, 2, new double[0][], null);
            long a = cpu.getCurrentThreadCpuTime();
            for (int rep = 0; rep < reps; rep++) scaling.correct(r.corrected());
            t[6] = cpu.getCurrentThreadCpuTime() - a;
        }
        for (int s = 0; s < t.length; s++) t[s] /= reps * 1e3;
        return t;
    }

    /** CPU microseconds of the Java Gram kernel on a random curves × points matrix. */
    private static double javaGramMicros(int points, int curves) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        double[][] q = new double[curves][];
        for (int r = 0; r < curves; r++) q[r] = random.doubles(points).toArray();
        double[] u = random.doubles(points).toArray();
        double[][] g = new double[curves][curves];
        double[] qu = new double[curves];
        Gram gram = new Gram(curves, false);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int reps = 200;
        long elapsed = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            long start = cpu.getCurrentThreadCpuTime();
            for (int rep = 0; rep < reps; rep++) gram.compute(q, u, g, qu);
            elapsed = cpu.getCurrentThreadCpuTime() - start;
        }
        return elapsed / 1e3 / reps;
    }
}
