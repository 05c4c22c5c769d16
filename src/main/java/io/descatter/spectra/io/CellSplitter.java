package io.descatter.spectra.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.descatter.spectra.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Splits one record's UTF-8 bytes into cells (RFC 4180: quoted cells may hold delimiters, doubled quotes and
 * line breaks) and reads them as numbers straight from the bytes or as text. It checks what the bytes may hold
 * (no control characters, valid UTF-8, bounded cells) and names line and column of the first problem. Keeps only
 * the bounds of the last record split, so one per thread, reused for every record.
 */
final class CellSplitter {
    /** Longest cell accepted: far beyond any number or label, short enough to stop at binary or runaway data. */
    static final int MAX_CELL_BYTES = 1 << 20;

    private final String source;
    private final byte delimiter;
    /** Delimiter ' ': cells are separated by runs of spaces and tabs, and blanks before the first or after the last are no cells. */
    private final boolean whitespace;
    /** '.' or ',' (European spreadsheets): the only decimal mark a number of this file may have. */
    private final byte mark;
    private byte[] bytes;
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    /** Quoted cells with doubled quotes inside: their text needs unescaping. */
    private boolean[] escaped = new boolean[256];
    /** Cells whose bytes are not UTF-8 but Windows-1252 text (a spreadsheet export on Windows: "\u00e9pith\u00e9liale"). */
    private boolean[] legacy = new boolean[256];
    private boolean legacyCell;
    private static final java.nio.charset.Charset WINDOWS_1252 = java.nio.charset.Charset.forName("windows-1252");
    private int count;
    private long line;
    private long lineNow;

    CellSplitter(String source, char delimiter, char decimalMark) {
        this.source = source;
        this.delimiter = (byte) delimiter;
        this.whitespace = delimiter == WHITESPACE;
        this.mark = (byte) decimalMark;
    }

    /** The delimiter that stands for runs of blanks (spaces and tabs), as whitespace-separated text exports have them. */
    static final char WHITESPACE = ' ';

    private boolean isDelimiter(byte c) {
        return c == delimiter || (whitespace && c == '\t');
    }

    /** From p, past the blanks of a whitespace-delimited record (p itself otherwise). */
    private int skipBlanks(byte[] b, int p, int end) {
        if (whitespace) while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
        return p;
    }

    /**
     * Splits {@code b[start, end)}, a record starting on {@code line}.
     *
     * @throws BadInputException at the first control character, invalid UTF-8, overlong cell or misplaced quote
     */
    void split(byte[] b, int start, int end, long line) {
        this.bytes = b;
        this.line = line;
        count = 0;
        legacyCell = false;
        long now = line;
        int p = skipBlanks(b, start, end);
        while (true) {
            if (count == starts.length) grow();
            int s;
            int e;
            boolean esc = false;
            if (p < end && b[p] == '"') {
                long openedOn = now;
                s = ++p;
                while (true) {
                    if (p == end) throw new BadInputException(source, openedOn, count + 1, "the file ends inside a quoted cell opened on this line");
                    byte c = b[p];
                    if (c == '"') {
                        if (p + 1 < end && b[p + 1] == '"') {
                            esc = true;
                            p += 2;
                            continue;
                        }
                        break;
                    }
                    if (c < 0x20) {
                        if (c == '\n') now++;
                        else if (c < 0) p = utf8(b, p, end, now) - 1;
                        else if (c != '\t' && c != '\r') throw binary(c, now);
                    }
                    if (++p - s > MAX_CELL_BYTES) throw cellTooLong();
                }
                e = p++;
                if (p < end && !isDelimiter(b[p])) {
                    int cp = b[p] < 0 ? new String(b, p, utf8(b, p, end, now) - p, StandardCharsets.UTF_8).charAt(0) : b[p];
                    throw new BadInputException(source, now, count + 1, "unexpected character '" + (char) cp + "' after a closing quote");
                }
            } else {
                s = p;
                int lim = Math.min(end, s + MAX_CELL_BYTES + 1);
                final byte d = delimiter;
                while (p < lim) {
                    byte c = b[p];
                    if (c == d || (whitespace && c == '\t')) break;
                    if (c < 0x20) { // a control character, or (negative) a byte of a non-ASCII character
                        if (c < 0) p = utf8(b, p, end, now) - 1;
                        else if (c != '\t') throw binary(c, now);
                    }
                    p++;
                }
                if (p - s > MAX_CELL_BYTES) throw cellTooLong();
                e = p;
            }
            starts[count] = s;
            ends[count] = e;
            legacy[count] = legacyCell;
            legacyCell = false;
            escaped[count++] = esc;
            if (p >= end) break;
            p++; // the delimiter: a record that ends right after one has an empty last cell (RFC 4180), terminated or not
            if (whitespace) {
                p = skipBlanks(b, p, end);
                if (p >= end) break; // blanks at the end of a line are no cell
            }
        }
        lineNow = now;
    }

