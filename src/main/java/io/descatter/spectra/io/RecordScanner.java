package io.descatter.spectra.io;

import io.descatter.spectra.BadInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Finds the records of a CSV byte stream: where each starts and ends, on which line, and whether a line break
 * ended it. It looks only at quotes and line breaks (and, before a quote, at the delimiter), never at cells, so
 * the reading thread can feed workers that split and parse cells ({@link CellSplitter}). A record is valid until
 * the next call of {@link #next()}. Line breaks are LF, CRLF or CR; inside quotes they belong to the cell.
 */
final class RecordScanner {
    /** Longest record accepted: 64 MiB of memory at most. */
    static final int MAX_RECORD_BYTES = 1 << 26;

    /** A problem met while reading a record's bytes; reported after the cells read up to it have been checked. */
    record Failure(String source, String problem, boolean atRecordStart) {
        BadInputException at(long recordLine, long lineNow, int column) {
            return new BadInputException(source, atRecordStart ? recordLine : lineNow, column, problem);
        }
    }

    private final InputStream in;
    private final String source;
    private byte delimiter = ',';
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    /** Set when reading failed: the bytes before are still scanned, the record they end in carries it. */
    private Failure pendingFailure;
    private long line = 1;

    private int start;
    private int end;
    private long recordLine;
    private boolean terminated;
    private Failure failure;

    // Set by scan() besides the record's end.
    private int scanNext;
    private int scanBreaks;

    RecordScanner(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    void delimiter(char d) {
        if (d >= 0x80 || d == '"' || d == '\n' || d == '\r') throw new IllegalArgumentException("unsupported delimiter " + d);
        delimiter = (byte) d;
    }

    /** Reads ahead if the window is empty; returns how many bytes follow the next record's start in {@link #window()}. */
    int lookAhead() throws IOException {
        if (pos == limit) more();
        return limit - pos;
    }

    byte[] window() { return buf; }

    int position() { return pos; }

    /** Moves to the next record; false at the end of input. */
    boolean next() throws IOException {
        if (pos == limit && !more()) {
            if (pendingFailure == null) return false;
            // The input broke exactly at a record boundary: an empty record carries the failure.
            start = end = pos;
            recordLine = line;
            terminated = false;
            failure = pendingFailure;
            pendingFailure = null;
            return true;
        }
        int e;
        while ((e = scan(pos)) < 0) {
            if (limit - pos >= MAX_RECORD_BYTES) {
                tooLong();
                break;
            }
            more();
        }
        start = pos;
        recordLine = line;
        failure = null;
        if (e < 0) {
            end = limit;
            pos = limit;
            terminated = false;
            failure = pendingFailure;
            pendingFailure = null;
            eof = true;
            return true;
        }
        end = e;
        pos = scanNext;
        line += scanBreaks;
        terminated = end != scanNext;
        if (!terminated) {
            failure = pendingFailure;
            pendingFailure = null;
        }
        return true;
    }

    /** Goes back to the start of the current record: the next {@link #next()} returns it again. */
    void pushBack() {
        pos = start;
        line = recordLine;
        if (failure != null) pendingFailure = failure;
    }

    byte[] bytes() { return buf; }

    int start() { return start; }

    /** End of the record's bytes, without its line break. */
    int end() { return end; }

    /** Line on which the record starts (1-based). */
    long line() { return recordLine; }

    /** Whether a line break ended the record (false for a last line without one). */
    boolean terminated() { return terminated; }

    /** What stopped the reading inside this record, or null. */
    Failure failure() { return failure; }

    /**
     * Scans the record that starts at p: returns its end and sets {@link #scanNext} (after its line break) and
     * {@link #scanBreaks} (lines it spans); -1 if the window ends first and more input may follow.
     */
    private int scan(int p) {
        final byte[] b = buf;
        final int lim = limit;
        final int first = p;
        int breaks = 0;
        while (true) {
            p = skipPlain(b, p, lim);
            if (p == lim) {
                if (!eof) return -1;
                scanNext = lim;
                scanBreaks = breaks;
                return lim;
            }
            byte c = b[p];
            if (c == '\n' || c == '\r') {
                int next = p + 1;
                if (c == '\r') {
                    if (next == lim && !eof) return -1; // a CRLF may be cut by the window
                    if (next < lim && b[next] == '\n') next++;
                }
                scanNext = next;
                scanBreaks = breaks + 1;
                return p;
            }
            if (c == '"' && (p == first || b[p - 1] == delimiter)) {
                // A quoted cell: line breaks and delimiters inside are text; "" is a quote.
                p++;
                while (true) {
                    while (p < lim && b[p] != '"') {
                        if (b[p] == '\n') breaks++;
                        p++;
                    }
                    if (p + 1 >= lim && !eof) return -1; // the quote's meaning depends on the next byte
                    if (p >= lim) break; // the file ends inside the quotes: the cell splitter reports it
                    if (p + 1 < lim && b[p + 1] == '"') {
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                continue;
            }
            p++; // a space, tab, control or non-ASCII byte, or a quote inside a cell: left to the cell splitter
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The first index from p on holding an ASCII byte up to '"' (line breaks, quotes, controls, space), or lim:
     * digits, letters, '.', ',' and ';' need no decision. Eight bytes at a time: a byte below 0x23 sets its top bit
     * in (x - 0x23..) & ~x; a borrow can only mark bytes above a true one, so the lowest mark is a true one.
     */
    private static int skipPlain(byte[] b, int p, int lim) {
        for (; p + 8 <= lim; p += 8) {
            long x = (long) LONGS.get(b, p);
            long marks = (x - 0x2323_2323_2323_2323L) & ~x & 0x8080_8080_8080_8080L;
            if (marks != 0) return p + (Long.numberOfTrailingZeros(marks) >>> 3);
        }
        while (p < lim && (b[p] > '"' || b[p] < 0)) p++;
        return p;
    }

    /** Moves the current record to the front of the window and reads until the window is full; false at the end. */
    private boolean more() throws IOException {
        if (eof) return false;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) buf = Arrays.copyOf(buf, Math.min(2 * buf.length, MAX_RECORD_BYTES + 1));
        int before = limit;
        try {
            while (limit < buf.length) {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                    break;
                }
                limit += n;
            }
        } catch (ZipException | EOFException e) {
            eof = true;
            pendingFailure = new Failure(source, "the gzip data is truncated or corrupt (" + e.getMessage() + ")", false);
        }
        return limit > before;
    }

    private void tooLong() {
        eof = true;
        pendingFailure = new Failure(source, "record longer than " + MAX_RECORD_BYTES + " bytes: not a spectra CSV file?", true);
    }
}
