package io.descatter.spectra.io;

import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.image.ImageFormats;
import java.io.IOException;
import java.util.List;

/**
 * Writes spectra as CSV text (wide, Quasar or columnar layout) or, where the output's name asks for one, as a binary
 * image file ({@link ImageFormats}: {@code out.hdr} is ENVI). Nothing appears at the target until {@link #commit()}:
 * closing without a commit discards the output.
 * <pre>{@code
 * try (SpectraWriter w = SpectraWriter.open(OutputTarget.of("out.csv"), schema, DoubleFormatter.exact())) {
 *     w.write(chunk); ...
 *     w.commit();
 * }
 * }</pre>
 */
public abstract class SpectraWriter implements AutoCloseable {
    final TableSchema schema;
    private long written;

    SpectraWriter(TableSchema schema) {
        this.schema = schema;
    }

    /**
     * Opens a writer for the output's format (by its name) and the schema's axis and metadata columns (and, for text,
     * its layout and delimiter), and writes what comes before the spectra.
     *
     * @param format how text output writes numbers; binary formats write their own number type
     */
    public static SpectraWriter open(OutputTarget target, TableSchema schema, DoubleFormatter format) throws IOException {
        ImageFormats.Writing image = ImageFormats.writingFormatOf(target.name());
        return image == null ? CsvSpectraWriter.openText(target, schema, format) : ImageSpectraWriter.open(image, target, schema);
    }

    /** Metadata columns the output cannot hold (columnar keeps only the id; most images keep none). */
    public List<String> droppedMeta() { return List.of(); }

    /** Appends the chunk's rows. The chunk's point count must match the schema's axis. */
    public final void write(SpectraChunk chunk) throws IOException {
        checkPoints(chunk);
        writeChunk(chunk);
        written += chunk.rows();
    }

    abstract void writeChunk(SpectraChunk chunk) throws IOException;

    private void checkPoints(SpectraChunk chunk) {
        if (chunk.points() != schema.axis().size()) {
            throw new IllegalArgumentException("chunk has " + chunk.points() + " points, the output axis " + schema.axis().size());
        }
    }

    /**
     * Whether {@link #format(SpectraChunk, TextBuffer)} may run apart from the writer (streaming layouts), so that
     * turning numbers into bytes runs on the workers.
     */
    public boolean formatsApart() { return false; }

    /**
     * Formats the chunk's rows into a buffer, exactly as {@link #write(SpectraChunk)} would write them, without
     * touching the writer's state: safe on another thread, so formatting can run in parallel with other work.
     * Only where {@link #formatsApart()}.
     */
    public final void format(SpectraChunk chunk, TextBuffer into) {
        checkPoints(chunk);
        formatRows(chunk, into);
    }

    void formatRows(SpectraChunk chunk, TextBuffer into) {
        throw new UnsupportedOperationException("this output is not formatted apart");
    }

    /** Writes rows formatted by {@link #format(SpectraChunk, TextBuffer)}, in the order of the calls. */
    public final void write(TextBuffer formatted, int rows) throws IOException {
        writeFormatted(formatted);
        written += rows;
    }

    void writeFormatted(TextBuffer formatted) throws IOException {
        throw new UnsupportedOperationException("this output is not formatted apart");
    }

    /** Spectra written so far. */
    public long written() { return written; }

    /** Finishes the file and moves it into place. */
    public abstract void commit() throws IOException;

    /** Without a commit: removes what was written. */
    @Override
    public abstract void close() throws IOException;
}
