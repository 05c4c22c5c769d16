package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The allocation-free float writer gives exactly the text of jackson-core's Schubfach followed by trim. */
class FloatTextTest {
    private final byte[] buf = new byte[64];

    private void check(float v) {
        String expected = DoubleFormatter.trim(FloatToDecimal.toString(v));
        buf[3 + FloatText.MAX_CHARS] = '#'; // the writer may use its MAX_CHARS bytes as scratch, never more
        int end = FloatText.write(v, buf, 3);
        String got = new String(buf, 3, end - 3, StandardCharsets.US_ASCII);
        if (!expected.equals(got)) assertEquals(expected, got, "bits " + Integer.toHexString(Float.floatToRawIntBits(v)));
        if (buf[3 + FloatText.MAX_CHARS] != '#') assertEquals('#', (char) buf[3 + FloatText.MAX_CHARS], "wrote past its room: " + v);
    }

    @Test
    void eightDigitsOfEveryNumberBelowTenToTheEight() {
        byte[] digits = new byte[8];
        java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(digits).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int x = 0; x < 100_000_000; x++) {
            view.putLong(0, FloatText.eightDigits(x));
            int rest = x;
            for (int i = 7; i >= 0; i--, rest /= 10) {
                if (digits[i] != '0' + rest % 10) {
                    assertEquals(String.format("%08d", x), new String(digits, StandardCharsets.US_ASCII), "x = " + x);
                }
            }
        }
    }

    private void checkBits(int bits) {
        check(Float.intBitsToFloat(bits));
    }

    @Test
    void edgeCases() {
        float[] special = {0f, -0f, 1f, -1f, 0.1f, 1e-3f, 9.999999e-4f, 1e-4f, 1e7f, 9999999f, 1.0E7f, 1.2345678e7f, 100f, 16777216f,
            16777217f, 3.4028235e38f, -3.4028235e38f, Float.MIN_VALUE, Float.MIN_NORMAL, 1.1754942E-38f, 2e-45f, 8e-45f,
            1e-45f, 0.3f, 2f / 3, 123456.7f, 0.001234f, 1.0E-5f, 2.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float v : special) check(v);
        for (int e = -45; e <= 38; e++) {
            check(Float.parseFloat("1e" + e));
            check(Float.parseFloat("9.999999e" + e));
            check(Float.parseFloat("-5e" + e));
        }
    }

    @Test
    void everyBinadeAtItsEdges() {
        for (int bq = 0; bq < 255; bq++) {
            for (int t = 0; t < 4096; t++) {
                checkBits(bq << 23 | t);
                checkBits(bq << 23 | ((1 << 23) - 1 - t));
                checkBits(0x8000_0000 | bq << 23 | t);
            }
        }
    }

    @Test
    void integersAndSmallSubnormals() {
        for (int i = 0; i <= 1 << 20; i++) check(i);
        for (int i = (1 << 24) - 1000; i <= (1 << 24) + 1000; i++) check(i);
        for (int bits = 1; bits < 1 << 16; bits++) checkBits(bits);
    }

    @Test
    void millionsOfRandomFloats() {
        SplittableRandom rnd = new SplittableRandom(20240601);
        for (int i = 0; i < 4_000_000; i++) checkBits(rnd.nextInt());
        for (int i = 0; i < 2_000_000; i++) check((float) rnd.nextDouble(-2, 2)); // the range of spectra
    }
}
