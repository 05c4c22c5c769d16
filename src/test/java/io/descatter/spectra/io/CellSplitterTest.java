package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass reading of plain rows gives what splitting and then parsing give, and leaves every other row to them. */
class CellSplitterTest {
    /** id, two values, a tag, three values. */
    private static final int[] PLAN = {0, -1, -2, 1, -3, -4, -5};

    private static String spell(Random rnd) {
        double v = switch (rnd.nextInt(6)) {
            case 0 -> rnd.nextGaussian();
            case 1 -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(80) - 40);
            case 2 -> Double.longBitsToDouble(rnd.nextLong()); // any double, subnormals and 17 digits included
            case 3 -> rnd.nextInt(2_000_000) - 1_000_000;
            case 4 -> rnd.nextFloat() * 1e-3;
            default -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(600) - 300);
        };
        if (!Double.isFinite(v)) v = 1.5;
        return switch (rnd.nextInt(8)) {
            case 0 -> Float.isFinite((float) v) ? String.valueOf((float) v) : String.valueOf(v);
            case 1 -> String.format(Locale.ROOT, "%.12e", v);
            case 2 -> String.format(Locale.ROOT, "%.3f", v);
            case 3 -> String.format(Locale.ROOT, "%.25f", v); // more digits than a long holds
            case 4 -> "+" + Math.abs(v);
            case 5 -> String.valueOf(v).replace("E", "e+").replace("e+-", "e-");
            case 6 -> v < 0 ? "-0" : String.format(Locale.ROOT, "%.4f", v).replaceFirst("^0\\.", ".");
            default -> String.valueOf(v);
        };
    }

    @Test
    void plainRowsReadAsSplitAndParsed() {
        Random rnd = new Random(3);
        CellSplitter fast = new CellSplitter("t", ',', '.');
        CellSplitter careful = new CellSplitter("t", ',', '.');
        for (int row = 0; row < 40_000; row++) {
            String[] cells = new String[PLAN.length];
            for (int c = 0; c < cells.length; c++) cells[c] = PLAN[c] >= 0 ? "m" + rnd.nextInt(1000) : spell(rnd);
            byte[] b = String.join(",", cells).getBytes(StandardCharsets.UTF_8);
            double[] values = new double[5];
            String[] meta = new String[2];
            // the record sits inside a larger buffer, as in a file, with digits before and after it: the reader
            // (8 bytes at a time) must stop at the record's end
            byte[] inFile = ("12345678" + String.join(",", cells) + "98765432109876543210").getBytes(StandardCharsets.UTF_8);
            assertTrue(fast.readPlainRow(inFile, 8, 8 + b.length, PLAN, values, 0, meta), () -> String.join(",", cells));
            double[] alone = new double[5]; // and at the very end of its array (the last bytes are read one at a time)
            assertTrue(fast.readPlainRow(b, 0, b.length, PLAN, alone, 0, new String[2]), () -> String.join(",", cells));
            assertArrayEquals(values, alone, () -> String.join(",", cells));
            careful.split(b, 0, b.length, 1);
            for (int c = 0; c < PLAN.length; c++) {
                if (PLAN[c] >= 0) {
                    assertEquals(careful.cell(c), meta[PLAN[c]]);
                } else {
                    double expected = careful.number(c);
                    int k = c;
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(values[-PLAN[c] - 1]), () -> cells[k]);
                }
            }
        }
    }

    @Test
    void otherRowsAreLeftToTheCarefulPath() {
        CellSplitter fast = new CellSplitter("t", ',', '.');
        String[] rows = {"a,1,2,b,3,4", "a,1,2,b,3,4,5,6", "a,1,2,b,3,4,5,", "a,1,NaN,b,3,4,5", "a,1, 2,b,3,4,5", "a,1,\"2\",b,3,4,5",
            "\"a\",1,2,b,3,4,5", "é,1,2,b,3,4,5", "a\u0001,1,2,b,3,4,5", "a,1,2,b,3,4,1e", "a,1,2,b,3,4,.", "a,1,2,b,3,4,0x1p3",
            "a,1,2,b,3,4,1d", "a,1,2,b,3,4,1e400", "a,1,2,b,3,4,-Infinity", "a,1,2,b,3,4,", "a,1,2,b,3,4,5 ", "a,1,2,b,3,4,1.2.3",
            "a,1,2,b,3,4,--1", "a,1,2,b,3,4,1e+", "a,1234é,2,b,3,4,5", "a,1,2.5é1,b,3,4,5", "a,12345678ÿ9,2,b,3,4,5"};
        for (String row : rows) {
            byte[] b = row.getBytes(StandardCharsets.UTF_8);
            assertFalse(fast.readPlainRow(b, 0, b.length, PLAN, new double[5], 0, new String[2]), row);
            byte[] inFile = ("0000" + row + "1234567890123456").getBytes(StandardCharsets.UTF_8);
            assertFalse(fast.readPlainRow(inFile, 4, 4 + b.length, PLAN, new double[5], 0, new String[2]), row);
        }
        byte[] ok = "a,1,2,b,3,4,5.".getBytes(StandardCharsets.UTF_8);
        double[] values = new double[5];
        String[] meta = new String[2];
        assertTrue(fast.readPlainRow(ok, 0, ok.length, PLAN, values, 0, meta));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, values);
        assertArrayEquals(new String[] {"a", "b"}, meta);
    }
}