    /**
     * The fast path for the usual row, in one pass instead of split, then parse: every cell unquoted ASCII text
     * and every value cell a plain finite decimal ([sign] digits [. digits] [e [sign] digits]). Puts cell c's value
     * at {@code values[off - plan[c] - 1]} or its text at {@code meta[plan[c]]} (the schema's plan) and returns true;
     * returns false for any other row, leaving {@link #split} to read it and report what is wrong.
     */
    boolean readPlainRow(byte[] b, int start, int end, int[] plan, double[] values, int off, String[] meta) {
        final byte d = delimiter;
        int p = skipBlanks(b, start, end);
        for (int c = 0; c < plan.length; c++) {
            if (c > 0) {
                if (p == end || !isDelimiter(b[p])) return false;
                p = whitespace ? skipBlanks(b, p, end) : p + 1;
            }
            int s = p;
            int target = plan[c];
            if (target < 0) {
                p = plainNumber(b, p, end, values, off - target - 1);
                if (p < 0) return false;
            } else {
                while (p < end && b[p] != d) {
                    if (b[p] < 0x20 || b[p] == '"') return false; // control (a tab too), non-ASCII or quote: split() decides
                    p++;
                }
                meta[target] = new String(b, s, p - s, StandardCharsets.ISO_8859_1);
            }
            if (p - s > MAX_CELL_BYTES) return false;
        }
        return skipBlanks(b, p, end) == end;
    }

