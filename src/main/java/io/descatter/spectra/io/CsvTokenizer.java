package io.descatter.spectra.io;

import io.descatter.spectra.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a CSV byte stream record by record, each split into cells: the {@link RecordScanner} and a
 * {@link CellSplitter} together, for headers and for layouts read on one thread. Wide rows go to workers as raw
 * records instead ({@link RowBlock}). Every error names source, line and column.
 */
final class CsvTokenizer implements Closeable {
    private final InputStream in;
    private final RecordScanner records;
    private final String source;
    private char delimiter = ',';
    private char decimalMark = '.';
    private CellSplitter cells;

    CsvTokenizer(InputStream in, String source) {
        this.in = in;
        this.records = new RecordScanner(in, source);
        this.source = source;
        this.cells = new CellSplitter(source, delimiter, decimalMark);
    }

    String source() { return source; }

    char delimiter() { return delimiter; }

    void delimiter(char d) {
        records.delimiter(d);
        delimiter = d;
        cells = new CellSplitter(source, d, decimalMark);
    }

    char decimalMark() { return decimalMark; }

    /** Reads numbers with '.' or ',' as the decimal mark; ',' only where the delimiter is not a comma. */
    void decimalMark(char mark) {
        if (mark == ',' && delimiter == ',') {
            throw new BadInputException(source, 0, 0, "decimal commas need a delimiter other than ',' (set it with --delimiter ';')");
        }
        decimalMark = mark;
        cells = new CellSplitter(source, delimiter, mark);
    }

    /** A splitter for this file's delimiter and decimal mark, for a worker thread. */
    CellSplitter newSplitter() {
        return new CellSplitter(source, delimiter, decimalMark);
    }

    /**
     * Guesses the decimal mark from the cells of the first 64K characters: ',' where the delimiter is not a comma
     * and more numbers with a fraction are written with a comma (0,125) than with a point (0.125), as European
     * spreadsheets export; else '.'. A file that mixes them is read by the majority and refused at the first cell
     * written the other way, naming it.
     */
    char detectDecimalMark() throws IOException {
        if (delimiter == ',') return decimalMark;
        int n = records.lookAhead();
        byte[] b = records.window();
        int from = records.position();
        int to = from + Math.min(n, 1 << 16);
        int commas = 0;
        int points = 0;
        int cell = from;
        for (int i = from; i <= to; i++) {
            byte c = i < to ? b[i] : (byte) '\n';
            if (c == '"') { // a quoted cell is text: skip to its end
                i++;
                while (i < to && b[i] != '"') i++;
                cell = i + 1;
                continue;
            }
            if (c != delimiter && c != '\n' && c != '\r') continue;
            char mark = i > cell ? CellSplitter.decimalMarkOf(b, cell, i) : 0;
            if (mark == ',') commas++;
            else if (mark == '.') points++;
            cell = i + 1;
        }
        if (commas > points) decimalMark(',');
        return decimalMark;
    }

    /**
     * Guesses the delimiter from the first line (of the first 64K characters): tab or semicolon when they are
     * frequent (a semicolon file may use decimal commas), blanks where a line has spaces between its cells and no
     * other delimiter, else comma.
     */
    char detectDelimiter() throws IOException {
        return detectDelimiter(false);
    }

    /** {@link #detectDelimiter()}; with decimal commas a comma is no delimiter: semicolon unless tabs are as frequent. */
    char detectDelimiter(boolean decimalComma) throws IOException {
        int n = records.lookAhead();
        byte[] b = records.window();
        int from = records.position();
        int commas = 0;
        int semis = 0;
        int tabs = 0;
        int spaceRuns = 0; // runs of spaces between two cells' text
        boolean inQuotes = false;
        boolean text = false;
        int chars = 0;
        int end = from + n;
        int commasInNumbers = 0; // between two digits: decimal commas, where blanks separate the cells
        from = firstLineNotComment(b, from, from + Math.min(n, 1 << 16));
        for (int i = from; i < end && chars < 1 << 16; i++) {
            byte c = b[i];
            if ((c & 0xc0) != 0x80) chars += (c & 0xf8) == 0xf0 ? 2 : 1; // UTF-16 chars: a 4-byte character is two
            if (c == '"') inQuotes = !inQuotes;
            else if (!inQuotes) {
                if (c == '\n' || c == '\r') break;
                if (c == ',') {
                    commas++;
                    if (i > from && i + 1 < end && isDigit(b[i - 1]) && isDigit(b[i + 1])) commasInNumbers++;
                } else if (c == ';') semis++;
                else if (c == '\t') tabs++;
                else if (c == ' ' && text && i + 1 < end && b[i + 1] != ' ' && b[i + 1] != '\n' && b[i + 1] != '\r') spaceRuns++;
            }
            if (c != ' ' && c != '\t') text = true;
        }
        // "4000.1 0.906", or "4000,1 0,906": every comma inside a number, and cells separated by blanks, not commas
        boolean blanks = semis == 0 && tabs == 0 && spaceRuns > 0 && commas == commasInNumbers && spaceRuns >= commas;
        if (decimalComma) {
            delimiter(blanks ? CellSplitter.WHITESPACE : tabs > semis ? '\t' : ';');
            return delimiter;
        }
        if (blanks) delimiter(CellSplitter.WHITESPACE);
        else if (tabs > 0 && 2 * tabs >= Math.max(commas, semis)) delimiter('\t');
        else if (semis > 0 && 2 * semis >= commas) delimiter(';');
        else delimiter(',');
        return delimiter;
    }

