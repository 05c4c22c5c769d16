package io.descatter.model;

import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscOptions;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.Layout;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.Progress;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraWriter;
import io.descatter.spectra.io.TableSchema;
import io.descatter.synth.DistortionRanges;
import io.descatter.synth.PureSpectrumGenerator;
import io.descatter.synth.Simulator;
import io.descatter.synth.TissueType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the correction's speed in one run, so the figures are comparable: model load time, network-only
 * throughput for three thread layouts, end-to-end CSV-to-CSV throughput with the streaming corrector, and
 * ME-EMSC's time per spectrum on the same data, with the ratio.
 */
public final class CorrectionBenchmark {
    /** The measured figures. */
    public record Figures(int points, double firstLoadSeconds, double loadSeconds, double oneReplicaOneThread,
            double replicaPerCore, double oneReplicaAllThreads, long endToEndSpectra, double endToEndSeconds,
            double readWriteOnlySeconds, double memscMsPerSpectrum, int threads, double enviSeconds,
            double enviNetwork, double enviCpuRatio, double enviRatioLow, double enviRatioHigh) {

        /** Figures without the ENVI line. */
        public Figures(int points, double firstLoadSeconds, double loadSeconds, double oneReplicaOneThread, double replicaPerCore,
                double oneReplicaAllThreads, long endToEndSpectra, double endToEndSeconds, double readWriteOnlySeconds,
                double memscMsPerSpectrum, int threads) {
            this(points, firstLoadSeconds, loadSeconds, oneReplicaOneThread, replicaPerCore, oneReplicaAllThreads, endToEndSpectra,
                    endToEndSeconds, readWriteOnlySeconds, memscMsPerSpectrum, threads, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }

        /** ENVI in, ENVI out: spectra per second, NaN when not measured. */
        public double enviPerSecond() { return endToEndSpectra / enviSeconds; }

        public double endToEndPerSecond() { return endToEndSpectra / endToEndSeconds; }

        public void print(PrintWriter out) {
            out.printf(Locale.ROOT, "correction benchmark (%d points per spectrum, %d cores)%n", points, threads);
            out.printf(Locale.ROOT, "  model load: first %.2f s (includes ND4J start-up), again %.3f s%n", firstLoadSeconds, loadSeconds);
            out.printf(Locale.ROOT, "  network only, batches of 1024:%n");
            out.printf(Locale.ROOT, "    1 replica, 1 BLAS thread           %10.0f spectra/s%n", oneReplicaOneThread);
            out.printf(Locale.ROOT, "    %d replicas, 1 BLAS thread each      %10.0f spectra/s%n", threads, replicaPerCore);
            out.printf(Locale.ROOT, "    1 replica, %d BLAS threads           %10.0f spectra/s%n", threads, oneReplicaAllThreads);
            out.printf(Locale.ROOT, "  end to end, CSV -> CSV (%d spectra): %.1f s = %.0f spectra/s%n", endToEndSpectra, endToEndSeconds, endToEndPerSecond());
            out.printf(Locale.ROOT, "    of which reading and writing alone (convert): %.1f s = %.0f spectra/s%n", readWriteOnlySeconds,
                    endToEndSpectra / readWriteOnlySeconds);
            if (!Double.isNaN(enviSeconds)) {
                // the machine's speed drifts (other jobs): each round's ratio is to the network-only figure measured just before
                out.printf(Locale.ROOT, "  end to end, ENVI -> ENVI (float32, %d spectra, after a warm-up image; median of %d rounds alternating "
                        + "with the network only): %.1f s = %.0f spectra/s = %.2f x the network only just before (%.0f spectra/s, %d replicas; "
                        + "rounds %.2f-%.2f x); per CPU-second %.2f x%n", endToEndSpectra, ENVI_ROUNDS, enviSeconds, enviPerSecond(),
                        enviPerSecond() / enviNetwork, enviNetwork, threads, enviRatioLow, enviRatioHigh, enviCpuRatio);
            }
            out.printf(Locale.ROOT, "  ME-EMSC (MATLAB defaults, 1 thread): %.1f ms per spectrum (median of 3 passes over 20 spectra)%n",
                    memscMsPerSpectrum);
            out.printf(Locale.ROOT, "  speed-up of the network (end to end, %d threads) over ME-EMSC (1 thread): %.0fx; per core: %.0fx%n",
                    threads, memscMsPerSpectrum / 1000 * endToEndPerSecond(), memscMsPerSpectrum / 1000 * endToEndPerSecond() / threads);
        }
    }

    private CorrectionBenchmark() {
    }

    /**
     * @param modelFile the model
     * @param spectra spectra in the end-to-end file
     * @param work folder for the temporary CSV files
     */
    public static Figures run(Path modelFile, int spectra, int threads, Path work, PrintWriter log) throws Exception {
        return run(modelFile, spectra, threads, work, false, log);
    }

    /**
     * As {@link #run(Path, int, int, Path, PrintWriter)}; with {@code envi}, also ENVI to ENVI end to end: the same
     * spectra as a float32 image in, the corrected image out.
     */
    public static Figures run(Path modelFile, int spectra, int threads, Path work, boolean envi, PrintWriter log) throws Exception {
        long t0 = System.nanoTime();
        CorrectionModel model = ModelStore.load(modelFile);
        double firstLoad = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        model = ModelStore.load(modelFile);
        double load = (System.nanoTime() - t0) / 1e9;

        int points = model.axis().size();
        Simulator sim = new Simulator(new Simulator.Settings(model.axis(), TissueType.tissues(), DistortionRanges.defaults(),
                PureSpectrumGenerator.Jitter.defaults(), 99));
        int distinct = 2048;
        double[] block = new double[distinct * points];
        for (int i = 0; i < distinct; i++) System.arraycopy(sim.spectrum(i).raw(), 0, block, i * points, points);

        log.println("network only ...");
        log.flush();
        double single = networkThroughput(model, block, 1, 1);
        double perCore = networkThroughput(model, block, threads, 1);
        double shared = networkThroughput(model, block, 1, threads);
        Nd4j.factory().blas().setMaxThreads(threads);

        Path in = work.resolve("bench_raw.csv");
        Path out = work.resolve("bench_corrected.csv");
        Path copy = work.resolve("bench_copy.csv");
        Path enviIn = work.resolve("bench_raw.hdr");
        Path enviOut = work.resolve("bench_corrected.hdr");
        Path enviWarm = work.resolve("bench_warmup.hdr");
        Path enviWarmOut = work.resolve("bench_warmup_corrected.hdr");
        try {
            log.println("writing " + spectra + " spectra ...");
            log.flush();
            writeInput(in, model, block, spectra);
            log.println("convert (read + write only) ...");
            log.flush();
            t0 = System.nanoTime();
            io.descatter.spectra.io.SpectraConverter.convert(new io.descatter.spectra.io.SpectraConverter.Request(InputSource.of(in),
                    ReadOptions.defaults(), OutputTarget.of(copy.toString()), null, null, DoubleFormatter.floatPrecision(), null,
                    io.descatter.spectra.Resampler.Method.LINEAR), Progress.NONE);
            double readWrite = (System.nanoTime() - t0) / 1e9;
            log.println("correct (end to end) ...");
            log.flush();
            t0 = System.nanoTime();
            BatchCorrection.Result r = BatchCorrection.run(new BatchCorrection.Request(InputSource.of(in), ReadOptions.defaults(),
                    OutputTarget.of(out.toString()), model, threads, 1024, BatchCorrection.OutputAxis.MODEL, DoubleFormatter.floatPrecision()),
                    Progress.NONE);
            double e2e = (System.nanoTime() - t0) / 1e9;
            double enviSeconds = Double.NaN;
            double enviNetwork = Double.NaN;
            double enviCpuRatio = Double.NaN;
            double[] enviRatioRange = {Double.NaN, Double.NaN};
            if (envi) {
                log.println("ENVI -> ENVI (end to end) ...");
                log.flush();
                writeImage(enviIn, model, block, spectra);
                // the JIT compiles the image path (decoding, encoding, the direct reads and writes) on a smaller image first,
                // as the network-only figures come after a warm-up
                writeImage(enviWarm, model, block, Math.max(1, spectra / 10));
                correctImage(enviWarm, enviWarmOut, model, threads);
                // then rounds alternating with the network alone, which sets the ratio: the machine's speed drifts
                double[] ratios = new double[ENVI_ROUNDS];
                double[] seconds = new double[ENVI_ROUNDS];
                double[] networks = new double[ENVI_ROUNDS];
                double[] cpuRatios = new double[ENVI_ROUNDS];
                for (int round = 0; round < ENVI_ROUNDS; round++) {
                    // CPU time as well as wall time: on a shared machine the wall-clock ratio follows the other jobs
                    NetworkRun network = networkRun(model, block, threads, 1);
                    networks[round] = network.perSecond();
                    double networkCpuPerSpectrum = network.cpuNanosPerSpectrum();
                    long cpu0 = processCpuNanos();
                    seconds[round] = correctImage(enviIn, enviOut, model, threads);
                    cpuRatios[round] = networkCpuPerSpectrum / ((processCpuNanos() - cpu0) / (double) spectra);
                    ratios[round] = spectra / seconds[round] / networks[round];
                }
                int median = medianIndex(ratios);
                enviSeconds = seconds[median];
                enviNetwork = networks[median];
                enviCpuRatio = cpuRatios[median];
                enviRatioRange = new double[] {java.util.Arrays.stream(ratios).min().orElseThrow(), java.util.Arrays.stream(ratios).max().orElseThrow()};
            }

            log.println("ME-EMSC ...");
            log.flush();
            double[] wn = model.axis().values();
            double[] ref = new PureSpectrumGenerator(model.axis(), PureSpectrumGenerator.Jitter.defaults()).typical(TissueType.EPITHELIAL);
            MeEmscCorrector memsc = new MeEmscCorrector(wn, wn, ref, MeEmscOptions.defaults());
            int nMemsc = 20;
            // warm-up on other spectra, long enough for the JIT to compile the short loops of the curves
            for (int i = nMemsc; i < 2 * nMemsc; i++) memsc.correct(java.util.Arrays.copyOfRange(block, i * points, (i + 1) * points));
            // three timed passes, the median: the machine's speed drifts from second to second
            double[] passMs = new double[3];
            for (int pass = 0; pass < passMs.length; pass++) {
                long c0 = System.nanoTime();
                for (int i = 0; i < nMemsc; i++) memsc.correct(java.util.Arrays.copyOfRange(block, i * points, (i + 1) * points));
                passMs[pass] = (System.nanoTime() - c0) / 1e6 / nMemsc;
            }
            java.util.Arrays.sort(passMs);
            double memscMs = passMs[1];
            return new Figures(points, firstLoad, load, single, perCore, shared, r.spectra(), e2e, readWrite, memscMs, threads, enviSeconds, enviNetwork, enviCpuRatio,
                    enviRatioRange[0], enviRatioRange[1]);
        } finally {
            for (Path p : List.of(enviIn, enviOut, enviWarm, enviWarmOut)) {
                Files.deleteIfExists(p);
                Files.deleteIfExists(p.resolveSibling(p.getFileName().toString().replace(".hdr", ".img")));
            }
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(copy);
        }
    }

    /**
     * Network-only throughput (one replica per core, one BLAS thread each, the layout {@code correct} uses) of a
     * model and a baseline, alternating five times on the same spectra, so a drift of the machine's speed hits both
     * alike; the medians and their ratio.
     */
    public record Comparison(double model, double baseline, double[] modelStages, double[] baselineStages) {
        public double ratio() { return model / baseline; }

        public void print(PrintWriter out, String modelName, String baselineName) {
            out.printf(Locale.ROOT, "  network only, side by side (median of 5 alternating rounds, 1 replica per core):%n");
            out.printf(Locale.ROOT, "    %-40s %10.0f spectra/s%n", modelName, model);
            out.printf(Locale.ROOT, "    %-40s %10.0f spectra/s%n", baselineName + " (baseline)", baseline);
            out.printf(Locale.ROOT, "    ratio %.3f%n", ratio());
            out.printf(Locale.ROOT, "  where the time goes (one replica on one core, batches of %d, the better of two alternating passes; us per "
                    + "spectrum, model / baseline):%n", STAGE_ROWS);
            double sumModel = 0;
            double sumBaseline = 0;
            for (CorrectionModel.Replica.Stage stage : CorrectionModel.Replica.Stage.values()) {
                double m = modelStages[stage.ordinal()];
                double b = baselineStages[stage.ordinal()];
                sumModel += m;
                sumBaseline += b;
                out.printf(Locale.ROOT, "    %-62s %7.2f / %7.2f%n", stage.label, m, b);
            }
            out.printf(Locale.ROOT, "    %-62s %7.2f / %7.2f%n", "all", sumModel, sumBaseline);
        }
    }

    /** Rows per batch of the stage timing, as {@code correct} batches them. */
    static final int STAGE_ROWS = 1024;

    /**
     * Microseconds per spectrum in each {@link CorrectionModel.Replica.Stage} of one replica on one core (one BLAS
     * thread), with the signals that {@code correct} computes (confidence score, scattering share, background level,
     * signal-to-noise ratio), over 16 batches after four untimed ones.
     */
    static double[] stageMicros(CorrectionModel model, double[] block) {
        Nd4j.factory().blas().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        int points = model.axis().size();
        CorrectionModel.Replica replica = model.replica();
        double[] out = new double[STAGE_ROWS * points];
        CorrectionModel.Signals signals = CorrectionModel.Signals.of(model, STAGE_ROWS);
        BandFreeBaseline bandFree = BandFreeBaseline.on(model.axis()); // correct's default, where the axis has the windows
        int batches = block.length / points / STAGE_ROWS;
        for (int i = 0; i < 4; i++) replica.correct(block, (i % batches) * STAGE_ROWS * points, STAGE_ROWS, out, 0, signals, 0, bandFree);
        long[] nanos = new long[CorrectionModel.Replica.Stage.values().length];
        replica.timeStages(nanos);
        int rounds = 16;
        for (int i = 0; i < rounds; i++) replica.correct(block, (i % batches) * STAGE_ROWS * points, STAGE_ROWS, out, 0, signals, 0, bandFree);
        replica.timeStages(null);
        double[] micros = new double[nanos.length];
        for (int k = 0; k < nanos.length; k++) micros[k] = nanos[k] / 1e3 / ((double) rounds * STAGE_ROWS);
        return micros;
    }

    public static Comparison compare(Path modelFile, Path baselineFile, int threads) throws Exception {
        CorrectionModel model = ModelStore.load(modelFile);
        CorrectionModel baseline = ModelStore.load(baselineFile);
        if (!model.axis().sameGridAsWritten(baseline.axis())) {
            // both see the same spectra: they must share the grid (the same one written with other decimals is the same)
            throw new ModelFormatException(baselineFile + ": the baseline model's axis (" + baseline.axis().describe()
                    + ") is not the model's (" + model.axis().describe() + "); compare models of one axis");
        }
        int points = model.axis().size();
        Simulator sim = new Simulator(new Simulator.Settings(model.axis(), TissueType.tissues(), DistortionRanges.defaults(),
                PureSpectrumGenerator.Jitter.defaults(), 99));
        double[] block = new double[2048 * points];
        for (int i = 0; i < 2048; i++) System.arraycopy(sim.spectrum(i).raw(), 0, block, i * points, points);
        double[] m = new double[5];
        double[] b = new double[5];
        for (int round = 0; round < m.length; round++) {
            m[round] = networkThroughput(model, block, threads, 1);
            b[round] = networkThroughput(baseline, block, threads, 1);
        }
        java.util.Arrays.sort(m);
        java.util.Arrays.sort(b);
        // stages: two alternating passes each, the smaller figure per stage (the first pass after a switch of model pays
        // for warming caches and code that the second does not)
        double[] ms = stageMicros(model, block);
        double[] bs = stageMicros(baseline, block);
        double[] ms2 = stageMicros(model, block);
        double[] bs2 = stageMicros(baseline, block);
        for (int k = 0; k < ms.length; k++) {
            ms[k] = Math.min(ms[k], ms2[k]);
            bs[k] = Math.min(bs[k], bs2[k]);
        }
        return new Comparison(m[2], b[2], ms, bs);
    }

    /** Rounds of the ENVI line: each the network alone, then the image end to end. */
    static final int ENVI_ROUNDS = 3;

    /** Corrects an ENVI image into another as {@code correct} does; the seconds it took. */
    private static double correctImage(Path in, Path out, CorrectionModel model, int threads) throws IOException {
        Files.deleteIfExists(out);
        Files.deleteIfExists(out.resolveSibling(out.getFileName().toString().replace(".hdr", ".img")));
        long t0 = System.nanoTime();
        BatchCorrection.run(new BatchCorrection.Request(InputSource.of(in), ReadOptions.defaults(), OutputTarget.of(out.toString()), model,
                threads, 1024, BatchCorrection.OutputAxis.MODEL, DoubleFormatter.floatPrecision()), Progress.NONE);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The index of the median of an odd number of values. */
    private static int medianIndex(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        return order[v.length / 2];
    }

    /** CPU time of this process so far (all threads, user and system). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Spectra per second through {@code replicas} replicas with {@code blasThreads} BLAS threads, after a warm-up. */
    static double networkThroughput(CorrectionModel model, double[] block, int replicas, int blasThreads) throws Exception {
        return networkRun(model, block, replicas, blasThreads).perSecond();
    }

    /**
     * A timed network-only run: spectra per second (wall clock) and the process's CPU nanoseconds per spectrum, both
     * over the timed rounds only (not the replicas' creation or the warm-up batch).
     */
    record NetworkRun(double perSecond, double cpuNanosPerSpectrum) {
    }

    /** As {@link #networkThroughput}, with the CPU time of the timed rounds. */
    static NetworkRun networkRun(CorrectionModel model, double[] block, int replicas, int blasThreads) throws Exception {
        Nd4j.factory().blas().setMaxThreads(blasThreads);
        Nd4j.getEnvironment().setMaxThreads(blasThreads);
        int points = model.axis().size();
        int rows = 1024;
        int rounds = 16;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            CorrectionModel.Replica[] reps = new CorrectionModel.Replica[replicas];
            for (int i = 0; i < replicas; i++) reps[i] = model.replica();
            double[][] outs = new double[replicas][rows * points];
            // the signals correct computes with each correction (where the model has them)
            CorrectionModel.Signals[] signals = new CorrectionModel.Signals[replicas];
            for (int i = 0; i < replicas; i++) signals[i] = CorrectionModel.Signals.of(model, rows);
            BandFreeBaseline bandFree = BandFreeBaseline.on(model.axis()); // correct's default, where the axis has the windows
            for (int i = 0; i < replicas; i++) reps[i].correct(block, 0, rows, outs[i], 0, signals[i], 0, bandFree); // warm-up
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            Future<?>[] f = new Future<?>[replicas];
            for (int i = 0; i < replicas; i++) {
                int k = i;
                f[i] = pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        reps[k].correct(block, ((r + k) % 2) * rows * points, rows, outs[k], 0, signals[k], 0, bandFree);
                    }
                });
            }
            for (Future<?> x : f) x.get();
            double spectra = (double) replicas * rounds * rows;
            return new NetworkRun(spectra / ((System.nanoTime() - t0) / 1e9), (processCpuNanos() - cpu0) / spectra);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeInput(Path file, CorrectionModel model, double[] block, int spectra) throws IOException {
        writeSpectra(file, new TableSchema("bench", Layout.WIDE, ',', model.axis(), List.of(MetaColumn.named("id")), null), block, spectra);
    }

    /** The spectra as a float32 ENVI image, as wide as the largest divisor of their count up to 1024 pixels. */
    private static void writeImage(Path header, CorrectionModel model, double[] block, int spectra) throws IOException {
        int width = 1024;
        while (spectra % width != 0) width--;
        TableSchema schema = new TableSchema("bench", Layout.WIDE, ',', model.axis(), List.of(MetaColumn.named("id")), null)
                .withImage(new ImageShape(width, spectra / width, PixelGrid.imageRows()));
        writeSpectra(header, schema, block, spectra);
    }

    private static void writeSpectra(Path file, TableSchema schema, double[] block, int spectra) throws IOException {
        int points = schema.axis().size();
        int distinct = block.length / points;
        try (SpectraWriter w = SpectraWriter.open(OutputTarget.of(file.toString()), schema, DoubleFormatter.floatPrecision())) {
            SpectraChunk chunk = new SpectraChunk(1024, points, 1);
            for (int i = 0; i < spectra; i++) {
                if (chunk.isFull()) {
                    w.write(chunk);
                    chunk.clear();
                }
                chunk.addRow(block, (i % distinct) * points, new String[] {"b" + i}, 0);
            }
            w.write(chunk);
            w.commit();
        }
    }
}
