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
import java.io.IOException;
import java.util.function.Consumer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Corrects a spectra file in constant memory through a {@link ChunkPipeline}: worker threads, each holding
 * their own network replica, parse each batch, resample it onto the model's axis when the file has another,
 * correct and format it; ids, metadata and row order are kept. The output appears only on success.
 */
public final class BatchCorrection {
    /** Which axis the corrected spectra are written on. */
    public enum OutputAxis { MODEL, INPUT }

    /**
     * @param batch spectra per network call (hundreds to thousands amortise DL4J's per-call cost)
     * @param threads worker threads, one network replica each
     * @param unit what the input's values are (converted to absorbance), or null to check that they are absorbance
     *        and refuse transmittance ({@link UnitCheck})
     */
    public record Request(InputSource input, ReadOptions read, OutputTarget output, CorrectionModel model, int threads,
            int batch, OutputAxis outputAxis, DoubleFormatter format, InputUnit unit) {
        /** A request whose input is checked to be absorbance. */
        public Request(InputSource input, ReadOptions read, OutputTarget output, CorrectionModel model, int threads,
                int batch, OutputAxis outputAxis, DoubleFormatter format) {
            this(input, read, output, model, threads, batch, outputAxis, format, null);
        }
    }

    /**
     * What was done.
     *
     * @param held how far the input's axis fell short of the model's at each end, filled with its edge values
     */
    public record Result(TableSchema input, TableSchema output, long spectra, boolean resampled,
            CorrectionModel.EdgeShortfall held) {
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
            TableSchema out = in.withAxis(back == null ? modelAxis : back.to());
            int points = modelAxis.size();
            ThreadLocal<CorrectionModel.Replica> replicas = ThreadLocal.withInitial(() -> req.model().replica());
            String name = req.input().name();
            InputUnit unit = req.unit() == null ? InputUnit.ABSORBANCE : req.unit();
            Consumer<SpectraChunk> unitCheck = req.unit() == null ? chunk -> UnitCheck.requireAbsorbance(name, in.axis(), chunk) : null;
            try (SpectraWriter writer = SpectraWriter.open(req.output(), out, req.format())) {
                ChunkPipeline.run(reader, writer, threads, req.batch(),
                        () -> new Correct(req.batch(), points, out.axis().size(), in.meta().size(), toModel, replicas, back,
                                chunk -> unit.toAbsorbance(chunk, in.axis(), name)),
                        unitCheck, "correct", progress, req.input().size());
                writer.commit();
                return new Result(in, out, writer.written(), !toModel.isIdentity(), held);
            }
        }
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
    private static final class Correct implements ChunkPipeline.Stage {
        final double[] onModel;
        final double[] corrected;
        final SpectraChunk result;
        final int points;
        final Resampler toModel;
        final ThreadLocal<CorrectionModel.Replica> replicas;
        final Resampler back;
        final Consumer<SpectraChunk> toAbsorbance;

        Correct(int rows, int points, int outPoints, int metaColumns, Resampler toModel, ThreadLocal<CorrectionModel.Replica> replicas,
                Resampler back, Consumer<SpectraChunk> toAbsorbance) {
            this.toAbsorbance = toAbsorbance;
            this.points = points;
            this.onModel = toModel.isIdentity() ? null : new double[rows * points];
            this.corrected = back == null ? null : new double[rows * points];
            this.result = new SpectraChunk(rows, outPoints, metaColumns);
            this.toModel = toModel;
            this.replicas = replicas;
            this.back = back;
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
            for (int r = 0; r < rows; r++) result.addRow(raw.meta(r), raw.line(r));
            if (back == null) {
                replicas.get().correct(in, 0, rows, result.values(), 0);
            } else {
                replicas.get().correct(in, 0, rows, corrected, 0);
                for (int r = 0; r < rows; r++) back.apply(corrected, r * points, result.values(), result.offset(r));
            }
            return result;
        }
    }
}
