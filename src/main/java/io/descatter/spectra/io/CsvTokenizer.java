package io.descatter.spectra.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.descatter.spectra.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * A streaming RFC 4180 tokenizer tuned for spectra: it reuses one record buffer, hands out cells as slices of a
 * char array, and parses numbers from those slices without creating a String per cell (a 1556-point row is
 * 1556 cells; the per-cell String of general CSV libraries costs as much as the correction network).
 * Quoted cells may hold delimiters, doubled quotes and line breaks. Every error names source, line and column.
 */
final class CsvTokenizer implements Closeable {
    /** Longest cell accepted: far beyond any number or label, short enough to stop at binary or runaway data. */
    static final int MAX_CELL_CHARS = 1 << 20;
    /** Longest record accepted (chars): 128 MiB of memory at most. */
    static final int MAX_RECORD_CHARS = 1 << 26;

    private final Reader in;
    private final String source;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private char delimiter = ',';

    private char[] text = new char[1 << 14];
    private int textLen;
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private int count;
    private long line = 1;
    private long recordLine;
    private boolean terminated;

    CsvTokenizer(Reader in, String source) {
        this.in = in;
        this.source = source;
    }

    String source() { return source; }

    char delimiter() { return delimiter; }

    void delimiter(char d) { this.delimiter = d; }

    /**
     * Guesses the delimiter from the first line: tab or semicolon when they are frequent (a semicolon file may
     * use decimal commas), else comma.
     */
    char detectDelimiter() throws IOException {
        ensure();
        int commas = 0;
        int semis = 0;
        int tabs = 0;
        boolean inQuotes = false;
        for (int i = pos; i < limit; i++) {
            char c = buf[i];
            if (c == '"') inQuotes = !inQuotes;
            else if (!inQuotes) {
                if (c == '\n' || c == '\r') break;
                if (c == ',') commas++;
                else if (c == ';') semis++;
                else if (c == '\t') tabs++;
            }
        }
        if (tabs > 0 && 2 * tabs >= Math.max(commas, semis)) delimiter = '\t';
        else if (semis > 0 && 2 * semis >= commas) delimiter = ';';
        else delimiter = ',';
        return delimiter;
    }

