package io.descatter.spark;

import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscOptions;
import io.descatter.emsc.MeEmscResult;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.ChunkPipeline;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * ME-EMSC on Spark: every spectrum is corrected on its own (embarrassingly parallel), by the same
 * {@link MeEmscCorrector} as {@code descatter emsc}, built once per task from the reference. Adds the columns
 * emsc_iterations, emsc_rmse and emsc_failure; a spectrum that cannot be corrected gets NaN values and its reason.
 */
public final class SparkEmsc {
    static final List<ExtraColumn> COLUMNS = List.of(ExtraColumn.integer("emsc_iterations"), ExtraColumn.real("emsc_rmse"),
            ExtraColumn.text("emsc_failure"));

    private SparkEmsc() {
    }

    /**
     * @param refAxis the reference's wavenumbers
     * @param reference the reference spectrum
     * @param components Mie components (0: the default, by explained variance)
     * @param maxIterations iterations at most (0: the default)
     */
    public static SparkCorrection.Corrected correct(Dataset<Row> spectra, double[] refAxis, double[] reference, int components,
            int maxIterations, BadRows onBadRow) {
        WavenumberAxis axis = SpectraFrame.axis(spectra);
        Step step = new Step(axis.values(), refAxis, reference, components, maxIterations);
        step.corrector(); // a reference that does not fit the axis fails here, on the driver
        LongAccumulator bad = spectra.sparkSession().sparkContext().longAccumulator("descatter: bad rows");
        LongAccumulator done = spectra.sparkSession().sparkContext().longAccumulator("descatter: rows corrected");
        StructType out = SpectraFrame.output(spectra.schema(), axis, COLUMNS.stream().map(ExtraColumn::field).toList());
        PartitionCorrection f = new PartitionCorrection(step, spectra.schema(), axis.size(), 64, false, onBadRow, COLUMNS, bad, done);
        return new SparkCorrection.Corrected(f.over(spectra, out, axis), bad, done);
    }

    private static final class Step implements ChunkStep {
        private static final long serialVersionUID = 1L;
        private final double[] axis;
        private final double[] refAxis;
        private final double[] reference;
        private final int components;
        private final int maxIterations;

        Step(double[] axis, double[] refAxis, double[] reference, int components, int maxIterations) {
            this.axis = axis;
            this.refAxis = refAxis;
            this.reference = reference;
            this.components = components;
            this.maxIterations = maxIterations;
        }

        MeEmscCorrector corrector() {
            MeEmscOptions.Builder b = MeEmscOptions.defaults().toBuilder();
            if (components > 0) b.components(components);
            if (maxIterations > 0) b.maxIterations(maxIterations);
            return new MeEmscCorrector(axis, refAxis, reference, b.build());
        }

        @Override
        public ChunkPipeline.Stage stage(int rows) {
            MeEmscCorrector c = corrector();
            SpectraChunk out = new SpectraChunk(rows, axis.length, COLUMNS.size());
            return raw -> {
                out.clear();
                for (int r = 0; r < raw.rows(); r++) {
                    MeEmscResult res = c.correct(Arrays.copyOfRange(raw.values(), raw.offset(r), raw.offset(r) + axis.length));
                    int o = out.addRow(new String[] {Integer.toString(res.iterations()), String.format(Locale.ROOT, "%.17g", res.rmse()),
                        res.failed() ? res.failure() : ""}, raw.line(r));
                    if (res.failed()) Arrays.fill(out.values(), out.offset(o), out.offset(o) + axis.length, Double.NaN);
                    else System.arraycopy(res.corrected(), 0, out.values(), out.offset(o), axis.length);
                }
                return out;
            };
        }

        @Override
        public Consumer<SpectraChunk> check() {
            return null;
        }
    }
}