    private static final double[] EXACT_POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Reads a plain decimal at b[p] into out[at]; returns the index after it, or -1 if the cell is anything else.
     * A significand below 2^53 times an exact power of ten (up to 10^22) needs one correctly rounded operation
     * (Clinger's fast path), the same double any correct parser gives; other numbers go to the full parser.
     */
    private int plainNumber(byte[] b, int p, int end, double[] out, int at) {
        int s = p;
        boolean negative = p < end && b[p] == '-';
        if (p < end && (b[p] == '-' || b[p] == '+')) p++;
        long m = 0;
        int first = p;
        int point = -1; // index of the decimal point; digit and fraction counts follow from positions
        for (; p < end; p++) {
            int x = b[p] - '0';
            if (x >= 0 && x <= 9) m = 10 * m + x;
            else if (b[p] == mark && point < 0) point = p;
            else break;
        }
        int digits = p - first - (point < 0 ? 0 : 1);
        int scale = point < 0 ? 0 : p - point - 1;
        if (digits == 0) return -1;
        int exp = 0;
        if (p < end && (b[p] | 0x20) == 'e') {
            p++;
            boolean negativeExp = p < end && b[p] == '-';
            if (p < end && (b[p] == '-' || b[p] == '+')) p++;
            int expDigits = 0;
            for (; p < end && b[p] >= '0' && b[p] <= '9'; p++, expDigits++) if (exp < 100_000) exp = 10 * exp + b[p] - '0';
            if (expDigits == 0) return -1;
            if (negativeExp) exp = -exp;
        }
        if (p < end && !isDelimiter(b[p])) return -1;
        int e10 = exp - scale;
        double v;
        if (digits <= 18 && m < 1L << 53 && e10 >= -22 && e10 <= 22) { // 18 digits cannot overflow m
            v = e10 >= 0 ? m * EXACT_POW10[e10] : m / EXACT_POW10[-e10];
            if (negative) v = -v;
        } else {
            try {
                v = parseDecimal(b, s, p - s, mark);
            } catch (NumberFormatException e) {
                return -1;
            }
            if (!Double.isFinite(v)) return -1;
        }
        out[at] = v;
        return p;
    }

    private void grow() {
        starts = Arrays.copyOf(starts, 2 * count);
        ends = Arrays.copyOf(ends, 2 * count);
        escaped = Arrays.copyOf(escaped, 2 * count);
        legacy = Arrays.copyOf(legacy, 2 * count);
    }

    /** Checks the UTF-8 sequence at b[p] (a non-ASCII lead byte) as Java's strict decoder does; returns the index after it. */
    private int utf8(byte[] b, int p, int end, long now) {
        int lead = b[p] & 0xff;
        int n;
        int min = 0x80;
        int max = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) n = 1;
        else if (lead >= 0xe0 && lead <= 0xef) {
            n = 2;
            if (lead == 0xe0) min = 0xa0; // overlong
            if (lead == 0xed) max = 0x9f; // surrogates
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            n = 3;
            if (lead == 0xf0) min = 0x90; // overlong
            if (lead == 0xf4) max = 0x8f; // beyond U+10FFFF
        } else {
            return windows1252(b, p, now);
        }
        if (p + n >= end) return windows1252(b, p, now); // cut by the end of the record: no line break is part of a character
        int second = b[p + 1] & 0xff;
        if (second < min || second > max) return windows1252(b, p, now);
        for (int k = 2; k <= n; k++) if ((b[p + k] & 0xc0) != 0x80) return windows1252(b, p, now);
        return p + n + 1;
    }

    /**
     * A byte that does not start a UTF-8 character: Windows-1252 text if it is a character there (the cell is then
     * decoded as Windows-1252), else binary data.
     */
    private int windows1252(byte[] b, int p, long now) {
        int c = b[p] & 0xff;
        if (c == 0x81 || c == 0x8d || c == 0x8f || c == 0x90 || c == 0x9d) {
            throw new BadInputException(source, now, count + 1, "bytes that are neither UTF-8 nor Windows-1252 text: binary data,"
                    + " not a CSV file");
        }
        legacyCell = true;
        return p + 1;
    }

    private BadInputException binary(byte c, long now) {
        return new BadInputException(source, now, count + 1, String.format("control character 0x%02x: binary data, not a CSV text file", c));
    }

    private BadInputException cellTooLong() {
        return new BadInputException(source, line, count + 1,
                "a cell longer than " + MAX_CELL_BYTES + " characters: binary data or not a CSV file");
    }

    /** What stopped the reading in the record just split, placed after its last cell. */
    BadInputException failure(RecordScanner.Failure f) {
        return f.at(line, lineNow, count);
    }

    /** Number of cells in the record. */
    int count() { return count; }

    /** True if the record is one empty cell: a blank line. */
    boolean isBlank() { return count == 1 && ends[0] == starts[0]; }

    /** True if every cell is empty and unquoted: a row such as Excel writes for cleared cells (",,,,"). */
    boolean allEmpty() {
        for (int i = 0; i < count; i++) {
            if (ends[i] != starts[i]) return false;
            if (starts[i] > 0 && bytes[starts[i] - 1] == '"') return false; // "" : a quoted empty cell, written on purpose
        }
        return true;
    }

