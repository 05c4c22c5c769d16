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
import io.descatter.spectra.io.TextBuffer;
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
     * @param format how values are written
     */
    public static void run(Simulator simulator, long count, int threads, OutputTarget raw, OutputTarget truth, DoubleFormatter format,
            Progress progress) throws IOException {
        run(simulator, count, threads, raw, truth, null, null, format, progress);
    }

    /**
     * As {@link #run(Simulator, long, int, OutputTarget, OutputTarget, int, Progress)}, also writing each raw
     * spectrum's ME-EMSC correction (the classical target) when {@code memsc} is given.
     */
    public static void run(Simulator simulator, long count, int threads, OutputTarget raw, OutputTarget truth,
            MeEmscCorrector corrector, OutputTarget memsc, DoubleFormatter format, Progress progress) throws IOException {
        char mark = format.decimalMark(); // decimal commas: every file ';'-delimited, as European spreadsheets read them
        TableSchema rawSchema = rawSchema(simulator).withDecimalMark(mark);
        TableSchema truthSchema = new TableSchema("simulate", Layout.WIDE, ',', simulator.settings().axis(),
                List.of(MetaColumn.named("id"), MetaColumn.named("tissue")), null).withDecimalMark(mark);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "simulate");
            t.setDaemon(true);
            return t;
        });
        List<MetaColumn> memscMeta = List.of(MetaColumn.named("id"), MetaColumn.named("tissue"), MetaColumn.named("memsc_iterations"),
                MetaColumn.named("memsc_rmse"), MetaColumn.named("memsc_b"), MetaColumn.named("memsc_c"), MetaColumn.named("memsc_failure"));
        TableSchema memscSchema = new TableSchema("simulate", Layout.WIDE, ',', simulator.settings().axis(), memscMeta, null)
                .withDecimalMark(mark);
        try (SpectraWriter rawOut = SpectraWriter.open(raw, rawSchema, format);
                SpectraWriter truthOut = truth == null ? null : SpectraWriter.open(truth, truthSchema, format);
                SpectraWriter memscOut = memsc == null ? null : SpectraWriter.open(memsc, memscSchema, format)) {
            Deque<Future<Simulated>> pending = new ArrayDeque<>();
            long next = 0;
            long done = 0;
            Outputs outputs = new Outputs(rawOut, truthOut, memscOut, memsc == null ? null : corrector, rawSchema.meta().size(),
                    memscMeta.size(), simulator.settings().axis().size(), DoubleFormatter.significantDigits(6).withDecimalMark(mark));
            while (done < count) {
                while (next < count && pending.size() < 2 * Math.max(1, threads)) {
                    long from = next;
                    long to = Math.min(count, from + BLOCK);
                    pending.add(pool.submit(() -> block(simulator, outputs, from, to)));
                    next = to;
                }
                Simulated f = Futures.get(pending.poll());
                f.raw().writeTo(rawOut);
                if (truthOut != null) f.truth().writeTo(truthOut);
                if (memscOut != null) f.memsc().writeTo(memscOut);
                done += f.rows();
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

    /** The writers (used by workers only to format, which they may do apart) and what a block needs. */
    private record Outputs(SpectraWriter raw, SpectraWriter truth, SpectraWriter memsc, MeEmscCorrector corrector, int rawMeta,
            int memscMeta, int points, DoubleFormatter metaFormat) {
    }

    /** A block of spectra made by a worker, ready to be written in order. */
    private record Simulated(int rows, Part raw, Part truth, Part memsc) {
    }

    /**
     * One output's share of a block: formatted by the worker where the writer formats apart (text, ENVI), else the
     * spectra themselves, which the writing thread hands to the writer (HDF5, MAT, Parquet: they keep the metadata).
     */
    private record Part(SpectraChunk chunk, TextBuffer text) {
        void writeTo(SpectraWriter writer) throws java.io.IOException {
            if (text != null) writer.write(text, chunk.rows());
            else writer.write(chunk);
        }
    }

    /**
     * Simulates spectra {@code from..to-1} and, for writers that format apart, formats them, so the writing thread
     * only copies bytes.
     */
    private static Simulated block(Simulator simulator, Outputs out, long from, long to) {
        int rows = (int) (to - from);
        SpectraChunk raw = new SpectraChunk(rows, out.points(), out.rawMeta());
        SpectraChunk truth = new SpectraChunk(rows, out.points(), 2);
        SpectraChunk memsc = out.memsc() == null ? null : new SpectraChunk(rows, out.points(), out.memscMeta());
        for (long i = from; i < to; i++) {
            Simulator.Spectrum s = simulator.spectrum(i);
            raw.addRow(s.raw(), 0, rawMeta(s, out.metaFormat()), 0);
            truth.addRow(s.truth(), 0, new String[] {id(s), s.label()}, 0);
            if (memsc != null) {
                MeEmscResult r = out.corrector().correct(s.raw());
                memsc.addRow(r.corrected(), 0, memscMeta(s, r, out.metaFormat()), 0);
            }
        }
        return new Simulated(rows, part(out.raw(), raw), out.truth() == null ? null : part(out.truth(), truth),
                memsc == null ? null : part(out.memsc(), memsc));
    }

    private static Part part(SpectraWriter writer, SpectraChunk chunk) {
        if (!writer.formatsApart()) return new Part(chunk, null);
        TextBuffer buffer = new TextBuffer(chunk.rows() * chunk.points() * 12);
        writer.format(chunk, buffer);
        return new Part(chunk, buffer);
    }

    private static String[] memscMeta(Simulator.Spectrum s, MeEmscResult r, DoubleFormatter f) {
        return new String[] {id(s), s.label(), Integer.toString(r.iterations()), f.format(r.rmse()), f.format(r.b()),
            f.format(r.c()), r.failed() ? r.failure() : ""};
    }

    static String id(Simulator.Spectrum s) {
        return "sim_" + s.index();
    }

    private static String[] rawMeta(Simulator.Spectrum s, DoubleFormatter f) {
        double[] p = s.parameters();
        String[] meta = new String[2 + p.length];
        meta[0] = id(s);
        meta[1] = s.label();
        for (int i = 0; i < p.length; i++) meta[2 + i] = f.format(p[i]);
        return meta;
    }
}
