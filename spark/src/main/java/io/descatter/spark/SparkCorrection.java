package io.descatter.spark;

import io.descatter.model.BandFreeBaseline;
import io.descatter.model.BatchCorrection;
import io.descatter.model.MemscRefinement;
import io.descatter.model.CorrectionModel;
import io.descatter.spectra.InputUnit;
import io.descatter.spectra.MissingValues;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.TableSchema;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The correction network on Spark: each partition corrects its rows in batches with the code of
 * {@code descatter correct} ({@link BatchCorrection.Plan}): the same resampling onto the model's axis, unit
 * conversion, filling of missing values, network and confidence scores. The model file is broadcast once; each
 * executor loads it once and each task thread corrects with its own replica.
 *
 * <p>Input: a frame in the {@link SpectraFrame} layout. Output: the same rows in the same order within each
 * partition, every column passed through, {@value SpectraFrame#SPECTRUM} corrected (on the model's axis, or the
 * input's points inside it), and for a model with confidence data the columns {@value BatchCorrection#SCORE_COLUMN}
 * (double) and {@value BatchCorrection#FLAG_COLUMN} (int), for a model with a calibrated detail pass-through
 * {@value BatchCorrection#SHARE_COLUMN} (double) and {@value BatchCorrection#SHARE_FLAG_COLUMN} (int).
 */
public final class SparkCorrection {
    private SparkCorrection() {
    }

    /**
     * How to correct.
     *
     * @param batch spectra per network call
     * @param onBadRow what a row that cannot be corrected does
     * @param unit what the values are (converted to absorbance), or null to check that they are absorbance
     * @param allowMissing fill NaN values by interpolation along the axis (up to {@code maxMissing} of a spectrum)
     * @param outputAxis the model's axis, or the input's points inside the model's range
     * @param refine refine every correction by ME-EMSC with it as the reference, as {@code correct --refine}
     *     ({@link MemscRefinement}; adds the columns {@value BatchCorrection#BY_COLUMN}, {@value BatchCorrection#CHANGE_COLUMN},
     *     {@value BatchCorrection#FIT_COLUMN} and {@value BatchCorrection#FIT_FLAG_COLUMN})
     * @param baseline whether each correction's baseline through the band-free windows is subtracted, as {@code correct
     *     --baseline} ({@link BandFreeBaseline}); by default where the model's axis has both windows
     */
    public record Options(int batch, BadRows onBadRow, InputUnit unit, boolean allowMissing, double maxMissing,
            BatchCorrection.OutputAxis outputAxis, boolean refine, BandFreeBaseline.Choice baseline) implements Serializable {
        public static Options defaults() {
            return new Options(1024, BadRows.FAIL, null, false, MissingValues.DEFAULT_MAX_SHARE, BatchCorrection.OutputAxis.MODEL, false,
                    BandFreeBaseline.Choice.AUTO);
        }

        public Options withOnBadRow(BadRows b) {
            return new Options(batch, b, unit, allowMissing, maxMissing, outputAxis, refine, baseline);
        }

        public Options withBatch(int rows) {
            return new Options(rows, onBadRow, unit, allowMissing, maxMissing, outputAxis, refine, baseline);
        }

        public Options withRefine(boolean r) {
            return new Options(batch, onBadRow, unit, allowMissing, maxMissing, outputAxis, r, baseline);
        }

        public Options withBaseline(BandFreeBaseline.Choice b) {
            return new Options(batch, onBadRow, unit, allowMissing, maxMissing, outputAxis, refine, b);
        }
    }

    /**
     * A correction under way: the corrected frame (lazy, like every Dataset) and the counters that an action over it
     * fills: rows left out or nulled by {@link BadRows}, and rows corrected (counted by successful tasks).
     */
    public record Corrected(Dataset<Row> frame, LongAccumulator badRows, LongAccumulator corrected) {
    }

    /** Corrects {@code spectra} with the model in {@code model}, with the default options (a bad row fails the job). */
    public static Dataset<Row> correct(Dataset<Row> spectra, Path model) throws IOException {
        return correct(spectra, ModelBroadcast.of(model), Options.defaults()).frame();
    }

    /** Corrects {@code spectra} with {@code model}. The model's axis is checked against the frame's here, on the driver. */
    public static Corrected correct(Dataset<Row> spectra, ModelBroadcast model, Options options) {
        SparkSession spark = spectra.sparkSession();
        WavenumberAxis axis = SpectraFrame.axis(spectra);
        CorrectionModel m = model.model();
        BatchCorrection.Plan plan = NetworkStep.plan(m, axis, options); // refuses an axis that does not cover the model's
        List<ExtraColumn> extras = new ArrayList<>();
        for (MetaColumn c : plan.output().meta()) extras.add(extra(c.name()));
        Broadcast<ModelBroadcast> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
        LongAccumulator bad = spark.sparkContext().longAccumulator("descatter: bad rows");
        LongAccumulator done = spark.sparkContext().longAccumulator("descatter: rows corrected");
        List<StructField> added = extras.stream().map(ExtraColumn::field).toList();
        StructType out = SpectraFrame.output(spectra.schema(), plan.output().axis(), added);
        PartitionCorrection f = new PartitionCorrection(new NetworkStep(shared, axis.values(), options), spectra.schema(), axis.size(),
                options.batch(), options.allowMissing(), options.onBadRow(), extras, bad, done);
        return new Corrected(f.over(spectra, out, plan.output().axis()), bad, done);
    }

    private static ExtraColumn extra(String name) {
        return switch (name) {
            case BatchCorrection.SCORE_COLUMN, BatchCorrection.SHARE_COLUMN, BatchCorrection.BACKGROUND_COLUMN, BatchCorrection.SNR_COLUMN,
                    BatchCorrection.CHANGE_COLUMN, BatchCorrection.FIT_COLUMN -> ExtraColumn.real(name);
            case BatchCorrection.FLAG_COLUMN, BatchCorrection.SHARE_FLAG_COLUMN, BatchCorrection.BACKGROUND_FLAG_COLUMN,
                    BatchCorrection.NOISE_FLAG_COLUMN, BatchCorrection.FIT_FLAG_COLUMN -> ExtraColumn.integer(name);
            default -> ExtraColumn.text(name);
        };
    }

    /** The network's step: the CLI's plan, made again on each executor from the broadcast model. */
    static final class NetworkStep implements ChunkStep {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ModelBroadcast> model;
        private final double[] axis;
        private final Options options;
        private transient BatchCorrection.Plan plan;

        NetworkStep(Broadcast<ModelBroadcast> model, double[] axis, Options options) {
            this.model = model;
            this.axis = axis;
            this.options = options;
        }

        static BatchCorrection.Plan plan(CorrectionModel m, WavenumberAxis axis, Options o) {
            TableSchema in = new TableSchema("spectra", io.descatter.spectra.io.Layout.WIDE, ',', axis, List.of(), null);
            BatchCorrection.Plan plan = BatchCorrection.Plan.of(m, "spectra", in, o.outputAxis(), o.unit(),
                    o.refine() ? MemscRefinement.forEveryRow(m) : null, o.allowMissing(), o.maxMissing(), null);
            return o.baseline().subtractsOn(m.axis()) ? plan.subtractBandFreeBaseline() : plan;
        }

        private BatchCorrection.Plan plan() {
            if (plan == null) plan = plan(model.value().model(), WavenumberAxis.of(axis), options);
            return plan;
        }

        @Override
        public io.descatter.spectra.io.ChunkPipeline.Stage stage(int rows) {
            // Spark runs one task per core: one BLAS thread each, as the CLI's workers (measured faster than sharing).
            org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(1);
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(1);
            return plan().stage(rows, model.value().replicas());
        }

        @Override
        public java.util.function.Consumer<io.descatter.spectra.SpectraChunk> check() {
            return plan().unitCheck();
        }
    }
}
