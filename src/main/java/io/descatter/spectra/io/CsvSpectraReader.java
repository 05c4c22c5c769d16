package io.descatter.spectra.io;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.SpectraChunk;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads spectra chunk by chunk from a CSV file in any supported layout. Wide and Quasar files stream: memory
 * does not grow with the number of spectra. Columnar files hold one spectrum per column and are read whole.
 * Opened through {@link SpectraReader#open}, which picks this reader for any file that is not a binary image.
 */
abstract class CsvSpectraReader extends SpectraReader {
    private static final Pattern WAVENUMBER_NAME = Pattern.compile(
            "(?i)\\s*(wave.*|wn|x|nu|frequency.*|cm-1|cm\\^-1|cm⁻¹)\\s*");
    private static final Set<String> QUASAR_TYPES = Set.of("", "c", "continuous", "d", "discrete", "s", "string", "t", "time");
    private static final Set<String> QUASAR_FLAGS = Set.of("", "c", "class", "m", "meta", "w", "weight", "i", "ignore");

    final CsvTokenizer tok;
    final InputSource.Opened opened;
    final ReadOptions options;
    /** The source's size in bytes, -1 for standard input. */
    private long sourceBytes = -1;

    CsvSpectraReader(CsvTokenizer tok, InputSource.Opened opened, ReadOptions options) {
        this.tok = tok;
        this.opened = opened;
        this.options = options;
    }

    /**
     * Opens a source, detects (or applies) delimiter and layout, and reads the header.
     *
     * @throws BadInputException if the file cannot be read as spectra; the message names file, line and column
     */
    static CsvSpectraReader openText(InputSource source, ReadOptions options) throws IOException {
        InputSource.Opened opened = source.open();
        CsvTokenizer tok = new CsvTokenizer(opened.stream(), source.name());
        try {
            String workbook = tok.workbookKind();
            if (workbook != null) throw new BadInputException(source.name(), 0, 0, workbook);
            if (options.delimiter() != null) tok.delimiter(options.delimiter());
            else tok.detectDelimiter(options.decimalComma());
            if (options.decimalComma()) tok.decimalMark(',');
            else tok.detectDecimalMark();
            boolean record;
            while ((record = tok.next()) && (tok.isBlank() || tok.isComment())) {
                if (tok.isJcampLabel()) {
                    // its "##" lines would pass as comments and its X++(Y..Y) rows as a columnar table of wrong spectra
                    throw new BadInputException(source.name(), tok.recordLine(), 1, "a JCAMP-DX file (" + tok.recordText()
                            + "), which descatter does not read: export the spectra as CSV or two-column text from the"
                            + " instrument's software and read that");
                }
            }
            if (!record || tok.count() == 0) {
                throw new BadInputException(source.name(), 0, 0, "the file holds no data (only blank or comment lines)");
            }
            String[] first = tok.cells();
            long firstLine = tok.recordLine();
            if (tok.startsComment()) first = uncommented(first);
            first = wavenumberHeaders(first, tok.decimalMark());
            // The second record stays current in the tokenizer: the reader takes it as its next record.
            boolean second = tok.next();
            Layout layout = options.layout() != null ? options.layout() : detect(first, firstLine, second ? tok : null, tok.source(), tok.decimalMark());
            CsvSpectraReader reader = layout == Layout.COLUMNAR
                    ? columnar(tok, opened, options, first, firstLine, second)
                    : new WideReader(tok, opened, options, first, firstLine, second, layout == Layout.QUASAR || options.layout() == null);
            reader.sourceBytes = source.size();
            if (options.axisUnit() != io.descatter.spectra.AxisUnit.WAVENUMBER) {
                reader.schema = reader.schema.withAxisValues(io.descatter.spectra.WavenumberAxis.of(
                        options.axisUnit().toWavenumbers(reader.schema.axis().values(), source.name())));
            }
            return reader;
        } catch (RuntimeException | IOException e) {
            tok.close();
            throw e;
        }
    }

    /** A columnar file, read whole: a file too big for the heap is told what streams instead. */
    private static CsvSpectraReader columnar(CsvTokenizer tok, InputSource.Opened opened, ReadOptions options, String[] first,
            long firstLine, boolean second) throws IOException {
        try {
            return new ColumnarReader(tok, opened, options, first, firstLine, second);
        } catch (OutOfMemoryError e) {
            throw new io.descatter.util.OutOfHeap("out of memory (heap " + io.descatter.util.OutOfHeap.heapMb() + " MB) reading "
                    + tok.source() + ": a columnar file is read whole; convert it to the wide layout, which streams"
                    + " (descatter convert IN -o OUT --layout wide), or give Java more with JAVA_TOOL_OPTIONS=-Xmx"
                    + 2 * io.descatter.util.OutOfHeap.heapMb() + "m");
        }
    }

    private static Layout detect(String[] first, long line, CsvTokenizer second, String source, char mark) {
        if (first.length < 2) {
            throw new BadInputException(source, line, 0, "only one column: expected cells separated by comma, "
                    + "semicolon, tab or blanks (set the delimiter with --delimiter)");
        }
        int numeric = 0;
        boolean allLarge = true;
        double prev = Double.NaN;
        int direction = 0;
        boolean monotonic = true;
        double[] values = new double[first.length]; // NaN for a cell that is not a number
        for (int c = 0; c < first.length; c++) {
            double v = values[c] = parseFinite(first[c], mark);
            if (Double.isNaN(v)) continue;
            numeric++;
            allLarge &= Math.abs(v) >= 50;
            if (!Double.isNaN(prev)) {
                int d = Double.compare(v, prev);
                if (d == 0 || (direction != 0 && d != direction)) monotonic = false;
                direction = d;
            }
            prev = v;
        }
        double secondFirst = second == null || second.isBlank() ? Double.NaN : parseFinite(second.cell(0), mark);
        if (numeric == first.length) {
            // All numbers: a wide header of wavenumbers, or the first data row of a columnar file without header.
            if (!(monotonic && allLarge)) return Layout.COLUMNAR;
            if (first.length >= 3) {
                // an axis steps evenly (within a factor of ten); a columnar row is a wavenumber, then values that
                // stand apart from it (1000, 100, 95, 90): its first step is far from the others
                double[] steps = new double[first.length - 1];
                for (int k = 0; k + 1 < first.length; k++) steps[k] = Math.abs(values[k + 1] - values[k]);
                double[] rest = java.util.Arrays.copyOfRange(steps, 1, steps.length);
                java.util.Arrays.sort(rest);
                double typical = rest[rest.length / 2];
                return steps[0] > 10 * typical ? Layout.COLUMNAR : Layout.WIDE;
            }
            // two cells: in a columnar file the second row starts with the next wavenumber, a step away
            double a = values[0];
            boolean nextWavenumber = secondFirst != a && Math.abs(secondFirst - a) <= 0.1 * Math.abs(a);
            return nextWavenumber ? Layout.COLUMNAR : Layout.WIDE;
        }
        if (numeric >= 2 && !(numeric == first.length - 1 && WAVENUMBER_NAME.matcher(first[0]).matches())) {
            return Layout.WIDE; // WideReader upgrades to QUASAR when type and flag rows follow
        }
        // A header that could head a wavenumber column: columnar if the next row starts with a number, while a
        // text label there (e.g. "wn,1000,..." then "RawSpec,0.1,...") means rows are spectra.
        if (numeric >= 2 && second != null && !second.isBlank() && Double.isNaN(secondFirst)) {
            return Layout.WIDE;
        }
        // ... or a numeric metadata column named like one ("x", "wn"): the header's numbers form an axis and the next
        // row starts with a small value, not a wavenumber
        if (numeric >= 2 && monotonic && allLarge && Math.abs(secondFirst) < 50) return Layout.WIDE;
        return Layout.COLUMNAR;
    }

    /**
     * A commented header, as {@code numpy.savetxt(..., header=...)} writes one ({@code # 1000,1002,...}), without its
     * mark; with blanks between cells ({@code # 1000 1002}) the mark was a cell of its own.
     */
    private static String[] uncommented(String[] header) {
        String first = header[0].strip();
        if (!first.startsWith("#")) return header; // a ';' line is no commented header
        String rest = first.substring(1).strip();
        if (rest.isEmpty()) return java.util.Arrays.copyOfRange(header, 1, header.length);
        String[] out = header.clone();
        out[0] = rest;
        return out;
    }

    private static final java.util.regex.Pattern R_NAME = java.util.regex.Pattern.compile("X(-?[0-9]+(?:[.,][0-9]*)?)");
    private static final java.util.regex.Pattern WITH_UNIT = java.util.regex.Pattern.compile(
            "(-?[0-9]+(?:[.,][0-9]*)?)\\s*(?:cm-1|cm\\^-1|cm\\^\\{-1\\}|cm\u207b\u00b9|1/cm)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The header cells with the wavenumbers that other tools write around the number taken out of them: a unit
     * ({@code 1000.5 cm-1}, {@code cm^-1}, {@code cm⁻¹}, {@code 1/cm}), and R's names for numeric columns
     * ({@code X1000.5}, as {@code read.csv} then {@code write.csv} leave them) where no header cell is a plain number and
     * at least two are such names of wavenumbers (50 or more), so that metadata columns called X1, X2 stay as they are.
     */
    static String[] wavenumberHeaders(String[] header, char mark) {
        String[] out = header.clone();
        int rNames = 0;
        boolean plainNumber = false;
        for (int c = 0; c < out.length; c++) {
            String cell = out[c].strip();
            java.util.regex.Matcher unit = WITH_UNIT.matcher(cell);
            if (unit.matches()) out[c] = unit.group(1);
            if (!Double.isNaN(parseFinite(out[c], mark))) plainNumber = true;
            java.util.regex.Matcher r = R_NAME.matcher(cell);
            if (r.matches() && Math.abs(parseFinite(r.group(1), mark)) >= 50) rNames++;
        }
        if (plainNumber || rNames < 2) return out;
        for (int c = 0; c < out.length; c++) {
            java.util.regex.Matcher r = R_NAME.matcher(out[c].strip());
            if (r.matches() && Math.abs(parseFinite(r.group(1), mark)) >= 50) out[c] = r.group(1);
        }
        return out;
    }

    /** The value of a cell that is a finite number, else NaN. */
    static double parseFinite(String cell) {
        return parseFinite(cell, '.');
    }

    /** {@link #parseFinite(String)} with '.' or ',' as the decimal mark (a number with the other is none). */
    static double parseFinite(String cell, char mark) {
        String s = cell.trim();
        if (mark == ',') {
            if (s.indexOf('.') >= 0) return Double.NaN;
            s = s.replace(',', '.');
        }
        if (s.isEmpty()) return Double.NaN;
        char c = s.charAt(0);
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') return Double.NaN;
        char last = s.charAt(s.length() - 1);
        if (!(last >= '0' && last <= '9') && last != '.') return Double.NaN;
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static boolean isQuasarTypeRow(String[] cells) {
        boolean any = false;
        for (String c : cells) {
            String t = c.trim().toLowerCase(Locale.ROOT);
            if (!QUASAR_TYPES.contains(t)) return false;
            any |= !t.isEmpty();
        }
        return any;
    }

    static boolean isQuasarFlagRow(String[] cells) {
        for (String c : cells) {
            String t = c.trim().toLowerCase(Locale.ROOT);
            if (!QUASAR_FLAGS.contains(t) && !t.contains("=")) return false;
        }
        return true;
    }

    /** Compressed bytes for gzip. */
    @Override
    public long bytesRead() { return opened.bytesRead(); }

    /** {@code done} spectra scaled from the {@code bytes} they took to the whole source; -1 without its size. */
    final long extrapolate(long done, long bytes) {
        if (sourceBytes <= 0 || bytes <= 0 || done <= 0) return -1;
        return Math.max(done, Math.round((double) done * sourceBytes / bytes));
    }

    /** Parses a spectral value cell of the current record under the missing-value policy; errors name line and column. */
    final double value(int cell, long line) {
        return value(tok.splitter(), cell, line);
    }

    /** {@link #value(int, long)} for a record split by any splitter; safe on any thread. */
    final double value(CellSplitter cells, int cell, long line) {
        try {
            return accept(cells.number(cell), cell, line);
        } catch (NumberFormatException e) {
            throw notANumber(cells.cell(cell), cell, line);
        }
    }

    /** {@link #value(int, long)} for a cell already taken out of the tokenizer. */
    final double value(String text, int cell, long line) {
        try {
            byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return accept(CellSplitter.parseNumber(b, 0, b.length, (byte) tok.decimalMark()), cell, line);
        } catch (NumberFormatException e) {
            throw notANumber(text, cell, line);
        }
    }

    private double accept(double v, int cell, long line) {
        if (Double.isNaN(v) && !options.allowMissing()) {
            throw new BadInputException(tok.source(), line, cell + 1, "empty or NaN cell where a spectral value is expected"
                    + " (allow missing values with --allow-nan)");
        }
        if (Double.isInfinite(v)) {
            throw new BadInputException(tok.source(), line, cell + 1, "infinite value where a spectral value is expected");
        }
        return v;
    }

    final BadInputException notANumber(String text, int cell, long line) {
        char mark = CellSplitter.decimalMarkOf(text);
        if (mark != 0 && mark != tok.decimalMark()) {
            return new BadInputException(tok.source(), line, cell + 1, "mixed decimal marks: \"" + text + "\" uses '" + mark
                    + "' where this file's numbers use '" + tok.decimalMark() + "'"
                    + (mark == ',' && tok.delimiter() == ',' ? "" : mark == ',' ? " (--decimal-comma reads ',' as the decimal mark)"
                            : " (write every number with one mark)"));
        }
        return new BadInputException(tok.source(), line, cell + 1, "not a number: \"" + abbreviate(text) + "\"");
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    @Override
    public void close() throws IOException {
        tok.close();
    }
}
