package io.descatter.model;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.InputUnit;
import io.descatter.spectra.MissingValues;
import io.descatter.spectra.Resampler;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.UnitCheck;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.BatchMemory;
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
import io.descatter.util.OutOfHeap;
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
 * with a {@link Fallback}, flagged spectra (or, for a refinement, every spectrum) are corrected by it instead and
 * {@value #BY_COLUMN} says which did.
 */
public final class BatchCorrection {
    /** The metadata column of the out-of-distribution score. */
    public static final String SCORE_COLUMN = "confidence_ood";
    /** The metadata column that is 1 for a flagged spectrum (score above the model's threshold), else 0. */
    public static final String FLAG_COLUMN = "ood_flag";
    /** The share of the input's detail that a detail model removed as scattering ({@link ScatteringShare}). */
    public static final String SHARE_COLUMN = "scattering_share";
    /** 1 where {@value #SHARE_COLUMN} is above the model's threshold: a strongly scattering spectrum. */
    public static final String SHARE_FLAG_COLUMN = "scattering_flag";
    /** The network correction's level where cells have no bands ({@link ResidualBackground}). */
    public static final String BACKGROUND_COLUMN = "background_level";
    /** 1 where {@value #BACKGROUND_COLUMN} is above {@link ResidualBackground#THRESHOLD}: scattering left in the correction. */
    public static final String BACKGROUND_FLAG_COLUMN = "background_flag";
    /** The network correction's signal-to-noise ratio ({@link SignalToNoise}), for detail models. */
    public static final String SNR_COLUMN = "signal_to_noise";
    /** 1 where {@value #SNR_COLUMN} is below {@link SignalToNoise#THRESHOLD}: the noise alone keeps r under 0.99. */
    public static final String NOISE_FLAG_COLUMN = "noise_flag";
    /** The metadata column naming what corrected each spectrum, with a fallback: network or the fallback's name. */
    public static final String BY_COLUMN = "corrected_by";
    /**
     * With a refinement: how far it moved the network's correction, rms(refined − network) / s.d.(network); large where
     * the two disagree, which is where the refined correction is least certain (docs/MODEL.md, "Refinement").
     */
    public static final String CHANGE_COLUMN = "refine_change";
    /** With a refinement: the RMSE of its ME-EMSC fit to the raw spectrum, in the input's absorbance units. */
    public static final String FIT_COLUMN = "refine_rmse";
    /** 1 where {@value #FIT_COLUMN} is above {@link MemscRefinement#RMSE_THRESHOLD}: a refined correction to doubt. */
    public static final String FIT_FLAG_COLUMN = "refine_flag";
    /** The value of {@value #BY_COLUMN} for the network. */
    public static final String NETWORK = "network";

    /**
     * Corrects a flagged spectrum another way (ME-EMSC). Called from several worker threads at once.
     */
    public interface Fallback {
        /** The name written in {@value #BY_COLUMN}. */
        String name();

        /**
         * The corrected spectrum on the model's axis with the RMSE of the fit behind it, or null when it cannot be
         * corrected (the network's stays).
         *
         * @param spectrum the raw spectrum on the model's axis
         * @param network the network's correction of it
         */
        Fitted correct(double[] spectrum, double[] network);

        /** True where every row goes through it (a refinement of the network's correction), not only flagged ones. */
        boolean everyRow();

        /**
         * ME-EMSC with {@code corrector}'s reference: what {@code --fallback memsc} re-corrects flagged spectra with
         * ({@code corrector} on the model's axis; thread-safe, as {@link MeEmscCorrector#correct} is).
         */
        static Fallback memsc(io.descatter.emsc.MeEmscCorrector corrector) {
            return of("memsc", false, (spectrum, network) -> {
                io.descatter.emsc.MeEmscResult result = corrector.correct(spectrum);
                return result.failed() ? null : new Fitted(result.corrected(), result.rmse());
            });
        }

        /** A fallback named {@code name} that corrects by {@code correction(spectrum, network)}. */
        static Fallback of(String name, boolean everyRow, java.util.function.BiFunction<double[], double[], Fitted> correction) {
            return new Fallback() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Fitted correct(double[] spectrum, double[] network) {
                    return correction.apply(spectrum, network);
                }

                @Override
                public boolean everyRow() {
                    return everyRow;
                }
            };
        }
    }

    /**
     * A spectrum corrected by a fit to the raw spectrum, and how well that fit matched it.
     *
     * @param spectrum the correction on the model's axis
     * @param fitRmse the RMSE of the fit's residual, in the raw spectrum's units; NaN where unknown
     */
    public record Fitted(double[] spectrum, double fitRmse) {
    }

    /** Which axis the corrected spectra are written on. */
    public enum OutputAxis { MODEL, INPUT }

    /**
     * @param batch spectra per network call (hundreds to thousands amortise DL4J's per-call cost)
     * @param threads worker threads, one network replica each
     * @param unit what the input's values are (converted to absorbance), or null to check that they are absorbance
     *        and refuse transmittance ({@link UnitCheck})
     * @param fallback corrects flagged spectra instead of the network, or null
     * @param decimalMark the output's decimal mark ('.' or ','), or null for the input's
     * @param maxMissing where the read options allow missing values: the largest share of a spectrum's points that may
     *        be missing and are filled ({@link MissingValues}); a spectrum with more is written as NaN
     * @param bandFreeBaseline whether the corrections' baseline through the band-free windows is subtracted
     *        ({@link BandFreeBaseline})
     */
    public record Request(InputSource input, ReadOptions read, OutputTarget output, CorrectionModel model, int threads,
            int batch, OutputAxis outputAxis, DoubleFormatter format, InputUnit unit, Fallback fallback, Character decimalMark,
            double maxMissing, boolean bandFreeBaseline) {
        /**
         * A request written with the input's decimal mark, filling spectra with up to 10 % missing, with the band-free
         * baseline where the model's axis has its windows (the default of {@code correct}).
         */
        public Request(InputSource input, ReadOptions read, OutputTarget output, CorrectionModel model, int threads, int batch,
                OutputAxis outputAxis, DoubleFormatter format, InputUnit unit, Fallback fallback) {
            this(input, read, output, model, threads, batch, outputAxis, format, unit, fallback, null, MissingValues.DEFAULT_MAX_SHARE,
                    BandFreeBaseline.Choice.AUTO.subtractsOn(model.axis()));
        }

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
     * @param filledPoints missing points filled by interpolation, in {@code filledSpectra} spectra
     * @param tooManyMissing spectra with more than the allowed share missing, written as NaN
     * @param batch the spectra per batch used: the one asked for, or a smaller one that fits the heap
     * @param strongScattering spectra flagged as strongly scattering ({@value #SHARE_FLAG_COLUMN})
     * @param background spectra whose network correction keeps a background ({@value #BACKGROUND_FLAG_COLUMN})
     * @param noisy spectra whose noise alone keeps their correction under r = 0.99 ({@value #NOISE_FLAG_COLUMN})
     * @param poorlyFitted refined spectra whose fit is flagged ({@value #FIT_FLAG_COLUMN})
     * @param droppedMeta the output's metadata columns (scores and flags included) that its format does not keep
     */
    public record Result(TableSchema input, TableSchema output, long spectra, boolean resampled, CorrectionModel.EdgeShortfall held,
            boolean scored, long flagged, long replaced, long fallbackFailed, long filledPoints, long filledSpectra,
            long tooManyMissing, int batch, long strongScattering, long background, long noisy, long poorlyFitted, List<String> droppedMeta) {
    }

    private BatchCorrection() {
    }

    /**
     * The batch, up to the one asked for, whose batches in flight fit this JVM's heap ({@link BatchMemory}); when not
     * even the smallest fits, the run ends before anything is read, with the exact heap that would do.
     */
    static int batchFittingHeap(BatchMemory memory, int requested, int threads, String name) {
        long heap = Runtime.getRuntime().maxMemory();
        int rows = memory.rowsFitting(requested, threads, heap);
        if (rows > 0) return rows;
        int smallest = Math.min(requested, BatchMemory.MIN_ROWS);
        throw new OutOfHeap(String.format(java.util.Locale.ROOT, "out of memory: correcting %s in batches of %d spectra on %d"
                + " threads needs a heap of %d MB, this one has %d MB: run with JAVA_TOOL_OPTIONS=%s (or --threads 1 with %s)",
                name, smallest, threads, memory.heapNeeded(smallest, threads) >> 20, OutOfHeap.heapMb(),
                BatchMemory.xmx(memory.heapNeeded(smallest, threads)), BatchMemory.xmx(memory.heapNeeded(smallest, 1))));
    }

    public static Result run(Request req, Progress progress) throws IOException {
        try (SpectraReader reader = SpectraReader.open(req.input(), req.read())) {
            return run(reader, req, progress);
        }
    }

    /**
     * As {@link #run(Request, Progress)}, from a reader of {@code req.input()} already open (and left open), whose
     * schema chose the model ({@link ShippedModels#choose}): standard input can be read only once.
     */
    public static Result run(SpectraReader reader, Request req, Progress progress) throws IOException {
        int threads = Math.max(1, req.threads());
        // One replica per core with one BLAS thread each beats one replica using every core (measured by
        // 'descatter bench correct'); with several replicas, more BLAS threads would only oversubscribe the cores.
        if (threads > 1) {
            Nd4j.factory().blas().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxThreads(1);
        }
        TableSchema in = reader.schema();
        Plan plan = Plan.of(req.model(), req.input().name(), in, req.outputAxis(), req.unit(), req.fallback(),
                req.read().allowMissing(), req.maxMissing(), req.decimalMark());
        if (req.bandFreeBaseline()) plan.subtractBandFreeBaseline();
        TableSchema out = plan.output();
        ThreadLocal<CorrectionModel.Replica> replicas = ThreadLocal.withInitial(() -> req.model().replica());
        String name = req.input().name();
        int rows = batchFittingHeap(plan.memory(), req.batch(), threads, name);
        try (SpectraWriter writer = SpectraWriter.open(req.output(), out, req.format())) {
            try {
                boolean scoresWritten = !writer.droppedMeta().containsAll(plan.addedColumns);
                ChunkPipeline.run(reader, writer, threads, rows, () -> plan.stage(rows, replicas, scoresWritten), plan.unitCheck(), "correct",
                        progress, req.input().size());
            } catch (OutOfMemoryError e) {
                // The estimate fell short (a model with large buffers, text longer than usual): say what is likelier to fit.
                throw new OutOfHeap(String.format(java.util.Locale.ROOT, "out of memory (heap %d MB) correcting %s in batches of %d"
                        + " spectra on %d threads: run with JAVA_TOOL_OPTIONS=-Xmx%dm, or --batch %d", OutOfHeap.heapMb(), name,
                        rows, threads, 2 * OutOfHeap.heapMb(), Math.max(1, rows / 4)));
            }
            writer.commit();
            Counts counts = plan.counts;
            return new Result(in, out, writer.written(), plan.resampled(), plan.held(), plan.confidence != null, counts.flagged.sum(),
                    counts.replaced.sum(), counts.failed.sum(), counts.filledPoints.sum(), counts.filledSpectra.sum(),
                    counts.tooManyMissing.sum(), rows, counts.strongScattering.sum(), counts.background.sum(), counts.noisy.sum(),
                    counts.poorlyFitted.sum(), writer.droppedMeta());
        }
    }

    /**
     * The columns added to the output: numbers and a 0/1 flag as Quasar meta attributes (continuous and discrete), so a
     * Quasar file stays one that Orange reads, with the scores beside the ids.
     */
    private static List<MetaColumn> extraColumns(boolean withScore, boolean withShare, boolean withBackground, Fallback fallback) {
        List<MetaColumn> c = new ArrayList<>();
        if (withScore) {
            c.add(new MetaColumn(SCORE_COLUMN, "continuous", "meta"));
            c.add(new MetaColumn(FLAG_COLUMN, "discrete", "meta"));
        }
        if (withShare) {
            c.add(new MetaColumn(SHARE_COLUMN, "continuous", "meta"));
            c.add(new MetaColumn(SHARE_FLAG_COLUMN, "discrete", "meta"));
        }
        if (withBackground) {
            c.add(new MetaColumn(BACKGROUND_COLUMN, "continuous", "meta"));
            c.add(new MetaColumn(BACKGROUND_FLAG_COLUMN, "discrete", "meta"));
        }
        if (withShare) { // the signal-to-noise ratio goes with the detail pass-through, as the share does
            c.add(new MetaColumn(SNR_COLUMN, "continuous", "meta"));
            c.add(new MetaColumn(NOISE_FLAG_COLUMN, "discrete", "meta"));
        }
        if (fallback != null) c.add(new MetaColumn(BY_COLUMN, "discrete", "meta"));
        if (fallback != null && fallback.everyRow()) {
            c.add(new MetaColumn(CHANGE_COLUMN, "continuous", "meta"));
            c.add(new MetaColumn(FIT_COLUMN, "continuous", "meta"));
            c.add(new MetaColumn(FIT_FLAG_COLUMN, "discrete", "meta"));
        }
        return c;
    }

    /** Totals over all workers. */
    private static final class Counts {
        final LongAdder flagged = new LongAdder();
        final LongAdder strongScattering = new LongAdder();
        final LongAdder poorlyFitted = new LongAdder();
        final LongAdder background = new LongAdder();
        final LongAdder noisy = new LongAdder();
        final LongAdder replaced = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder filledPoints = new LongAdder();
        final LongAdder filledSpectra = new LongAdder();
        final LongAdder tooManyMissing = new LongAdder();
    }

    /** The input's own points inside the model's range: the network corrects nothing outside it. */
    private static WavenumberAxis insideModel(CorrectionModel model, String name, WavenumberAxis input) {
        try {
            return input.within(model.axis());
        } catch (AxisMismatchException e) {
            throw new AxisMismatchException(name, e.getMessage() + ": use --output-axis model");
        }
    }

    /**
     * What correcting spectra on one input axis takes: the resampling onto the model's axis (and back), the unit
     * conversion, the filling of missing values, the scores and the fallback, and the output's schema. {@link #run}
     * applies it to a file; callers that bring batches of their own (the Spark module) take a {@link #stage} per
     * thread and feed it chunks, so both correct with the same code.
     */
    public static final class Plan {
        final CorrectionModel model;
        final TableSchema in;
        final TableSchema out;
        final Resampler toModel;
        final Resampler back;
        final Confidence confidence;
        /** Where a detail model's scattering share is flagged; null: no share is computed. */
        final ScatteringShare share;
        /** The background left where cells have no bands, for models with a share whose axis reaches there; else null. */
        final ResidualBackground background;
        final Fallback fallback;
        final MissingValues missing;
        final DoubleFormatter scoreFormat;
        /** The columns of scores, flags and fallback this plan adds to the input's. */
        final List<String> addedColumns;
        final InputUnit unit;
        final boolean checkUnit;
        final String name;
        final CorrectionModel.EdgeShortfall held;
        final Counts counts = new Counts();
        /** Subtracted from every correction last, on the model's axis; null: none. */
        BandFreeBaseline baseline;

        private Plan(CorrectionModel model, String name, TableSchema in, OutputAxis outputAxis, InputUnit unit, Fallback fallback,
                boolean allowMissing, double maxMissing, Character decimalMark) {
            this.model = model;
            this.name = name;
            this.in = in;
            WavenumberAxis modelAxis = model.axis();
            this.held = model.requireNearlyCoveredBy(name, in.axis());
            this.toModel = held.any() ? Resampler.linearHoldingEdges(in.axis(), modelAxis)
                    : Resampler.linearToWrittenPrecision(in.axis(), modelAxis);
            this.back = outputAxis == OutputAxis.INPUT
                    ? Resampler.linearToWrittenPrecision(modelAxis, insideModel(model, name, in.axis())) : null;
            this.confidence = model.confidence();
            this.share = model.metadata().detail() == null ? null : model.metadata().scatteringShare();
            this.background = model.background();
            this.fallback = confidence == null && share == null ? null : fallback;
            TableSchema o = in.withAxis(back == null ? modelAxis : back.to());
            if (decimalMark != null) o = o.withDecimalMark(decimalMark);
            this.missing = allowMissing ? new MissingValues(in.axis(), maxMissing) : null;
            this.scoreFormat = SCORE_FORMAT.withDecimalMark(o.decimalMark());
            List<MetaColumn> added = confidence != null || share != null
                    ? extraColumns(confidence != null, share != null, background != null, this.fallback) : List.of();
            this.addedColumns = added.stream().map(MetaColumn::name).toList();
            this.out = o.withMetaColumns(added);
            this.unit = unit == null ? InputUnit.ABSORBANCE : unit;
            this.checkUnit = unit == null;
        }

        /**
         * @param name the input's name in messages
         * @param in the input's schema (its axis and metadata columns)
         * @param unit what the input's values are, or null to check that they are absorbance ({@link #unitCheck})
         * @param fallback corrects flagged spectra instead of the network, or null
         * @param maxMissing with {@code allowMissing}: the largest share of a spectrum's points filled
         * @param decimalMark the output's decimal mark, or null for the input's
         */
        public static Plan of(CorrectionModel model, String name, TableSchema in, OutputAxis outputAxis, InputUnit unit,
                Fallback fallback, boolean allowMissing, double maxMissing, Character decimalMark) {
            return new Plan(model, name, in, outputAxis, unit, fallback, allowMissing, maxMissing, decimalMark);
        }

        /** The corrected spectra's schema: the output axis, and the score columns when the model scores. */
        public TableSchema output() { return out; }

        /**
         * From now on the stages subtract each correction's baseline through the band-free windows ({@link BandFreeBaseline}),
         * after any fallback or refinement and before the output axis; the scores are those of the network's correction.
         *
         * @throws io.descatter.spectra.AxisMismatchException where the model's axis misses a window
         */
        public Plan subtractBandFreeBaseline() {
            baseline = BandFreeBaseline.on(model.axis());
            if (baseline == null) {
                throw new io.descatter.spectra.AxisMismatchException(name, String.format(java.util.Locale.ROOT,
                        "the model's axis %s-%s cm-1 misses a band-free window (%s-%s and %s-%s cm-1) for the baseline",
                        model.axis().min(), model.axis().max(), BandFreeBaseline.SILENT_FROM, BandFreeBaseline.SILENT_TO,
                        BandFreeBaseline.HIGH_FROM, BandFreeBaseline.HIGH_TO));
            }
            return this;
        }

        /** How far the input's axis falls short of the model's at each end (its edge values held there). */
        public CorrectionModel.EdgeShortfall held() { return held; }

        /** Whether the spectra are resampled onto the model's axis. */
        public boolean resampled() { return !toModel.isIdentity(); }

        /** The check that raw values are absorbance, to run on each chunk before its stage; null when the unit was given. */
        public Consumer<SpectraChunk> unitCheck() {
            return checkUnit ? chunk -> UnitCheck.requireAbsorbance(name, in.axis(), chunk) : null;
        }

        /** What batches in flight take of the heap. */
        BatchMemory memory() {
            int points = model.axis().size();
            return new BatchMemory(BatchMemory.perRow(in.axis().size(), points,
                    (toModel.isIdentity() ? 0 : 1) + (back == null ? 0 : 1), out.axis().size()), CorrectionModel.Replica.bytesPerRow(points));
        }

        /**
         * One worker's step for batches of up to {@code rows} spectra: it corrects a raw chunk (on the input's axis, in
         * the input's metadata columns) into a chunk of the {@link #output()} schema, which it reuses for the next
         * batch. Not thread-safe: one per thread, each with its own replica from {@code replicas}.
         */
        public ChunkPipeline.Stage stage(int rows, ThreadLocal<CorrectionModel.Replica> replicas) {
            return stage(rows, replicas, true);
        }

        /**
         * As {@link #stage(int, ThreadLocal)}; {@code scoresWritten} false (an output that keeps none of the
         * {@link #addedColumns}, such as an ENVI image) leaves the scores' text cells empty instead of formatting them.
         */
        ChunkPipeline.Stage stage(int rows, ThreadLocal<CorrectionModel.Replica> replicas, boolean scoresWritten) {
            return new Correct(rows, model.axis().size(), out.axis().size(), out.meta().size(), toModel, replicas, back,
                    chunk -> unit.toAbsorbance(chunk, in.axis(), name), confidence, share, background, fallback, counts, missing,
                    scoresWritten ? scoreFormat : null, baseline);
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
        final ScatteringShare share;
        final ResidualBackground background;
        final Fallback fallback;
        final Counts counts;
        /** The network's signals for the batch ({@link CorrectionModel.Signals}), as the plan's model has them. */
        final CorrectionModel.Signals signals;
        final MissingValues missing;
        /** Rows of the batch with too much missing: corrected as zeros, written as NaN. */
        final boolean[] unusable;
        /** Null: the output keeps no score column, so none is formatted. */
        final DoubleFormatter scoreFormat;
        /** Subtracted from every correction last; null: none. */
        final BandFreeBaseline baseline;

        Correct(int rows, int points, int outPoints, int metaColumns, Resampler toModel, ThreadLocal<CorrectionModel.Replica> replicas,
                Resampler back, Consumer<SpectraChunk> toAbsorbance, Confidence confidence, ScatteringShare share,
                ResidualBackground background, Fallback fallback, Counts counts, MissingValues missing, DoubleFormatter scoreFormat,
                BandFreeBaseline baseline) {
            this.baseline = baseline;
            this.missing = missing;
            this.unusable = new boolean[rows];
            this.scoreFormat = scoreFormat;
            this.toAbsorbance = toAbsorbance;
            this.points = points;
            this.onModel = toModel.isIdentity() ? null : new double[rows * points];
            this.corrected = back == null ? null : new double[rows * points];
            this.result = new SpectraChunk(rows, outPoints, metaColumns);
            this.toModel = toModel;
            this.replicas = replicas;
            this.back = back;
            this.confidence = confidence;
            this.share = share;
            this.background = background;
            this.fallback = fallback;
            this.counts = counts;
            boolean detail = share != null;
            this.signals = new CorrectionModel.Signals(confidence == null ? null : new double[rows], detail ? new double[rows] : null,
                    background == null ? null : new double[rows], detail ? new double[rows] : null);
        }

        @Override
        public SpectraChunk apply(SpectraChunk raw) {
            int rows = raw.rows();
            boolean anyUnusable = missing != null && fillMissing(raw);
            toAbsorbance.accept(raw);
            double[] in = raw.values(); // rows are contiguous in a chunk, from offset 0
            if (onModel != null) {
                for (int r = 0; r < rows; r++) toModel.apply(raw.values(), raw.offset(r), onModel, r * points);
                in = onModel;
            }
            result.clear();
            double[] onModelOut = back == null ? result.values() : corrected;
            // without a fallback the baseline goes with the network's pass, while each row is in the cache; a fallback or
            // refinement replaces corrections (the refinement takes the network's own as its reference), so then after it
            BandFreeBaseline inNetworkPass = fallback == null ? baseline : null;
            replicas.get().correct(in, 0, rows, onModelOut, 0, signals, 0, inNetworkPass);
            for (int r = 0; r < rows; r++) {
                boolean scoreIt = confidence != null || share != null;
                String[] meta = scoreIt ? scoredMeta(raw.meta(r), in, r, onModelOut, missing != null && unusable[r]) : raw.meta(r);
                result.addRow(meta, raw.line(r));
            }
            if (baseline != null && inNetworkPass == null) {
                for (int r = 0; r < rows; r++) baseline.subtract(onModelOut, r * points); // unusable rows become NaN below
            }
            if (back != null) {
                for (int r = 0; r < rows; r++) back.apply(corrected, r * points, result.values(), result.offset(r));
            }
            if (anyUnusable) {
                for (int r = 0; r < rows; r++) {
                    if (unusable[r]) java.util.Arrays.fill(result.values(), result.offset(r), result.offset(r) + result.points(), Double.NaN);
                }
            }
            return result;
        }

        /**
         * Fills the gaps of each row; a row with too many is set to zeros (the network needs finite input; its
         * output is replaced by NaN). Returns whether any row was.
         */
        private boolean fillMissing(SpectraChunk raw) {
            boolean any = false;
            for (int r = 0; r < raw.rows(); r++) {
                int filled = missing.fill(raw.values(), raw.offset(r));
                unusable[r] = filled == MissingValues.TOO_MANY;
                if (unusable[r]) {
                    java.util.Arrays.fill(raw.values(), raw.offset(r), raw.offset(r) + raw.points(), 0);
                    counts.tooManyMissing.increment();
                    any = true;
                } else if (filled > 0) {
                    counts.filledPoints.add(filled);
                    counts.filledSpectra.increment();
                }
            }
            return any;
        }

        /**
         * The row's metadata with its score and flag, its scattering share and flag (each where the model has it) and
         * (with a fallback) what corrected it; a row flagged by either (every row, for a refinement) is re-corrected by the fallback in place, on the
         * model's axis.
         */
        private String[] scoredMeta(String[] meta, double[] in, int r, double[] out, boolean unusableRow) {
            double[] scores = signals.scores();
            double[] shares = signals.shares();
            double[] levels = signals.levels();
            boolean oodFlag = false;
            if (confidence != null) {
                if (unusableRow) scores[r] = Double.NaN; // the score of the zeros stood in for it: no score, no flag
                oodFlag = !unusableRow && confidence.flags(scores[r]);
                if (oodFlag) counts.flagged.increment();
            }
            boolean shareFlag = false;
            if (share != null) {
                if (unusableRow) shares[r] = Double.NaN;
                shareFlag = share.flags(shares[r]);
                if (shareFlag) counts.strongScattering.increment();
            }
            // of the network's correction, before a fallback or refinement replaces it
            double level = background == null || unusableRow ? Double.NaN : levels[r];
            boolean backgroundFlag = ResidualBackground.flags(level);
            if (backgroundFlag) counts.background.increment();
            // of the network's correction too; a fallback would keep the noise as well, so it does not re-correct these
            double snr = share == null || unusableRow ? Double.NaN : signals.signalToNoise()[r];
            boolean noiseFlag = SignalToNoise.flags(snr);
            if (noiseFlag) counts.noisy.increment();
            String by = NETWORK;
            double change = Double.NaN;
            double fit = Double.NaN;
            if (fallback != null && !unusableRow && (fallback.everyRow() || fallsBack(oodFlag, shareFlag, backgroundFlag))) {
                double[] network = java.util.Arrays.copyOfRange(out, r * points, (r + 1) * points);
                Fitted c = fallback.correct(java.util.Arrays.copyOfRange(in, r * points, (r + 1) * points), network);
                if (c == null) {
                    counts.failed.increment();
                } else {
                    System.arraycopy(c.spectrum(), 0, out, r * points, points);
                    counts.replaced.increment();
                    by = fallback.name();
                    change = relativeChange(network, c.spectrum());
                    fit = c.fitRmse();
                }
            }
            boolean refinement = fallback != null && fallback.everyRow();
            boolean fitFlag = refinement && fit > MemscRefinement.RMSE_THRESHOLD;
            if (fitFlag) counts.poorlyFitted.increment();
            int n = meta.length;
            String[] m = java.util.Arrays.copyOf(meta, n + (confidence != null ? 2 : 0) + (share != null ? 2 : 0)
                    + (background != null ? 2 : 0) + (share != null ? 2 : 0) + (fallback != null ? 1 : 0) + (refinement ? 3 : 0));
            if (confidence != null) {
                m[n++] = text(scores[r]);
                m[n++] = oodFlag ? "1" : "0";
            }
            if (share != null) {
                m[n++] = text(shares[r]);
                m[n++] = shareFlag ? "1" : "0";
            }
            if (background != null) {
                m[n++] = Double.isNaN(level) ? "" : text(level);
                m[n++] = Double.isNaN(level) ? "" : backgroundFlag ? "1" : "0";
            }
            if (share != null) {
                m[n++] = Double.isNaN(snr) ? "" : text(snr);
                m[n++] = Double.isNaN(snr) ? "" : noiseFlag ? "1" : "0";
            }
            if (fallback != null) m[n++] = by;
            if (refinement) {
                m[n++] = Double.isNaN(change) ? "" : text(change);
                m[n++] = Double.isNaN(fit) ? "" : text(fit);
                m[n] = Double.isNaN(fit) ? "" : fitFlag ? "1" : "0";
            }
            return m;
        }

        private String text(double value) {
            return scoreFormat == null ? "" : scoreFormat.format(value);
        }
    }

    /**
     * Whether {@code --fallback} re-corrects a spectrum with these flags: any of them (out of distribution, strongly
     * scattering, a background left). The one rule for {@code correct} and {@code evaluate}.
     */
    public static boolean fallsBack(boolean ood, boolean strongScattering, boolean background) {
        return ood || strongScattering || background;
    }

    /** rms(after − before) / s.d.(before): {@value #CHANGE_COLUMN}. */
    static double relativeChange(double[] before, double[] after) {
        double mean = 0;
        for (double v : before) mean += v;
        mean /= before.length;
        double spread = 0;
        double moved = 0;
        for (int i = 0; i < before.length; i++) {
            spread += (before[i] - mean) * (before[i] - mean);
            moved += (after[i] - before[i]) * (after[i] - before[i]);
        }
        return spread > 0 ? Math.sqrt(moved / spread) : Double.NaN;
    }
}
