package io.descatter.spectra.io;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Streams wide and Quasar files: one spectrum per row, constant memory. */
final class WideReader extends SpectraReader {
    private final String[] header;
    private final int[] plan;
    private final int columns;
    private boolean pending;
    private long spectraRead;
    private final double[] axisValues;
    /** The cells of the one row {@link #read} holds at a time. */
    private final RowCells own = new RowCells();
    /** Set at the first bad row: nothing after it is read. */
    private boolean failed;

    WideReader(CsvTokenizer tok, InputSource.Opened opened, ReadOptions options, String[] header, long headerLine,
            boolean secondRecord, boolean lookForQuasar) throws IOException {
        super(tok, opened, options);
        this.header = header;
        this.columns = header.length;
        String[] types = null;
        String[] flags = null;
        boolean forcedQuasar = options.layout() == Layout.QUASAR;
        pending = secondRecord;
        if (lookForQuasar && secondRecord) {
            String[] second = tok.count() == columns ? tok.cells() : null;
            if (second != null && isQuasarTypeRow(second)) {
                long typeLine = tok.recordLine();
                if (!tok.next() || tok.count() != columns || !isQuasarFlagRow(tok.cells())) {
                    throw new BadInputException(tok.source(), typeLine + 1, 0, "line " + typeLine
                            + " is a Quasar type row, but this line is not a Quasar flag row (meta, class or empty cells)");
                }
                types = second;
                flags = tok.cells();
                pending = false;
            } else if (forcedQuasar) {
                throw new BadInputException(tok.source(), tok.recordLine(), 0,
                        "not a Quasar type row (continuous, discrete, string or empty cells)");
            }
        }
        List<MetaColumn> meta = new ArrayList<>();
        List<Double> wavenumbers = new ArrayList<>();
        List<Integer> wavenumberColumns = new ArrayList<>();
        plan = new int[columns];
        for (int c = 0; c < columns; c++) {
            String type = types == null ? "" : types[c].trim().toLowerCase(Locale.ROOT);
            String flag = flags == null ? "" : flags[c].trim();
            double wn = parseFinite(header[c]);
            boolean spectral = !Double.isNaN(wn) && flag.isEmpty() && (type.isEmpty() || type.equals("c") || type.equals("continuous"));
            if (spectral) {
                plan[c] = -(wavenumbers.size() + 1);
                wavenumbers.add(wn);
                wavenumberColumns.add(c);
            } else {
                plan[c] = meta.size();
                meta.add(new MetaColumn(header[c], types == null ? "" : types[c], flag));
            }
        }
        if (wavenumbers.size() < 2) {
            throw new BadInputException(tok.source(), headerLine, 0, "the header has " + wavenumbers.size()
                    + " wavenumber column(s); a spectrum needs at least 2 (header cells that are numbers)");
        }
        double[] axis = wavenumbers.stream().mapToDouble(Double::doubleValue).toArray();
        int bad = WavenumberAxis.firstOrderViolation(axis);
        if (bad >= 0) {
            int column = wavenumberColumns.get(bad) + 1;
            int dup = indexOf(axis, axis[bad], bad);
            String problem = dup >= 0
                    ? "duplicate wavenumber " + header[column - 1].trim() + " (also in column " + (wavenumberColumns.get(dup) + 1) + ")"
                    : "wavenumber " + header[column - 1].trim() + " breaks the " + (axis[1] > axis[0] ? "ascending" : "descending")
                            + " order of the header";
            throw new BadInputException(tok.source(), headerLine, column, problem);
        }
        axisValues = axis;
        schema = new TableSchema(tok.source(), types == null ? Layout.WIDE : Layout.QUASAR, tok.delimiter(),
                WavenumberAxis.of(axis), meta, plan);
    }

    private static int indexOf(double[] a, double v, int before) {
        for (int i = 0; i < before; i++) if (a[i] == v) return i;
        return -1;
    }

    /** Row by row: one record's cells at a time, which keeps memory small. */
    @Override
    public int read(SpectraChunk chunk) throws IOException {
        chunk.clear();
        while (!chunk.isFull()) {
            own.clear();
            if (!nextRow(chunk, own)) break;
            parseRow(chunk, chunk.rows() - 1, own, 0);
        }
        return chunk.rows();
    }

