package io.descatter.spectra.io;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.Resampler;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Copies spectra from one file to another, changing layout, delimiter, precision or axis, in constant memory; a
 * worker thread per core parses, resamples and formats while the calling thread finds the rows and writes.
 */
public final class SpectraConverter {
    /**
     * Rows per chunk: 256 KB of values (21 spectra of 1556 points), enough to amortise per-chunk work; the text of
     * the batches in flight is several times that, and convert must stream through a small heap.
     */
    static final long CHUNK_BYTES = 256L << 10;

    /**
     * @param layout output layout, or null for the input's
     * @param delimiter output delimiter, or null for the input's
     * @param axis output axis, or null to keep the input's
     * @param method interpolation onto {@code axis}
     * @param decimalMark output decimal mark ('.' or ','), or null for the input's; ',' makes a comma delimiter ';'
     * @param quasarRoles metadata column name to its flag in a Quasar header ({@link MetaColumn#CLASS} or
     *     {@link MetaColumn#META}); a name the input lacks is an {@link UnknownColumnException}
     */
    public record Request(InputSource input, ReadOptions read, OutputTarget output, Layout layout, Character delimiter,
            DoubleFormatter format, WavenumberAxis axis, Resampler.Method method, Character decimalMark,
            Map<String, String> quasarRoles) {
        public Request {
            quasarRoles = Map.copyOf(quasarRoles);
        }

        /** A request that flags no column. */
        public Request(InputSource input, ReadOptions read, OutputTarget output, Layout layout, Character delimiter,
                DoubleFormatter format, WavenumberAxis axis, Resampler.Method method, Character decimalMark) {
            this(input, read, output, layout, delimiter, format, axis, method, decimalMark, Map.of());
        }

        /** A request written with the input's decimal mark. */
        public Request(InputSource input, ReadOptions read, OutputTarget output, Layout layout, Character delimiter,
                DoubleFormatter format, WavenumberAxis axis, Resampler.Method method) {
            this(input, read, output, layout, delimiter, format, axis, method, null);
        }
    }

    /** What was converted: the input's schema, the output's, the number of spectra and metadata the layout dropped. */
    public record Result(TableSchema input, TableSchema output, long spectra, List<String> droppedMeta) {
    }

    private SpectraConverter() {
    }

    /** Interpolates a batch onto the output axis. */
    private record Resample(Resampler resampler, SpectraChunk into) implements ChunkPipeline.Stage {
        Resample(Resampler resampler, int rows, TableSchema out) {
            this(resampler, new SpectraChunk(rows, out.axis().size(), out.meta().size()));
        }

        @Override
        public SpectraChunk apply(SpectraChunk chunk) {
            into.clear();
            for (int r = 0; r < chunk.rows(); r++) {
                int row = into.addRow(chunk.meta(r), chunk.line(r));
                resampler.apply(chunk.values(), chunk.offset(r), into.values(), into.offset(row));
            }
            return into;
        }
    }

    /**
     * Runs the conversion; on any error nothing is written at the output.
     *
     * @param progress receives bytes read out of the input's size
     */
    public static Result convert(Request req, Progress progress) throws IOException {
        try (SpectraReader reader = SpectraReader.open(req.input(), req.read())) {
            TableSchema in = reader.schema();
            TableSchema out = in;
            if (req.axis() != null) out = out.withAxis(req.axis());
            if (req.layout() != null) out = out.withLayout(req.layout());
            if (!req.quasarRoles().isEmpty()) out = out.withQuasarRoles(req.quasarRoles());
            // the mark first: an input with decimal commas written with a comma delimiter needs '.' before the delimiter
            if (req.decimalMark() != null) out = out.withDecimalMark(req.decimalMark());
            else if (req.delimiter() != null && req.delimiter() == ',') out = out.withDecimalMark('.');
            if (req.delimiter() != null) out = out.withDelimiter(req.delimiter());
            Resampler resampler;
            try {
                resampler = Resampler.create(in.axis(), out.axis(), req.method());
            } catch (AxisMismatchException e) {
                throw e.in(req.input().name());
            }
            long total = req.input().size();
            try (SpectraWriter writer = SpectraWriter.open(req.output(), out, req.format())) {
                int rows = SpectraChunk.rowsFor(Math.max(in.axis().size(), out.axis().size()), CHUNK_BYTES);
                TableSchema target = out;
                int threads = Runtime.getRuntime().availableProcessors();
                ChunkPipeline.run(reader, writer, threads, rows, () -> resampler.isIdentity() ? chunk -> chunk : new Resample(resampler, rows, target),
                        "convert", progress, total);
                writer.commit();
                return new Result(in, out, writer.written(), writer.droppedMeta());
            }
        }
    }
}
