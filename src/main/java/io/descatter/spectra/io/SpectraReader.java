package io.descatter.spectra.io;

import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.SpectralImage;
import java.io.IOException;

/**
 * Reads spectra chunk by chunk from a CSV file in any supported layout or from a binary image file
 * ({@link ImageFormats}): {@link #open} tells them apart by the file's first bytes and its name. Wide and Quasar
 * files and images stream: memory does not grow with the number of spectra. Columnar files are read whole.
 * <pre>{@code
 * try (SpectraReader r = SpectraReader.open(InputSource.of("cells.csv"), ReadOptions.defaults())) {
 *     SpectraChunk chunk = r.newChunk(1024);
 *     while (r.read(chunk) > 0) { ... }
 * }
 * }</pre>
 */
public abstract class SpectraReader implements AutoCloseable {
    TableSchema schema;

    SpectraReader() {
    }

    /**
     * Opens a source: an image file in a registered binary format, else CSV text whose delimiter and layout are
     * detected (or applied), and reads the header.
     *
     * @throws io.descatter.spectra.BadInputException if the file cannot be read as spectra; the message names the
     *     file (and line and column in a text file)
     */
    public static SpectraReader open(InputSource source, ReadOptions options) throws IOException {
        if (!source.parts().isEmpty()) return new CombinedSpectraReader(source.parts(), options);
        SpectralImage image = source.path() == null ? null : ImageFormats.open(source.path(), source.name());
        if (image == null) return CsvSpectraReader.openText(source, options);
        try {
            return new ImageSpectraReader(image, options, source.size());
        } catch (RuntimeException | Error e) {
            image.close();
            throw e;
        }
    }

    /** Convenience for a file name or {@code -}. */
    public static SpectraReader open(String source, ReadOptions options) throws IOException {
        return open(InputSource.of(source), options);
    }

    /** The header: axis, metadata columns, layout and delimiter (and an image's shape). */
    public TableSchema schema() { return schema; }

    /** A chunk shaped for this file. */
    public SpectraChunk newChunk(int rows) {
        return new SpectraChunk(rows, schema.axis().size(), schema.meta().size());
    }

    /**
     * Clears the chunk and fills it with the next spectra.
     *
     * @return the number of spectra read; 0 at the end of the file
     * @throws io.descatter.spectra.BadInputException at the first malformed row
     */
    public abstract int read(SpectraChunk chunk) throws IOException;

    /**
     * The reading thread's half of {@link #read(SpectraChunk)}: rows are only found, what they need left in
     * {@code block} for {@link #parse(SpectraChunk, RowBlock)}, which can run on another thread (wide rows' raw
     * records; an image's pixel range); other layouts fill the chunk here. Never more rows than the chunk holds.
     *
     * @return the number of rows read; 0 at the end of the file
     */
    public int readRows(SpectraChunk chunk, RowBlock block) throws IOException {
        block.clear();
        return read(chunk);
    }

    /**
     * Fills the chunk with the rows {@link #readRows} left in the block; safe on any thread, concurrently with
     * reading. Rows are checked in file order, so the first bad row of the block is the one reported.
     *
     * @throws io.descatter.spectra.BadInputException at the first malformed row, with the message
     *     {@link #read(SpectraChunk)} gives
     */
    public void parse(SpectraChunk chunk, RowBlock block) {
        // layouts that fill the chunk in readRows have nothing left to do
    }

    /**
     * How far reading has come, in bytes of {@link InputSource#size()}: raw bytes consumed for text (compressed bytes
     * for gzip), the share of the pixels read for an image.
     */
    public abstract long bytesRead();

    /**
     * How many spectra the source holds, for a progress total counted in spectra: exact once the source has been
     * read to its end (a columnar file is, when opened; an image always), else estimated from the share of the file
     * that the spectra read so far take up; -1 where unknown (standard input before its end).
     */
    public abstract long expectedSpectra();

    @Override
    public abstract void close() throws IOException;
}
