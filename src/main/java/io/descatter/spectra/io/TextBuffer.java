package io.descatter.spectra.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer that rows of output are formatted into. Numbers are ASCII and go in without a
 * String or a charset encoder; only text cells (ids, metadata) are encoded. Rows can be formatted on one thread
 * and written on another.
 */
public final class TextBuffer {
    private byte[] bytes;
    private int length;

    public TextBuffer(int capacity) {
        bytes = new byte[Math.max(capacity, 64)];
    }

    public int length() { return length; }

    public void clear() { length = 0; }

    /** Makes room for n more bytes and returns the array to write them into, from {@link #length()} on. */
    byte[] reserve(int n) {
        if (length + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
        return bytes;
    }

    /** Moves the end after bytes written into {@link #reserve(int)}'s array. */
    void advance(int newLength) { length = newLength; }

    /** Replaces every '.' from {@code from} on by ',': numbers just appended, written with a decimal comma. */
    void decimalCommasFrom(int from) {
        for (int i = from; i < length; i++) if (bytes[i] == '.') bytes[i] = ',';
    }

    void append(char c) {
        if (c < 0x80) reserve(1)[length++] = (byte) c;
        else append(String.valueOf(c));
    }

    /** Appends text as UTF-8 (ASCII directly). */
    void append(String s) {
        int n = s.length();
        byte[] b = reserve(n);
        int p = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                length = p;
                byte[] utf8 = s.substring(i).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, reserve(utf8.length), length, utf8.length);
                length += utf8.length;
                return;
            }
            b[p++] = (byte) c;
        }
        length = p;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }
}
