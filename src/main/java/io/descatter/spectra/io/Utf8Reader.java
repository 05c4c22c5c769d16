package io.descatter.spectra.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 text from a byte stream, as InputStreamReader with a REPORT decoder gives it, but cheaper for
 * spectra: ASCII bytes (every number) are widened in a plain loop and only other bytes go through the charset
 * decoder; input is read a megabyte at a time and, unlike InputStreamReader, without asking the stream what is
 * available (two system calls per 8 KB on a file). Equivalent for reads of thousands of chars, as the
 * tokenizer makes (Utf8ReaderTest); for reads of a few chars InputStreamReader's point of failure depends on
 * its 8 KB byte buffer.
 */
final class Utf8Reader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] bytes = new byte[1 << 20];
    private final ByteBuffer window = ByteBuffer.wrap(bytes);
    private int pos;
    private int limit;
    private boolean eof;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    /**
     * Fills cbuf as InputStreamReader does for a file: completely, unless the input ends (or a surrogate pair does
     * not fit). Undecodable bytes throw, and the chars this call decoded before them are lost, as there: so the
     * tokenizer names the same line in its message.
     */
    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            if (pos == limit && !fill()) break;
            int end = Math.min(limit, pos + len - n);
            while (pos < end && bytes[pos] >= 0) cbuf[off + n++] = (char) bytes[pos++];
            if (n == len || pos == limit) continue;
            int got = decode(cbuf, off + n, len - n);
            n += got;
            if (got > 0) continue;
            if (len - n < 2) break; // no room for a surrogate pair: it comes with the next read
            if (!fill()) { // a character cut by the end of the input: an error, after the text before it
                if (n == 0) decode(cbuf, off, len);
                break;
            }
        }
        return n == 0 ? -1 : n;
    }

    /** Decodes from a non-ASCII byte on; returns the chars produced (0: the next character needs more bytes). */
    private int decode(char[] cbuf, int off, int len) throws IOException {
        window.limit(limit).position(pos);
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        CoderResult r = decoder.decode(window, out, eof);
        pos = window.position();
        if (r.isError()) r.throwException();
        return out.position() - off;
    }

    /** Moves undecoded bytes to the front and reads more after them; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (eof) return false;
        int rest = limit - pos;
        System.arraycopy(bytes, pos, bytes, 0, rest);
        pos = 0;
        limit = rest;
        int n;
        do {
            n = in.read(bytes, limit, bytes.length - limit);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