    /**
     * Where the first line of {@code b[from, to)} that is not a {@link CommentLines comment} starts (any delimiter
     * will do for that question: comments are told by their numbers), or {@code from} if none ends within the range.
     */
    private static int firstLineNotComment(byte[] b, int from, int to) {
        int p = from;
        while (p < to) {
            int e = p;
            while (e < to && b[e] != '\n' && b[e] != '\r') e++;
            if (e == to || !CommentLines.isComment(b, p, e, ',')) return e == to ? from : p;
            p = e + 1;
            if (p < to && b[p - 1] == '\r' && b[p] == '\n') p++;
        }
        return from;
    }

    /** Whether the current record is a {@link CommentLines comment line}. */
    boolean isComment() {
        return CommentLines.isComment(records.bytes(), records.start(), records.end(), delimiter);
    }

    /** Whether the current record is a JCAMP-DX labelled data record: {@code ##LABEL=...}. */
    boolean isJcampLabel() {
        byte[] b = records.bytes();
        int p = records.start();
        int end = records.end();
        if (end - p < 4 || b[p] != '#' || b[p + 1] != '#') return false;
        int i = p + 2;
        while (i < end && b[i] != '=' && (Character.isLetterOrDigit(b[i]) || ".$ _-/".indexOf(b[i]) >= 0)) i++;
        return i > p + 2 && i < end && b[i] == '=';
    }

    /**
     * What a binary file that is not spectra text looks like from its first bytes, with what to do, or null: the
     * workbooks that spectra often arrive in (a ZIP archive: Excel .xlsx, OpenDocument .ods; an OLE2 compound file:
     * Excel .xls).
     */
    String workbookKind() throws IOException {
        int n = records.lookAhead();
        byte[] b = records.window();
        int p = records.position();
        if (n >= 4 && b[p] == 'P' && b[p + 1] == 'K' && b[p + 2] == 3 && b[p + 3] == 4) {
            return "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?), not spectra text: save the sheet as CSV"
                    + " (one spectrum per row, wavenumbers in the header) and read that";
        }
        if (n >= 8 && (b[p] & 0xff) == 0xd0 && (b[p + 1] & 0xff) == 0xcf && b[p + 2] == 0x11 && (b[p + 3] & 0xff) == 0xe0) {
            return "an OLE2 compound file (an Excel .xls workbook?), not spectra text: save the sheet as CSV"
                    + " (one spectrum per row, wavenumbers in the header) and read that";
        }
        return null;
    }

    /** The current record's text (up to 60 characters), for a message. */
    String recordText() {
        int length = Math.min(records.end() - records.start(), 60);
        return new String(records.bytes(), records.start(), length, java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    /** Whether the current record begins with a comment mark (for columnar files, where no row can). */
    boolean startsComment() {
        return CommentLines.startsComment(records.bytes(), records.start(), records.end(), delimiter);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Reads the next record; false at the end of input. */
    boolean next() throws IOException {
        if (!records.next()) return false;
        cells.split(records.bytes(), records.start(), records.end(), records.line());
        if (records.failure() != null) throw cells.failure(records.failure());
        return true;
    }

    /** Goes back to the start of the current record, so that {@link #rows} reads it too. */
    void pushBack() {
        records.pushBack();
    }

    /** The scanner, positioned where this tokenizer stopped: the rest of the input as raw records. */
    RecordScanner rows() { return records; }

    /** Number of cells in the current record. */
    int count() { return cells.count(); }

    /** Line on which the current record starts (1-based). */
    long recordLine() { return records.line(); }

    /** Whether the current record ended with a line break (false for a last line without one). */
    boolean terminated() { return records.terminated(); }

    /** True if the record is one empty cell: a blank line. */
    boolean isBlank() { return cells.isBlank(); }

    String cell(int i) { return cells.cell(i); }

    String[] cells() { return cells.cells(); }

    /** Cell i as a number: see {@link CellSplitter#number(int)}. */
    double number(int i) { return cells.number(i); }

    /** The splitter of the current record. */
    CellSplitter splitter() { return cells; }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
