package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Utf8Reader gives the text, and the point of failure, of InputStreamReader with a strict UTF-8 decoder. */
class Utf8ReaderTest {
    /** All chars read before the end or a decoding error, and whether the error came. */
    private static String drain(Reader r, int chunk) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[chunk];
        try {
            int n;
            while ((n = r.read(buf, 0, buf.length)) >= 0) sb.append(buf, 0, n);
            return sb + "<end>";
        } catch (CharacterCodingException e) {
            return sb + "<error>";
        }
    }

    private static void same(byte[] input) throws IOException {
        for (int chunk : new int[] {1 << 16, 50_000}) { // the tokenizer reads 64K chars at a time
            Reader expected = new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            assertEquals(drain(expected, chunk), drain(new Utf8Reader(new ByteArrayInputStream(input)), chunk), "reads of " + chunk);
        }
    }

    @Test
    void validTextOfEverySizeAroundTheBuffer() throws IOException {
        String text = "id,tissue,1000.5\n\"Zelle ä\",épithélium 😀,0.125\n";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < (3 << 20)) sb.append(text);
        same(sb.toString().getBytes(StandardCharsets.UTF_8));
        same(new byte[0]);
    }

    @Test
    void malformedBytesFailAtTheSamePoint() throws IOException {
        Random rnd = new Random(11);
        byte[] base = "a,1.5,ü,€,😀\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20; i++) {
            byte[] b = base.clone();
            int at = i < 3 ? new int[] {0, (1 << 20) - 1, b.length - 1}[i] : rnd.nextInt(b.length);
            b[at] = (byte) (0x80 | rnd.nextInt(0x80)); // a continuation or lead byte where it does not belong
            same(b);
        }
        same(java.util.Arrays.copyOf(base, (1 << 20) + 1)); // a character cut by the end of the file
        same(java.util.Arrays.copyOf("x,€".getBytes(StandardCharsets.UTF_8), 4));
    }
}
