package io.descatter.model;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.InputUnit;
import io.descatter.spectra.Resampler;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.UnitCheck;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.ChunkPipeline;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.Progress;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.SpectraWriter;
import io.descatter.spectra.io.TableSchema;
import io.descatter.spectra.io.MetaColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Corrects a spectra file in constant memory through a {@link ChunkPipeline}: worker threads, each holding
 * their own network replica, parse each batch, resample it onto the model's axis when the file has another,
 * correct and format it; ids, metadata and row order are kept. The output appears only on success.
 *
 * <p>With a model that carries {@link Confidence} data, each spectrum's out-of-distribution score is computed from
 * the same standardised batch and written as the metadata columns {@value #SCORE_COLUMN} and {@value #FLAG_COLUMN};
 * with a {@link Fallback}, flagged spectra are corrected by it instead and {@value #BY_COLUMN} says which did.
 */
public final class BatchCorrection {
    /** The metadata column of the out-of-distribution score. */
    public static final String SCORE_COLUMN = "confidence_ood";
    /** The metadata column that is 1 for a flagged spectrum (score above the model's threshold), else 0. */
    public static final String FLAG_COLUMN = "ood_flag";
    /** The metadata column naming what corrected each spectrum, with a fallback: network or the fallback's name. */
    public static final String BY_COLUMN = "corrected_by";
    /** The value of {@value #BY_COLUMN} for the network. */
    public static final String NETWORK = "network";

    /**
     * Corrects a flagged spectrum another way (ME-EMSC). Called from several worker threads at once.
     */
    public interface Fallback {
        /** The name written in {@value #BY_COLUMN}. */
        String name();

        /** The corrected spectrum on the model's axis, or null when it cannot be corrected (the network's stays). */
        double[] correct(double[] spectrum);
    }

    /** Which axis the corrected spectra are written on. */
    public enum OutputAxis { MODEL, INPUT }

    /**
     * @param batch spectra per network call (hundreds to thousands amortise DL4J's per-call cost)
     * @param threads worker threads, one network replica each
     * @param unit what the input's values are (converted to absorbance), or null to check that they are absorbance
     *        and refuse transmittance ({@link UnitCheck})
     * @param fallback corrects flagged spectra instead of the network, or null
     */
    public record Request(InputSource input, ReadOptions read, OutputTarget output, CorrectionModel model, int threads,
            int batch, OutputAxis outputAxis, DoubleFormatter format, InputUnit unit, Fallback fallback) {
        /** A request whose input is checked to be absorbance, without a fallback. */
        public Request(InputSource input, ReadOptions read, OutputTarget output, CorrectionModel model, int threads, int batch,
                OutputAxis outputAxis, DoubleFormatter format) {
            this(input, read, output, model, threads, batch, outputAxis, format, null, null);
        }
    }

    /**
     * What was done.
     *
     * @param held how far the input's axis fell short of the model's at each end, filled with its edge values
     * @param scored whether the spectra were scored (the model has confidence data)
     * @param flagged spectra whose score is above the model's threshold
     * @param replaced flagged spectra corrected by the fallback
     * @param fallbackFailed flagged spectra the fallback could not correct (the network's correction was kept)
     */
    public record Result(TableSchema input, TableSchema output, long spectra, boolean resampled, CorrectionModel.EdgeShortfall held,
            boolean scored, long flagged, long replaced, long fallbackFailed) {
    }

    private BatchCorrection() {
    }

    public static Result run(Request req, Progress progress) throws IOException {
        int threads = Math.max(1, req.threads());
        // One replica per core with one BLAS thread each beats one replica using every core (measured by
        // 'descatter bench correct'); with several replicas, more BLAS threads would only oversubscribe the cores.
        if (threads > 1) {
            Nd4j.factory().blas().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxThreads(1);
        }
        try (SpectraReader reader = SpectraReader.open(req.input(), req.read())) {
            TableSchema in = reader.schema();
            WavenumberAxis modelAxis = req.model().axis();
            CorrectionModel.EdgeShortfall held = req.model().requireNearlyCoveredBy(req.input().name(), in.axis());
            Resampler toModel = held.any() ? Resampler.linearHoldingEdges(in.axis(), modelAxis)
                    : Resampler.linearToWrittenPrecision(in.axis(), modelAxis);
            Resampler back = req.outputAxis() == OutputAxis.INPUT
                    ? Resampler.linearToWrittenPrecision(modelAxis, insideModel(req, in.axis())) : null;
            Confidence confidence = req.model().confidence();
            Fallback fallback = confidence == null ? null : req.fallback();
            TableSchema out = in.withAxis(back == null ? modelAxis : back.to());
            if (confidence != null) out = out.withMetaColumns(extraColumns(fallback != null));
            int points = modelAxis.size();
            ThreadLocal<CorrectionModel.Replica> replicas = ThreadLocal.withInitial(() -> req.model().replica());
            Counts counts = new Counts();
            int outPoints = out.axis().size();
            int metaColumns = out.meta().size();
            String name = req.input().name();
            InputUnit unit = req.unit() == null ? InputUnit.ABSORBANCE : req.unit();
            Consumer<SpectraChunk> unitCheck = req.unit() == null ? chunk -> UnitCheck.requireAbsorbance(name, in.axis(), chunk) : null;
            try (SpectraWriter writer = SpectraWriter.open(req.output(), out, req.format())) {
                ChunkPipeline.run(reader, writer, threads, req.batch(),
                        () -> new Correct(req.batch(), points, outPoints, metaColumns, toModel, replicas, back,
                                chunk -> unit.toAbsorbance(chunk, in.axis(), name), confidence, fallback, counts),
                        unitCheck, "correct", progress, req.input().size());
                writer.commit();
                return new Result(in, out, writer.written(), !toModel.isIdentity(), held, confidence != null, counts.flagged.sum(),
                        counts.replaced.sum(), counts.failed.sum());
            }
        }
    }

    /**
     * The columns added to the output: numbers and a 0/1 flag as Quasar meta attributes (continuous and discrete), so a
     * Quasar file stays one that Orange reads, with the scores beside the ids.
     */
    private static List<MetaColumn> extraColumns(boolean withFallback) {
        List<MetaColumn> c = new ArrayList<>();
        c.add(new MetaColumn(SCORE_COLUMN, "continuous", "meta"));
        c.add(new MetaColumn(FLAG_COLUMN, "discrete", "meta"));
        if (withFallback) c.add(new MetaColumn(BY_COLUMN, "discrete", "meta"));
        return c;
    }

    /** Totals over all workers. */
    private static final class Counts {
        final LongAdder flagged = new LongAdder();
        final LongAdder replaced = new LongAdder();
        final LongAdder failed = new LongAdder();
    }

    /** The input's own points inside the model's range: the network corrects nothing outside it. */
    private static WavenumberAxis insideModel(Request req, WavenumberAxis input) {
        try {
            return input.within(req.model().axis());
        } catch (AxisMismatchException e) {
            throw new AxisMismatchException(req.input().name(), e.getMessage() + ": use --output-axis model");
        }
    }

    /**
     * A worker's step for one batch in flight: onto the model's axis, through the network, back if asked. On the
     * model's axis in and out (the usual case) the network reads the parsed rows and writes the output rows where
     * they are, without the two 12 MB copies per batch of 1024 spectra that the resampling steps would make.
     */
    private static final DoubleFormatter SCORE_FORMAT = DoubleFormatter.significantDigits(4);

    private static final class Correct implements ChunkPipeline.Stage {
        final double[] onModel;
        final double[] corrected;
        final SpectraChunk result;
        final int points;
        final Resampler toModel;
        final ThreadLocal<CorrectionModel.Replica> replicas;
        final Resampler back;
        final Consumer<SpectraChunk> toAbsorbance;
        final Confidence confidence;
        final Fallback fallback;
        final Counts counts;
        final double[] scores;

        Correct(int rows, int points, int outPoints, int metaColumns, Resampler toModel, ThreadLocal<CorrectionModel.Replica> replicas,
                Resampler back, Consumer<SpectraChunk> toAbsorbance, Confidence confidence, Fallback fallback, Counts counts) {
            this.toAbsorbance = toAbsorbance;
            this.points = points;
            this.onModel = toModel.isIdentity() ? null : new double[rows * points];
            this.corrected = back == null ? null : new double[rows * points];
            this.result = new SpectraChunk(rows, outPoints, metaColumns);
            this.toModel = toModel;
            this.replicas = replicas;
            this.back = back;
            this.confidence = confidence;
            this.fallback = fallback;
            this.counts = counts;
            this.scores = confidence == null ? null : new double[rows];
        }

        @Override
        public SpectraChunk apply(SpectraChunk raw) {
            int rows = raw.rows();
            toAbsorbance.accept(raw);
            double[] in = raw.values(); // rows are contiguous in a chunk, from offset 0
            if (onModel != null) {
                for (int r = 0; r < rows; r++) toModel.apply(raw.values(), raw.offset(r), onModel, r * points);
                in = onModel;
            }
            result.clear();
            double[] onModelOut = back == null ? result.values() : corrected;
            replicas.get().correct(in, 0, rows, onModelOut, 0, scores, 0);
            for (int r = 0; r < rows; r++) result.addRow(confidence == null ? raw.meta(r) : scoredMeta(raw.meta(r), in, r, onModelOut), raw.line(r));
            if (back != null) {
                for (int r = 0; r < rows; r++) back.apply(corrected, r * points, result.values(), result.offset(r));
            }
            return result;
        }

        /**
         * The row's metadata with its score, flag and (with a fallback) what corrected it; a flagged row is re-corrected
         * by the fallback in place, on the model's axis.
         */
        private String[] scoredMeta(String[] meta, double[] in, int r, double[] out) {
            boolean flagged = confidence.flags(scores[r]);
            String by = NETWORK;
            if (flagged) {
                counts.flagged.increment();
                if (fallback != null) {
                    double[] c = fallback.correct(java.util.Arrays.copyOfRange(in, r * points, (r + 1) * points));
                    if (c == null) {
                        counts.failed.increment();
                    } else {
                        System.arraycopy(c, 0, out, r * points, points);
                        counts.replaced.increment();
                        by = fallback.name();
                    }
                }
            }
            int n = meta.length;
            String[] m = java.util.Arrays.copyOf(meta, n + (fallback != null ? 3 : 2));
            m[n] = SCORE_FORMAT.format(scores[r]);
            m[n + 1] = flagged ? "1" : "0";
            if (fallback != null) m[n + 2] = by;
            return m;
        }
    }
}
