package io.descatter.synth;

import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscResult;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.Layout;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.Progress;
import io.descatter.spectra.io.SpectraWriter;
import io.descatter.spectra.io.TableSchema;
import io.descatter.util.Futures;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a simulated data set: raw spectra with their generating parameters as metadata, and the matching truth
 * file (id and type). Blocks of spectra are simulated in parallel and written in order, so the files depend only
 * on the settings and the count. Both files appear only if the whole job succeeds.
 */
public final class SimulationJob {
    static final int BLOCK = 256;

    private SimulationJob() {
    }

    /**
     * @param raw where the distorted spectra go
     * @param truth where the pure spectra go, or null
     * @param digits significant digits written (0: shortest exact)
     */
    public static void run(Simulator simulator, long count, int threads, OutputTarget raw, OutputTarget truth, int digits,
            Progress progress) throws IOException {
        run(simulator, count, threads, raw, truth, null, null, digits, progress);
    }

    /**
     * As {@link #run(Simulator, long, int, OutputTarget, OutputTarget, int, Progress)}, also writing each raw
     * spectrum's ME-EMSC correction (the classical target) when {@code memsc} is given.
     */
    public static void run(Simulator simulator, long count, int threads, OutputTarget raw, OutputTarget truth,
            MeEmscCorrector corrector, OutputTarget memsc, int digits, Progress progress) throws IOException {
        TableSchema rawSchema = rawSchema(simulator);
        TableSchema truthSchema = new TableSchema("simulate", Layout.WIDE, ',', simulator.settings().axis(),
                List.of(MetaColumn.named("id"), MetaColumn.named("tissue")), null);
        DoubleFormatter format = DoubleFormatter.significantDigits(digits);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "simulate");
            t.setDaemon(true);
            return t;
        });
        List<MetaColumn> memscMeta = List.of(MetaColumn.named("id"), MetaColumn.named("tissue"), MetaColumn.named("memsc_iterations"),
                MetaColumn.named("memsc_rmse"), MetaColumn.named("memsc_b"), MetaColumn.named("memsc_c"), MetaColumn.named("memsc_failure"));
        TableSchema memscSchema = new TableSchema("simulate", Layout.WIDE, ',', simulator.settings().axis(), memscMeta, null);
        try (SpectraWriter rawOut = SpectraWriter.open(raw, rawSchema, format);
                SpectraWriter truthOut = truth == null ? null : SpectraWriter.open(truth, truthSchema, format);
                SpectraWriter memscOut = memsc == null ? null : SpectraWriter.open(memsc, memscSchema, format)) {
            Deque<Future<List<Simulated>>> pending = new ArrayDeque<>();
            long next = 0;
            long done = 0;
            int points = simulator.settings().axis().size();
            SpectraChunk rawChunk = new SpectraChunk(BLOCK, points, rawSchema.meta().size());
            SpectraChunk truthChunk = new SpectraChunk(BLOCK, points, 2);
            SpectraChunk memscChunk = new SpectraChunk(BLOCK, points, memscMeta.size());
            MeEmscCorrector classical = memsc == null ? null : corrector;
            while (done < count) {
                while (next < count && pending.size() < 2 * Math.max(1, threads)) {
                    long from = next;
                    long to = Math.min(count, from + BLOCK);
                    pending.add(pool.submit(() -> block(simulator, classical, from, to)));
                    next = to;
                }
                List<Simulated> spectra = Futures.get(pending.poll());
                rawChunk.clear();
                truthChunk.clear();
                memscChunk.clear();
                for (Simulated sim : spectra) {
                    Simulator.Spectrum s = sim.spectrum();
                    rawChunk.addRow(s.raw(), 0, rawMeta(s), 0);
                    truthChunk.addRow(s.truth(), 0, new String[] {id(s), s.label()}, 0);
                    if (sim.memsc() != null) memscChunk.addRow(sim.memsc().corrected(), 0, memscMeta(s, sim.memsc()), 0);
                }
                rawOut.write(rawChunk);
                if (truthOut != null) truthOut.write(truthChunk);
                if (memscOut != null) memscOut.write(memscChunk);
                done += spectra.size();
                progress.update(done, count);
            }
            rawOut.commit();
            if (truthOut != null) truthOut.commit();
            if (memscOut != null) memscOut.commit();
        } finally {
            pool.shutdownNow();
        }
    }

    static TableSchema rawSchema(Simulator simulator) {
        List<MetaColumn> meta = new ArrayList<>(List.of(MetaColumn.named("id"), MetaColumn.named("tissue")));
        for (String p : Simulator.parameterNames()) meta.add(MetaColumn.named(p));
        // id and tissue first, the spectrum, then the parameters: the layout a reader expects.
        int[] plan = new int[meta.size() + simulator.settings().axis().size()];
        int i = 0;
        plan[i++] = 0;
        plan[i++] = 1;
        for (int k = 0; k < simulator.settings().axis().size(); k++) plan[i++] = -(k + 1);
        for (int m = 2; m < meta.size(); m++) plan[i++] = m;
        return new TableSchema("simulate", Layout.WIDE, ',', simulator.settings().axis(), meta, plan);
    }

    /** A simulated spectrum and, when asked for, its ME-EMSC correction. */
    private record Simulated(Simulator.Spectrum spectrum, MeEmscResult memsc) {
    }

    private static List<Simulated> block(Simulator simulator, MeEmscCorrector corrector, long from, long to) {
        List<Simulated> out = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            Simulator.Spectrum s = simulator.spectrum(i);
            out.add(new Simulated(s, corrector == null ? null : corrector.correct(s.raw())));
        }
        return out;
    }

    private static String[] memscMeta(Simulator.Spectrum s, MeEmscResult r) {
        DoubleFormatter f = DoubleFormatter.significantDigits(6);
        return new String[] {id(s), s.label(), Integer.toString(r.iterations()), f.format(r.rmse()), f.format(r.b()),
            f.format(r.c()), r.failed() ? r.failure() : ""};
    }

    static String id(Simulator.Spectrum s) {
        return "sim_" + s.index();
    }

    private static String[] rawMeta(Simulator.Spectrum s) {
        double[] p = s.parameters();
        String[] meta = new String[2 + p.length];
        meta[0] = id(s);
        meta[1] = s.label();
        DoubleFormatter f = DoubleFormatter.significantDigits(6);
        for (int i = 0; i < p.length; i++) meta[2 + i] = f.format(p[i]);
        return meta;
    }
}