    /** Reads the next record; false at the end of input. */
    boolean next() throws IOException {
        count = 0;
        textLen = 0;
        if (!ensure()) return false;
        recordLine = line;
        terminated = false;
        while (true) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = textLen;
            int end = buf[pos] == '"' ? readQuoted() : readUnquoted();
            ends[count++] = textLen;
            if (end != delimiter) return true; // newline or end of input
            if (!ensure()) return true; // a trailing delimiter at the end of input leaves one empty cell
        }
    }

    /** Reads an unquoted cell; returns what ended it: the delimiter, '\n' (any line break) or -1 at end of input. */
    private int readUnquoted() throws IOException {
        final char d = delimiter;
        while (true) {
            if (pos == limit && !ensure()) return -1;
            char[] b = buf;
            int p = pos;
            int lim = limit;
            while (p < lim) {
                char c = b[p];
                if (c == d) {
                    append(b, pos, p - pos);
                    pos = p + 1;
                    return d;
                }
                if (c < 0x20) {
                    if (c == '\n' || c == '\r') {
                        append(b, pos, p - pos);
                        pos = p;
                        consumeLineBreak();
                        return '\n';
                    }
                    if (c != '\t') throw binary(c);
                }
                p++;
            }
            append(b, pos, p - pos);
            pos = p;
            if (textLen - starts[count] > MAX_CELL_CHARS) throw cellTooLong();
        }
    }

    private int readQuoted() throws IOException {
        long openedOn = line;
        pos++; // opening quote
        while (true) {
            if (!ensure()) {
                throw new BadInputException(source, openedOn, count + 1, "the file ends inside a quoted cell opened on this line");
            }
            char c = buf[pos++];
            if (c == '"') {
                if (ensure() && buf[pos] == '"') {
                    pos++;
                    appendChar('"');
                    continue;
                }
                break;
            }
            if (c == '\n') line++;
            else if (c < 0x20 && c != '\t' && c != '\r') throw binary(c);
            appendChar(c);
            if (textLen - starts[count] > MAX_CELL_CHARS) throw cellTooLong();
        }
        if (!ensure()) return -1;
        char c = buf[pos];
        if (c == delimiter) {
            pos++;
            return delimiter;
        }
        if (c == '\n' || c == '\r') {
            consumeLineBreak();
            return '\n';
        }
        throw new BadInputException(source, line, count + 1, "unexpected character '" + c + "' after a closing quote");
    }

    private void consumeLineBreak() throws IOException {
        char c = buf[pos++];
        if (c == '\r' && ensure() && buf[pos] == '\n') pos++;
        line++;
        terminated = true;
    }

    private void append(char[] src, int from, int len) {
        if (len == 0) return;
        if (textLen + len > text.length) grow(textLen + len);
        System.arraycopy(src, from, text, textLen, len);
        textLen += len;
    }

    private void appendChar(char c) {
        if (textLen == text.length) grow(textLen + 1);
        text[textLen++] = c;
    }

    private void grow(int needed) {
        if (needed > MAX_RECORD_CHARS) {
            throw new BadInputException(source, recordLine, count + 1,
                    "record longer than " + MAX_RECORD_CHARS + " characters: not a spectra CSV file?");
        }
        text = Arrays.copyOf(text, Math.max(needed, Math.min(MAX_RECORD_CHARS, text.length * 2)));
    }

    private BadInputException binary(char c) {
        return new BadInputException(source, line, count + 1,
                String.format("control character 0x%02x: binary data, not a CSV text file", (int) c));
    }

    private BadInputException cellTooLong() {
        return new BadInputException(source, recordLine, count + 1,
                "a cell longer than " + MAX_CELL_CHARS + " characters: binary data or not a CSV file");
    }

    /** True if input remains; fills the buffer when it is exhausted. */
    private boolean ensure() throws IOException {
        if (pos < limit) return true;
        if (eof) return false;
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                pos = limit = 0;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (CharacterCodingException e) {
            throw new BadInputException(source, line, count + 1, "bytes that are not UTF-8 text: binary data, not a CSV file");
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new BadInputException(source, line, count + 1, "the gzip data is truncated or corrupt (" + e.getMessage() + ")");
        }
    }

    /** Number of cells in the current record. */
    int count() { return count; }

    /** Line on which the current record starts (1-based). */
    long recordLine() { return recordLine; }

    /** Whether the current record ended with a line break (false for a last line without one). */
    boolean terminated() { return terminated; }

    /** True if the record is one empty cell: a blank line. */
    boolean isBlank() { return count == 1 && ends[0] == starts[0]; }

    int length(int i) { return ends[i] - starts[i]; }

    String cell(int i) { return new String(text, starts[i], ends[i] - starts[i]); }

    /** Copies the current record's cells into {@code into}, for parsing later. */
    void copyRecord(RowCells into) {
        into.add(text, textLen, starts, ends, count);
    }

    String[] cells() {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) out[i] = cell(i);
        return out;
    }

    /**
     * Parses cell i as a double; empty cells and NaN/NA spellings give NaN, infinities give ±Infinity, and
     * anything else that is not a number throws {@link NumberFormatException}. Surrounding spaces are ignored.
     */
    double number(int i) {
        return parseNumber(text, starts[i], ends[i]);
    }

    /** {@link #number(int)} for any char range. */
    static double parseNumber(char[] t, int s, int e) {
        while (s < e && t[s] == ' ') s++;
        while (e > s && t[e - 1] == ' ') e--;
        int n = e - s;
        if (n == 0) return Double.NaN;
        char c = t[s];
        if ((c >= '0' && c <= '9') || c == '-' || c == '.' || c == '+') {
            if ((c == '-' || c == '+') && n > 1 && (t[s + 1] == 'I' || t[s + 1] == 'i')) return special(t, s + 1, e, c == '-');
            char last = t[e - 1];
            // Java's grammar accepts 1d/1f suffixes and hex floats: a CSV cell must be a plain decimal number.
            if (((last >= '0' && last <= '9') || last == '.') && !hasHexMarker(t, s, e)) {
                return JavaDoubleParser.parseDouble(t, s, n);
            }
            throw new NumberFormatException();
        }
        return special(t, s, e, false);
    }

    /** A hex float starts 0x after an optional sign; an x anywhere else the parser refuses by itself. */
    private static boolean hasHexMarker(char[] t, int s, int e) {
        if (t[s] == '-' || t[s] == '+') s++;
        return e - s > 1 && t[s] == '0' && (t[s + 1] == 'x' || t[s + 1] == 'X');
    }

    private static double special(char[] t, int s, int e, boolean negative) {
        String word = new String(t, s, e - s).toLowerCase(java.util.Locale.ROOT);
        switch (word) {
            case "nan", "na", "n/a":
                return Double.NaN;
            case "inf", "infinity":
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                throw new NumberFormatException();
        }
    }

    /** True if the cell looks like a number written with a decimal comma, e.g. {@code 0,125}. */
    static boolean looksLikeDecimalComma(String cell) {
        int commas = 0;
        int digits = 0;
        for (int k = 0; k < cell.length(); k++) {
            char c = cell.charAt(k);
            if (c == ',') commas++;
            else if (c >= '0' && c <= '9') digits++;
            else if (c != '-' && c != '+' && c != 'e' && c != 'E' && c != ' ') return false;
        }
        return commas == 1 && digits >= 2;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
