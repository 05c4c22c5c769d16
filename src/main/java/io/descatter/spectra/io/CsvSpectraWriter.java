package io.descatter.spectra.io;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.SpectraChunk;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes spectra as CSV text in wide, Quasar or columnar layout. Wide and Quasar output streams; columnar output is
 * held until the commit because each spectrum is a column. Opened through {@link SpectraWriter#open}, which picks
 * it for every output that is not a binary image.
 */
abstract class CsvSpectraWriter extends SpectraWriter {
    final OutputTarget target;
    final DoubleFormatter format;
    final char delimiter;
    /** Formatted rows not yet written: flushed to {@link #out} past {@link #FLUSH_BYTES}. */
    final TextBuffer line = new TextBuffer(FLUSH_BYTES + (1 << 14));
    /** Wavenumbers are written as {@link WrittenAxis} rounds them: --digits and float precision apply to values only. */
    final DoubleFormatter axisFormat;
    /** The header's wavenumbers ({@link WrittenAxis}). */
    final double[] writtenAxis;
    OutputStream out;

    CsvSpectraWriter(OutputTarget target, TableSchema schema, DoubleFormatter format) {
        super(schema);
        this.target = target;
        this.format = format.withDecimalMark(schema.decimalMark());
        this.axisFormat = DoubleFormatter.exact().withDecimalMark(schema.decimalMark());
        this.writtenAxis = WrittenAxis.values(schema.axis());
        this.delimiter = schema.delimiter();
    }

    /** Opens a writer for the schema's layout, delimiter, axis and metadata columns, and writes the header. */
    static CsvSpectraWriter openText(OutputTarget target, TableSchema schema, DoubleFormatter format) throws IOException {
        String lower = target.name().toLowerCase(java.util.Locale.ROOT);
        if (schema.delimiter() == CellSplitter.WHITESPACE && (lower.endsWith(".csv") || lower.endsWith(".csv.gz"))) {
            // blank-delimited data (a .txt export) written under a CSV name: commas, as a spreadsheet expects of one
            schema = schema.withDelimiter(schema.decimalMark() == ',' ? ';' : ',');
        }
        if (schema.layout() == Layout.WIDE) {
            // a plain wide header makes every numeric name a wavenumber: a metadata column named "1006" would come
            // back as a point of the spectrum (Quasar's flag rows keep it apart)
            for (MetaColumn m : schema.meta()) {
                if (!Double.isNaN(CsvSpectraReader.parseFinite(m.name(), schema.decimalMark()))) {
                    throw new BadInputException(schema.source(), 1, 0, "metadata column '" + m.name() + "' has a numeric name, "
                            + "which a wide file would read as a wavenumber: keep the Quasar layout (--layout quasar)");
                }
            }
        }
        CsvSpectraWriter w = schema.layout() == Layout.COLUMNAR ? new ColumnarWriter(target, schema, format)
                : new WideWriter(target, schema, format);
        try {
            w.out = target.openStream();
            w.start();
        } catch (IOException | RuntimeException e) {
            target.close();
            throw e;
        }
        return w;
    }

    abstract void start() throws IOException;

    abstract void finish() throws IOException;

    @Override
    final void writeChunk(SpectraChunk chunk) throws IOException {
        try {
            writeRows(chunk);
        } catch (IOException e) {
            throw target.failure(e);
        }
    }

    abstract void writeRows(SpectraChunk chunk) throws IOException;

    @Override
    public boolean formatsApart() { return this instanceof WideWriter; }

    @Override
    void writeFormatted(TextBuffer formatted) throws IOException {
        try {
            flush();
            formatted.writeTo(out);
        } catch (IOException e) {
            throw target.failure(e);
        }
    }

    @Override
    public final void commit() throws IOException {
        try {
            finish();
            flush();
            target.commit();
        } catch (IOException e) {
            throw target.failure(e);
        }
    }

    @Override
    public void close() throws IOException {
        target.close();
    }

    final void cell(String s) {
        cell(s, line);
    }

    final void cell(String s, TextBuffer into) {
        if (needsQuotes(s)) into.append('"' + s.replace("\"", "\"\"") + '"');
        else into.append(s);
    }

    private boolean needsQuotes(String s) {
        boolean blanks = delimiter == CellSplitter.WHITESPACE; // runs of blanks separate cells: an empty cell or a tab needs quotes
        if (blanks && s.isEmpty()) return true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == delimiter || c == '"' || c == '\n' || c == '\r' || (blanks && c == '\t')) return true;
        }
        return false;
    }

    final void endLine() throws IOException {
        line.append('\n');
        if (line.length() >= FLUSH_BYTES) flush();
    }

    private void flush() throws IOException {
        line.writeTo(out);
        line.clear();
    }

    private static final int FLUSH_BYTES = 1 << 16;

    /** Wide and Quasar: one row per spectrum, metadata where the schema's plan puts it. */
    static final class WideWriter extends CsvSpectraWriter {
        private final int[] plan;
        /** The columns [runStart, runStart + runLength) hold values 0, 1, 2, … in order: written as one run. */
        private final int runStart;
        private final int runLength;

        WideWriter(OutputTarget target, TableSchema schema, DoubleFormatter format) {
            super(target, schema, format);
            this.plan = schema.plan();
            int start = 0;
            while (start < plan.length && plan[start] >= 0) start++;
            int length = 0;
            while (start + length < plan.length && plan[start + length] == -length - 1) length++;
            this.runStart = start;
            this.runLength = length;
        }

        @Override
        void start() throws IOException {
            List<MetaColumn> meta = schema.meta();
            boolean quasar = schema.layout() == Layout.QUASAR;
            for (int row = 0; row < (quasar ? 3 : 1); row++) {
                for (int c = 0; c < plan.length; c++) {
                    if (c > 0) line.append(delimiter);
                    int p = plan[c];
                    if (p >= 0) {
                        MetaColumn m = meta.get(p);
                        cell(switch (row) {
                            case 0 -> m.name();
                            case 1 -> m.quasarType().isEmpty() ? "string" : m.quasarType();
                            default -> m.quasarType().isEmpty() && m.quasarFlag().isEmpty() ? "meta" : m.quasarFlag();
                        });
                    } else if (row == 0) {
                        axisFormat.append(line, writtenAxis[-p - 1]);
                    } else if (row == 1) {
                        line.append("continuous");
                    }
                }
                endLine();
            }
        }

        @Override
        void writeRows(SpectraChunk chunk) throws IOException {
            for (int r = 0; r < chunk.rows(); r++) {
                formatRow(chunk, r, line);
                endLine();
            }
        }

        @Override
        void formatRows(SpectraChunk chunk, TextBuffer into) {
            into.clear();
            for (int r = 0; r < chunk.rows(); r++) {
                formatRow(chunk, r, into);
                into.append('\n');
            }
        }

        private void formatRow(SpectraChunk chunk, int r, TextBuffer into) {
            double[] v = chunk.values();
            String[] meta = chunk.meta(r);
            int off = chunk.offset(r);
            formatColumns(0, runStart, v, off, meta, into);
            format.appendRun(into, v, off, runLength, delimiter, runStart > 0);
            formatColumns(runStart + runLength, plan.length, v, off, meta, into);
        }

        private void formatColumns(int from, int to, double[] v, int off, String[] meta, TextBuffer into) {
            for (int c = from; c < to; c++) {
                if (c > 0) into.append(delimiter);
                int p = plan[c];
                if (p >= 0) cell(meta[p], into);
                else format.append(into, v[off - p - 1]);
            }
        }

        @Override
        void finish() {
            // rows are already written
        }
    }

    /** Columnar: wavenumber column, then one column per spectrum headed by its id. Held in memory until commit. */
    static final class ColumnarWriter extends CsvSpectraWriter {
        private final int idColumn;
        private final List<String> ids = new ArrayList<>();
        private final List<double[]> spectra = new ArrayList<>();

        ColumnarWriter(OutputTarget target, TableSchema schema, DoubleFormatter format) {
            super(target, schema, format);
            this.idColumn = schema.idColumn();
        }

        @Override
        public List<String> droppedMeta() {
            List<String> dropped = new ArrayList<>();
            for (int i = 0; i < schema.meta().size(); i++) if (i != idColumn) dropped.add(schema.meta().get(i).name());
            return dropped;
        }

        @Override
        void start() {
            // the header needs every id: written in finish()
        }

        @Override
        void writeRows(SpectraChunk chunk) {
            for (int r = 0; r < chunk.rows(); r++) {
                double[] s = new double[chunk.points()];
                System.arraycopy(chunk.values(), chunk.offset(r), s, 0, s.length);
                spectra.add(s);
                if (idColumn >= 0) ids.add(chunk.meta(r)[idColumn]);
            }
        }

        @Override
        void finish() throws IOException {
            if (idColumn >= 0) {
                line.append("wavenumber");
                for (String id : ids) {
                    line.append(delimiter);
                    cell(id);
                }
                endLine();
            }
            for (int k = 0; k < writtenAxis.length; k++) {
                axisFormat.append(line, writtenAxis[k]);
                for (double[] s : spectra) {
                    line.append(delimiter);
                    format.append(line, s[k]);
                }
                endLine();
            }
        }
    }
}