    String cell(int i) {
        String s = new String(bytes, starts[i], ends[i] - starts[i], legacy[i] ? WINDOWS_1252 : StandardCharsets.UTF_8);
        return escaped[i] ? s.replace("\"\"", "\"") : s;
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
        return parseNumber(bytes, starts[i], ends[i], mark);
    }

    /**
     * {@link #number(int)} for any byte range, with '.' or ',' as the decimal mark: a number with the other mark is
     * no number. A quoted cell's doubled quote is no number either way.
     */
    static double parseNumber(byte[] t, int s, int e, byte mark) {
        while (s < e && t[s] == ' ') s++;
        while (e > s && t[e - 1] == ' ') e--;
        int n = e - s;
        if (n == 0) return Double.NaN;
        byte c = t[s];
        if ((c >= '0' && c <= '9') || c == '-' || c == mark || c == '+') {
            if ((c == '-' || c == '+') && n > 1 && (t[s + 1] == 'I' || t[s + 1] == 'i')) return special(t, s + 1, e, c == '-');
            byte last = t[e - 1];
            // Java's grammar accepts 1d/1f suffixes and hex floats: a CSV cell must be a plain decimal number.
            if (((last >= '0' && last <= '9') || last == mark) && !hasHexMarker(t, s, e)) {
                return parseDecimal(t, s, n, mark);
            }
            throw new NumberFormatException();
        }
        return special(t, s, e, false);
    }

    /** The parser reads '.' only: a decimal comma becomes one in a copy, and a '.' there is no number. */
    private static double parseDecimal(byte[] t, int s, int n, byte mark) {
        if (mark == '.') return JavaDoubleParser.parseDouble(t, s, n);
        byte[] copy = new byte[n];
        for (int i = 0; i < n; i++) {
            byte c = t[s + i];
            if (c == '.') throw new NumberFormatException();
            copy[i] = c == ',' ? (byte) '.' : c;
        }
        return JavaDoubleParser.parseDouble(copy, 0, n);
    }

    /** A hex float starts 0x after an optional sign; an x anywhere else the parser refuses by itself. */
    private static boolean hasHexMarker(byte[] t, int s, int e) {
        if (t[s] == '-' || t[s] == '+') s++;
        return e - s > 1 && t[s] == '0' && (t[s + 1] == 'x' || t[s + 1] == 'X');
    }

    private static double special(byte[] t, int s, int e, boolean negative) {
        String word = new String(t, s, e - s, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        switch (word) {
            case "nan", "na", "n/a":
                return Double.NaN;
            case "inf", "infinity":
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                throw new NumberFormatException();
        }
    }

    /**
     * The decimal mark of a cell that is a number with a fraction ([sign] digits mark digits [e [sign] digits],
     * surrounding spaces allowed): '.' or ','; 0 for any other cell (an integer too, which either mark reads).
     */
    static char decimalMarkOf(byte[] b, int s, int e) {
        while (s < e && b[s] == ' ') s++;
        while (e > s && b[e - 1] == ' ') e--;
        if (s < e && (b[s] == '-' || b[s] == '+')) s++;
        int p = digits(b, s, e);
        if (p == s || p == e || (b[p] != '.' && b[p] != ',')) return 0;
        char mark = (char) b[p];
        int q = digits(b, p + 1, e);
        if (q == p + 1) return 0;
        if (q < e && (b[q] == 'e' || b[q] == 'E')) {
            q++;
            if (q < e && (b[q] == '-' || b[q] == '+')) q++;
            int r = digits(b, q, e);
            if (r == q) return 0;
            q = r;
        }
        return q == e ? mark : 0;
    }

    private static int digits(byte[] b, int p, int e) {
        while (p < e && b[p] >= '0' && b[p] <= '9') p++;
        return p;
    }

    /** {@link #decimalMarkOf(byte[], int, int)} of a cell's text. */
    static char decimalMarkOf(String cell) {
        byte[] b = cell.getBytes(StandardCharsets.UTF_8);
        return decimalMarkOf(b, 0, b.length);
    }
}
