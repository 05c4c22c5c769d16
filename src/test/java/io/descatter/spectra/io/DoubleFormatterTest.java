package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Significant digits: append (allocation-free up to 9 digits) writes exactly format's text; that text has at most the
 * digits asked for and is, by value, the half-even rounding of v's exact binary value (BigDecimal's), up to 15 digits
 * exactly and beyond by the double it reads back as (0.95 to one digit is 0.9: exactly 0.94999…). A value that would
 * round past the largest double is rounded towards zero.
 */
class DoubleFormatterTest {
    private static void check(DoubleFormatter f, double v) {
        TextBuffer out = new TextBuffer(8);
        f.append(out, v);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            out.writeTo(bytes);
        } catch (java.io.IOException impossible) {
            throw new AssertionError(impossible);
        }
        String got = bytes.toString(StandardCharsets.US_ASCII);
        String expected = f.format(v);
        if (!expected.equals(got)) assertEquals(expected, got, f.digits() + " digits of " + v + " (" + Double.doubleToRawLongBits(v) + ")");
        if (v != 0 && Double.isFinite(v)) {
            int d = f.digits();
            java.math.BigDecimal exact = new java.math.BigDecimal(v).round(new java.math.MathContext(d, java.math.RoundingMode.HALF_EVEN));
            if (Double.isInfinite(exact.doubleValue())) { // beyond the largest double: rounded towards zero instead
                exact = new java.math.BigDecimal(v).round(new java.math.MathContext(d, java.math.RoundingMode.DOWN));
            }
            java.math.BigDecimal written = new java.math.BigDecimal(got);
            // (a subnormal rounded may land on a double whose shortest text is longer: 5e-324 is written 4.9E-324)
            if (Math.abs(exact.doubleValue()) >= Double.MIN_NORMAL) {
                assertTrue(written.stripTrailingZeros().precision() <= d, d + " digits of " + v + ": " + got + " has more");
            }
            if (d <= 15 && Math.abs(v) >= Double.MIN_NORMAL) {
                // up to 15 digits every decimal reads back to its own double: the text is the rounding itself
                assertEquals(0, exact.compareTo(written), d + " digits of " + v + " (" + Double.doubleToRawLongBits(v) + "): "
                        + got + " is not " + exact);
            } else {
                assertEquals(exact.doubleValue(), Double.parseDouble(got), 0.0, d + " digits of " + v + ": " + got + " reads back as another double than " + exact);
            }
        }
    }

    @Test
    void significantDigitsEqualFormat() {
        double[] special = {0, -0.0, 1, -1, 0.1, 1e-3, 9.9999995e-4, 0.00099999999, 1e-4, 1e7, 9999999.5, 9999999.4, 1e7 - 1e-9,
            0.5, 0.25, 0.125, 2.5, 0.05, 0.95, 0.995, 0.9995, 9.5, 99.5, 123456789.5, 1e-300, 1e-320, Double.MIN_VALUE,
            Double.MAX_VALUE, 1e300, 1e-5, 1.5e-5, 12345.678, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        SplittableRandom random = new SplittableRandom(17);
        for (int d = 1; d <= 17; d++) {
            DoubleFormatter f = DoubleFormatter.significantDigits(d);
            for (double v : special) {
                check(f, v);
                check(f, -v);
            }
            for (int e = -310; e <= 308; e++) {
                check(f, Double.parseDouble("1e" + e));
                check(f, Double.parseDouble("9.5e" + e));
            }
            for (int i = 0; i < 20_000; i++) {
                check(f, (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(-12, 12))); // spectra-like and beyond
                check(f, Double.longBitsToDouble(random.nextLong())); // any double
            }
        }
    }

    /**
     * A row's run of values written at once (appendRun, float precision's fast path, and the per-value path of the
     * other modes and of non-ASCII delimiters) is the text of the values appended one by one with their delimiters:
     * NaN, infinities, zeros, subnormal and float-overflowing doubles included, with and without a leading delimiter.
     */
    @Test
    void aRunOfValuesIsTheValuesAppendedOneByOne() {
        SplittableRandom random = new SplittableRandom(11);
        double[] v = new double[400];
        for (int i = 0; i < v.length; i++) v[i] = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(-8, 9));
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e-45, 4e38, 1e300, 1.0, -100};
        System.arraycopy(special, 0, v, 3, special.length);
        for (DoubleFormatter f : new DoubleFormatter[] {DoubleFormatter.floatPrecision(), DoubleFormatter.exact(), DoubleFormatter.significantDigits(6)}) {
            for (char delimiter : new char[] {',', ';', '\t', '\u00a7'}) {
                for (boolean leading : new boolean[] {false, true}) {
                    TextBuffer expected = new TextBuffer(8);
                    expected.append("id");
                    for (int i = 2; i < 2 + 390; i++) {
                        if (i > 2 || leading) expected.append(delimiter);
                        f.append(expected, v[i]);
                    }
                    TextBuffer actual = new TextBuffer(8);
                    actual.append("id");
                    f.appendRun(actual, v, 2, 390, delimiter, leading);
                    assertEquals(text(expected), text(actual), f.digits() + " digits, delimiter " + (int) delimiter + ", leading " + leading);
                }
            }
        }
        TextBuffer none = new TextBuffer(8);
        DoubleFormatter.floatPrecision().appendRun(none, v, 0, 0, ',', true);
        assertEquals("", text(none), "an empty run writes nothing");
    }

    private static String text(TextBuffer b) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            b.writeTo(bytes);
        } catch (java.io.IOException impossible) {
            throw new AssertionError(impossible);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