    @Override
    public int readCells(SpectraChunk chunk, RowCells cells) throws IOException {
        chunk.clear();
        cells.clear();
        if (failed) return 0;
        try {
            while (!chunk.isFull() && nextRow(chunk, cells)) {
                // cells only: parse() does the numbers
            }
        } catch (BadInputException e) {
            failed = true;
            if (chunk.rows() == 0) throw e;
            cells.error = e;
        }
        return chunk.rows();
    }

    @Override
    public void parse(SpectraChunk chunk, RowCells cells) {
        for (int r = 0; r < chunk.rows(); r++) parseRow(chunk, r, cells, r * columns);
        if (cells.error != null) throw cells.error;
    }

    /** Adds the next data row's metadata and line to the chunk and its cells to {@code cells}; false at the end. */
    private boolean nextRow(SpectraChunk chunk, RowCells cells) throws IOException {
        do {
            if (pending) pending = false;
            else if (!tok.next()) {
                if (spectraRead == 0) throw new BadInputException(tok.source(), 0, 0, "no spectra: the file has a header but no data rows");
                return false;
            }
        } while (tok.isBlank());
        long line = tok.recordLine();
        if (tok.count() != columns) raggedRow(line);
        int metaCount = schema.meta().size();
        String[] meta = metaCount == 0 ? NO_META : new String[metaCount];
        for (int c = 0; c < columns; c++) if (plan[c] >= 0) meta[plan[c]] = tok.cell(c);
        tok.copyRecord(cells);
        chunk.addRow(meta, line);
        spectraRead++;
        return true;
    }

    /** Parses row r's values from its cells, which start at cell {@code first} of {@code cells}. */
    private void parseRow(SpectraChunk chunk, int r, RowCells cells, int first) {
        double[] values = chunk.values();
        long line = chunk.line(r);
        int off = chunk.offset(r);
        for (int c = 0; c < columns; c++) {
            int p = plan[c];
            if (p >= 0) continue;
            int b = 2 * (first + c);
            try {
                values[off - p - 1] = value(cells.text, cells.bounds[b], cells.bounds[b + 1], c, line);
            } catch (BadInputException e) {
                if (isHeaderAgain(cells, first)) throw headerAgain(line);
                throw e;
            }
        }
        if (repeatsHeader(values, off, chunk.meta(r))) throw headerAgain(line);
    }

    private BadInputException headerAgain(long line) {
        return new BadInputException(tok.source(), line, 0, "this line repeats the header: several files or layouts joined into one?");
    }

    private static final String[] NO_META = new String[0];

    /** A row whose metadata are the header's names, or whose values are the wavenumbers themselves. */
    private boolean repeatsHeader(double[] values, int off, String[] meta) {
        if (meta.length > 0) return meta[0].equals(schema.meta().get(0).name()) && !meta[0].isEmpty();
        int last = axisValues.length - 1;
        return values[off] == axisValues[0] && values[off + 1] == axisValues[1] && values[off + last] == axisValues[last];
    }

    private boolean isHeaderAgain(RowCells cells, int first) {
        for (int c = 0; c < Math.min(columns, 3); c++) if (!cells.cell(first + c).equals(header[c])) return false;
        return true;
    }

    private void raggedRow(long line) {
        int n = tok.count();
        if (!tok.terminated() && n < columns) {
            throw new BadInputException(tok.source(), line, n, "the file ends in the middle of a row (" + n + " of "
                    + columns + " cells): truncated file?");
        }
        if (n > 1 && isQuasarTypeRow(tok.cells()) && !isNumericRow()) {
            throw new BadInputException(tok.source(), line, 0, "a Quasar type row in the middle of the data: "
                    + "several files or layouts joined into one?");
        }
        throw new BadInputException(tok.source(), line, Math.min(n, columns) + 1, "row has " + n + " cells but the header has "
                + columns);
    }

    private boolean isNumericRow() {
        return Arrays.stream(tok.cells()).allMatch(s -> !Double.isNaN(parseFinite(s)));
    }
}
