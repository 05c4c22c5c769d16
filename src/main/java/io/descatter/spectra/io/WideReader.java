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
final class WideReader extends CsvSpectraReader {
    private final String[] header;
    private final int[] plan;
    private final int columns;
    private long spectraRead;
    /** The bytes of the data rows found so far, line breaks counted as one (as the file holds them, uncompressed). */
    private long rowBytes;
    /** Whether the last row has been found: the count is then exact. */
    private boolean ended;
    private final double[] axisValues;
    /** The records of the chunk {@link #read} fills. */
    private final RowBlock own = new RowBlock();
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
        boolean pending = secondRecord;
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
            double wn = parseFinite(header[c], tok.decimalMark());
            char mark = tok.delimiter() == ',' ? 0 : CellSplitter.decimalMarkOf(header[c]);
            if (mark != 0 && mark != tok.decimalMark()) throw notANumber(header[c], c, headerLine);
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
        if (pending) tok.pushBack(); // the second record is the first data row: the rows are read from it on
        schema = new TableSchema(tok.source(), types == null ? Layout.WIDE : Layout.QUASAR, tok.delimiter(),
                WavenumberAxis.of(axis), meta, plan).withDecimalMark(tok.decimalMark());
    }

    private static int indexOf(double[] a, double v, int before) {
        for (int i = 0; i < before; i++) if (a[i] == v) return i;
        return -1;
    }

    /** Reads and parses on the calling thread, a chunk's worth of raw records at a time. */
    @Override
    public int read(SpectraChunk chunk) throws IOException {
        if (readRows(chunk, own) == 0) {
            chunk.clear();
            return 0;
        }
        parse(chunk, own);
        return chunk.rows();
    }

    @Override
    public long expectedSpectra() {
        if (ended) return spectraRead;
        // read-ahead makes the raw bytes run ahead of the rows; gzip leaves only them to go by
        return extrapolate(spectraRead, opened.compressed() ? bytesRead() : rowBytes);
    }

    /** Finds the next rows' records: no cell is looked at here, so this keeps up with several parsing workers. */
    @Override
    public int readRows(SpectraChunk chunk, RowBlock block) throws IOException {
        block.clear();
        RecordScanner records = tok.rows();
        boolean more = true;
        while (!failed && block.rows < chunk.capacity() && (more = records.next())) {
            boolean last = !records.terminated() || records.failure() != null;
            if (records.start() == records.end() && !last) continue; // a blank line
            block.add(records);
            rowBytes += records.end() - records.start() + 1;
            failed = last;
        }
        if (!more) ended = true;
        if (block.rows == 0 && spectraRead == 0) {
            throw new BadInputException(tok.source(), 0, 0, "no spectra: the file has a header but no data rows");
        }
        spectraRead += block.rows;
        return block.rows;
    }

    @Override
    public void parse(SpectraChunk chunk, RowBlock block) {
        chunk.clear();
        if (block.splitter == null) block.splitter = tok.newSplitter();
        CellSplitter cells = block.splitter;
        int metaCount = schema.meta().size();
        for (int r = 0; r < block.rows; r++) {
            long line = block.lines[r];
            boolean terminated = block.terminated(r);
            boolean failed = r == block.rows - 1 && block.failure != null;
            String[] meta = metaCount == 0 ? NO_META : new String[metaCount];
            int off = chunk.offset(chunk.rows());
            if (terminated && !failed && cells.readPlainRow(block.bytes, block.starts[r], block.ends[r], plan, chunk.values(), off, meta)) {
                chunk.addRow(meta, line);
                if (repeatsHeader(chunk.values(), off, meta)) throw headerAgain(line);
                continue;
            }
            cells.split(block.bytes, block.starts[r], block.ends[r], line);
            if (failed) throw cells.failure(block.failure);
            if (cells.allEmpty()) continue; // Excel's cleared rows (",,,,"): no data, skipped like blank lines
            if (cells.count() != columns) raggedRow(cells, line, terminated);
            for (int c = 0; c < columns; c++) if (plan[c] >= 0) meta[plan[c]] = cells.cell(c);
            parseRow(chunk, chunk.addRow(meta, line), cells);
        }
    }

    /** Parses row r's values from its cells. */
    private void parseRow(SpectraChunk chunk, int r, CellSplitter cells) {
        double[] values = chunk.values();
        long line = chunk.line(r);
        int off = chunk.offset(r);
        for (int c = 0; c < columns; c++) {
            int p = plan[c];
            if (p >= 0) continue;
            try {
                values[off - p - 1] = value(cells, c, line);
            } catch (BadInputException e) {
                if (isHeaderAgain(cells)) throw headerAgain(line);
                throw e;
            }
        }
        if (repeatsHeader(values, off, chunk.meta(r))) throw headerAgain(line);
    }

    private BadInputException headerAgain(long line) {
        return new BadInputException(tok.source(), line, 0, "this line repeats the header: several files or layouts joined into one?");
    }

    private static final String[] NO_META = new String[0];

    /**
     * A row whose values are the wavenumbers themselves (and, with metadata, whose first metadata cell is that column's
     * name): the header again. Either alone is data: a spectrum may well have an id equal to the column's name.
     */
    private boolean repeatsHeader(double[] values, int off, String[] meta) {
        int last = axisValues.length - 1;
        boolean axisAgain = values[off] == axisValues[0] && values[off + 1] == axisValues[1] && values[off + last] == axisValues[last];
        if (meta.length > 0) return axisAgain && meta[0].equals(schema.meta().get(0).name()) && !meta[0].isEmpty();
        return axisAgain;
    }

    private boolean isHeaderAgain(CellSplitter cells) {
        for (int c = 0; c < Math.min(columns, 3); c++) if (!cells.cell(c).equals(header[c])) return false;
        return true;
    }

    private void raggedRow(CellSplitter cells, long line, boolean terminated) {
        int n = cells.count();
        if (!terminated && n < columns) {
            throw new BadInputException(tok.source(), line, n, "the file ends in the middle of a row (" + n + " of "
                    + columns + " cells): truncated file?");
        }
        String[] text = cells.cells();
        if (n > 1 && isQuasarTypeRow(text) && !Arrays.stream(text).allMatch(s -> !Double.isNaN(parseFinite(s, tok.decimalMark())))) {
            throw new BadInputException(tok.source(), line, 0, "a Quasar type row in the middle of the data: "
                    + "several files or layouts joined into one?");
        }
        throw new BadInputException(tok.source(), line, Math.min(n, columns) + 1, "row has " + n + " cells but the header has "
                + columns);
    }
}
