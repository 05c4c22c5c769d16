package io.descatter.spectra.io;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.SpectraChunk;
import java.io.IOException;
import java.util.List;

/**
 * Several spectra files read as one table, one file after the other in the order given: a spectrometer that writes a
 * file per spectrum (Bruker OPUS {@code .0} files, two-column exports) leaves a folder of them. Each spectrum carries
 * the name of its file, as given, in the metadata column {@value #FILE_COLUMN} ({@value #FILE_COLUMN_TAKEN} where the
 * files have a column of that name), after the files' own metadata columns.
 *
 * <p>Every file must have the first one's wavenumber axis and metadata columns; all headers are read before any
 * spectrum, so a file that differs ends the run before anything is written. An image among them is read as its
 * pixels' table (map_x, map_y). Each file is read and parsed on the reading thread and closed when done, so no more
 * than one is open however many are given; the files this is for are small, and the workers still do the rest.
 */
final class CombinedSpectraReader extends SpectraReader {
    static final String FILE_COLUMN = "file";
    static final String FILE_COLUMN_TAKEN = "source_file";

    private final List<InputSource> parts;
    private final ReadOptions options;
    private final long expected;
    private int current = -1;
    private SpectraReader reader;
    private SpectraChunk partChunk;
    /** Bytes of the files already read, for progress against the sum of their sizes. */
    private long bytesBefore;

    CombinedSpectraReader(List<InputSource> parts, ReadOptions options) throws IOException {
        this.parts = List.copyOf(parts);
        this.options = options;
        TableSchema first = null;
        long spectra = 0;
        for (InputSource part : this.parts) {
            try (SpectraReader r = SpectraReader.open(part, options)) {
                TableSchema s = r.schema();
                if (first == null) first = s;
                else requireSameTable(part.name(), s, this.parts.get(0).name(), first);
                long n = r.expectedSpectra();
                spectra = spectra < 0 || n < 0 ? -1 : spectra + n;
            }
        }
        this.expected = spectra;
        List<String> names = first.meta().stream().map(MetaColumn::name).toList();
        String column = names.contains(FILE_COLUMN) ? FILE_COLUMN_TAKEN : FILE_COLUMN;
        if (names.contains(column)) {
            throw new BadInputException(this.parts.get(0).name(), 0, 0, "has columns named both " + FILE_COLUMN + " and "
                    + FILE_COLUMN_TAKEN + ", which would hide the name of each spectrum's file: rename one");
        }
        // a table, whatever the parts are: the pixels of several images are no one image; a columnar export of one
        // spectrum per file becomes a row per spectrum
        TableSchema s = first.withImage(null);
        if (s.layout() == Layout.COLUMNAR) s = s.withLayout(Layout.WIDE);
        this.schema = s.withMetaColumns(List.of(new MetaColumn(column, "string", MetaColumn.META)));
    }

    /** A file whose axis or metadata columns differ from the first file's is refused, naming both. */
    private static void requireSameTable(String name, TableSchema s, String firstName, TableSchema first) {
        if (!s.axis().equals(first.axis())) {
            throw new BadInputException(name, 0, 0, "its axis (" + s.axis().describe() + ") is not that of " + firstName + " ("
                    + first.axis().describe() + "): files read together must share one axis; resample them first, each with "
                    + "descatter convert FILE -o NEW --axis MIN:MAX:STEP");
        }
        List<String> names = s.meta().stream().map(MetaColumn::name).toList();
        List<String> firstNames = first.meta().stream().map(MetaColumn::name).toList();
        if (!names.equals(firstNames)) {
            throw new BadInputException(name, 0, 0, "its metadata columns " + (names.isEmpty() ? "(none)" : names) + " are not those of "
                    + firstName + " " + (firstNames.isEmpty() ? "(none)" : firstNames) + ": files read together must have the same columns");
        }
    }

    @Override
    public int read(SpectraChunk chunk) throws IOException {
        chunk.clear();
        while (true) {
            if (reader == null) {
                if (current + 1 >= parts.size()) return 0;
                reader = SpectraReader.open(parts.get(++current), options);
                partChunk = null;
            }
            if (partChunk == null || partChunk.capacity() != chunk.capacity()) partChunk = reader.newChunk(chunk.capacity());
            int n = reader.read(partChunk);
            if (n > 0) {
                String file = parts.get(current).name();
                for (int r = 0; r < n; r++) {
                    String[] own = partChunk.meta(r);
                    String[] meta = java.util.Arrays.copyOf(own, own.length + 1);
                    meta[own.length] = file;
                    chunk.addRow(partChunk.values(), partChunk.offset(r), meta, partChunk.line(r));
                }
                return n;
            }
            InputSource done = parts.get(current);
            long size = done.size();
            bytesBefore += size >= 0 ? size : reader.bytesRead();
            reader.close();
            reader = null;
        }
    }

    @Override
    public long bytesRead() {
        return bytesBefore + (reader == null ? 0 : reader.bytesRead());
    }

    @Override
    public long expectedSpectra() { return expected; }

    @Override
    public void close() throws IOException {
        if (reader != null) reader.close();
        reader = null;
    }
}
