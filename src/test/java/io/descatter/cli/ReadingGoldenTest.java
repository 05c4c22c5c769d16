package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what reading does to awkward but valid files, and which error it reports in broken ones, across batch
 * boundaries: the output digests and messages were recorded with the char-based tokenizer that read every file
 * before the byte-level reader, so any change in what is read, or in where an error is placed, shows here.
 * The file mixes quoted cells (delimiters, doubled quotes, line breaks inside), non-ASCII metadata, number
 * spellings, CRLF rows, blank lines, a metadata column between the wavenumbers and a last row without a line break.
 */
class ReadingGoldenTest {
    @TempDir
    Path dir;

    private static final int POINTS = 300;
    private static final int ROWS = 250;

    /** The varied file; {@code delimiter} separates cells, {@code eol} ends most rows. */
    static String varied(char delimiter, String eol, boolean quasar) {
        Random rnd = new Random(11);
        String d = String.valueOf(delimiter);
        StringBuilder sb = new StringBuilder("id" + d + "\"note" + d + " quoted\"");
        for (int k = 0; k < POINTS; k++) {
            if (k == POINTS / 2) sb.append(d).append("tag");
            sb.append(d).append(1000 + 2 * k);
        }
        sb.append(d).append("group").append(eol);
        if (quasar) {
            sb.append("string").append(d).append("string");
            for (int k = 0; k < POINTS; k++) sb.append(d).append(k == POINTS / 2 ? "d" + d + "continuous" : "continuous");
            sb.append(d).append("d").append(eol);
            sb.append("meta").append(d).append("meta");
            for (int k = 0; k < POINTS; k++) sb.append(d).append(k == POINTS / 2 ? "meta" + d : "");
            sb.append(d).append("class").append(eol);
        }
        String[] notes = {"plain", "\"with" + d + " delimiter\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"crlf\r\ninside\"",
            "é😀 ünïcode", "", "\"\"", "\"three\n\nlines\""};
        for (int r = 0; r < ROWS; r++) {
            if (r % 37 == 5) sb.append(r % 2 == 0 ? eol : "\r\n"); // blank lines
            sb.append("s").append(r).append(d).append(notes[r % notes.length]);
            for (int k = 0; k < POINTS; k++) {
                if (k == POINTS / 2) sb.append(d).append("t").append(r % 3);
                sb.append(d).append(number(rnd, k));
            }
            sb.append(d).append(r % 4 == 0 ? "\"g" + d + "1\"" : "g2");
            if (r < ROWS - 1) sb.append(r % 11 == 3 ? "\r\n" : eol);
        }
        return sb.toString();
    }

    /** A value in one of the spellings a CSV file may use. */
    private static String number(Random rnd, int k) {
        double v = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4);
        return switch ((k * 7 + rnd.nextInt(3)) % 13) {
            case 0 -> String.format(Locale.ROOT, "%.3e", v);
            case 1 -> String.format(Locale.ROOT, "%.5E", v).replace("E-0", "E-");
            case 2 -> " " + (float) v + " ";
            case 3 -> "\"" + v + "\"";
            case 4 -> String.valueOf((long) (v * 1000));
            case 5 -> v < 0 ? "-0" : "+" + (float) v;
            case 6 -> String.format(Locale.ROOT, "%.4f", Math.abs(v)).replaceFirst("^0\\.", ".");
            case 7 -> (int) (v * 100) + ".";
            default -> String.valueOf(v);
        };
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private String convertDigest(Path in, String... options) throws IOException {
        Path out = dir.resolve("out.csv");
        Files.deleteIfExists(out);
        String[] args = new String[options.length + 3];
        args[0] = "convert";
        args[1] = in.toString();
        args[2] = "-o=" + out;
        System.arraycopy(options, 0, args, 3, options.length);
        Cli.Run run = Cli.run(args);
        assertEquals(0, run.exitCode(), run::toString);
        return sha256(Files.readAllBytes(out));
    }

    @Test
    void awkwardFilesAreReadAsBefore() throws IOException {
        assertEquals("617013c512a4cbd049c44887", convertDigest(write("comma.csv", varied(',', "\n", false))));
        assertEquals("25fb2bf3e82453ce8e822817", convertDigest(write("semi.csv", varied(';', "\n", false))));
        assertEquals("9e30aaac5b0999adbe194929", convertDigest(write("tab.csv", varied('\t', "\r\n", false))));
        assertEquals("617013c512a4cbd049c44887", convertDigest(write("cr.csv", varied(',', "\r", false))));
        assertEquals("00c220c293856ef21e9e3a36", convertDigest(write("quasar.csv", varied(',', "\n", true))));
        // --digits now rounds the exact binary value half-even (BigDecimal's rule); the file's decimal ties such as
        // 13.8575 (a double just below it) went up before: 13.857 now, as BigDecimal and Python's Decimal give
        assertEquals("4e5b002fb558f57babc30a3e", convertDigest(write("digits.csv", varied(',', "\n", false)), "--digits=5"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(varied(';', "\n", true).getBytes(StandardCharsets.UTF_8));
        }
        Path gzFile = dir.resolve("quasar.csv.gz");
        Files.write(gzFile, gz.toByteArray());
        assertEquals("cd033082870282931c6493fa", convertDigest(gzFile));
    }

    @Test
    void infoReadsTheSameFile() throws IOException {
        Cli.Run run = Cli.run("info", write("comma.csv", varied(',', "\n", false)).toString());
        assertEquals(0, run.exitCode(), run::toString);
        // the output before the "repeated:" line was added, plus that line ("none ..."), nothing else changed
        assertEquals("fe949d7b1283698b64d9f2ca", sha256(run.out().replace(dir.toString(), "DIR").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void correctReadsTheSameFile() throws IOException {
        // An axis that covers the model's, so the batches are resampled too.
        StringBuilder sb = new StringBuilder("id,note");
        int points = 1501;
        for (int k = 0; k < points; k++) sb.append(',').append(1000 + 2 * k);
        Random rnd = new Random(5);
        for (int r = 0; r < 70; r++) {
            sb.append(r % 9 == 4 ? "\r\n\n" : "\n").append("c").append(r).append(",\"n,").append(r % 5 == 0 ? "\n" : "").append("\"");
            for (int k = 0; k < points; k++) sb.append(',').append((float) (0.5 + 0.3 * Math.sin(k / 40.0 + r) + 0.01 * rnd.nextGaussian()));
        }
        sb.append('\n');
        Path in = write("cells.csv", sb.toString());
        // The checksum of this output depends on the model's weights, so instead of pinning it: with quoted line
        // breaks, blank lines and CRLF falling inside and across batches of 16 rows on two threads, every row comes
        // out in order with its id and note and the values one batch on one thread gives (to float rounding: BLAS
        // may sum in another order for another batch size).
        Path out = dir.resolve("corrected.csv");
        Cli.Run run = Cli.run("correct", in.toString(), "-o", out.toString(), "--model", "models/descatter-default.zip",
                "--threads", "2", "--batch", "16");
        assertEquals(0, run.exitCode(), run::toString);
        Path whole = dir.resolve("corrected_one_batch.csv");
        Cli.Run one = Cli.run("correct", in.toString(), "-o", whole.toString(), "--model", "models/descatter-default.zip",
                "--threads", "1", "--batch", "4096");
        assertEquals(0, one.exitCode(), one::toString);
        String text = Files.readString(out);
        String reference = Files.readString(whole);
        int from = text.indexOf('\n') + 1;
        int refFrom = reference.indexOf('\n') + 1;
        assertEquals(reference.substring(0, refFrom), text.substring(0, from), "header");
        for (int r = 0; r < 70; r++) {
            String prefix = "c" + r + ",\"n," + (r % 5 == 0 ? "\n" : "") + "\",";
            assertTrue(text.startsWith(prefix, from), "row " + r + " starts with its id and note");
            assertTrue(reference.startsWith(prefix, refFrom), "row " + r + " (one batch) starts with its id and note");
            int end = text.indexOf('\n', from + prefix.length());
            int refEnd = reference.indexOf('\n', refFrom + prefix.length());
            String[] values = text.substring(from + prefix.length(), end).split(",");
            String[] expected = reference.substring(refFrom + prefix.length(), refEnd).split(",");
            assertEquals(expected.length, values.length, "row " + r + " values");
            for (int k = 0; k < values.length; k++) {
                if (expected[k].isEmpty()) { // a score without a value (background_level where amide I has no height)
                    assertEquals("", values[k], "row " + r + " value " + k);
                    continue;
                }
                assertEquals(Double.parseDouble(expected[k]), Double.parseDouble(values[k]), 1e-5, "row " + r + " value " + k);
            }
            from = end + 1;
            refFrom = refEnd + 1;
        }
        assertEquals(text.length(), from, "70 rows, nothing after them");
    }

    /** A copy of the varied file with row {@code row}'s line (the one starting with its id) edited. */
    private static String withRow(String text, int row, java.util.function.UnaryOperator<String> edit) {
        int start = text.indexOf("\ns" + row + text.charAt(2)) + 1;
        int end = text.indexOf('\n', start);
        return text.substring(0, start) + edit.apply(text.substring(start, end)) + text.substring(end);
    }

    private String error(String name, String text) throws IOException {
        Path in = write(name, text);
        Cli.Run run = Cli.run("convert", in.toString(), "-o", dir.resolve("out.csv").toString());
        assertEquals(3, run.exitCode(), run::toString);
        return run.err().strip().replace(dir.toString(), "DIR");
    }

    @Test
    void theFirstErrorInTheFileIsReportedWhereverItIs() throws IOException {
        String ok = varied(',', "\n", false);
        String notANumber = withRow(ok, 230, l -> l.replaceFirst(",([-+.0-9e]+),", ",1x2,"));
        assertEquals("descatter: DIR/nan.csv:341:4: not a number: \"1x2\"", error("nan.csv", notANumber));
        assertEquals("descatter: DIR/both.csv:341:4: not a number: \"1x2\"",
                error("both.csv", withRow(notANumber, 240, l -> l.substring(0, l.lastIndexOf(',')))));
        String raggedFirst = withRow(ok, 200, l -> l + ",extra");
        assertEquals("descatter: DIR/ragged.csv:296:305: row has 305 cells but the header has 304",
                error("ragged.csv", withRow(raggedFirst, 212, l -> l.replaceFirst(",([-+.0-9e]+),", ",,"))));
        assertEquals("descatter: DIR/control.csv:245:2: control character 0x01: binary data, not a CSV text file",
                error("control.csv", ok.replace("s165,\"two\nlines\"", "s165,\"two\nli\u0001nes\"")));
        assertEquals("descatter: DIR/afterquote.csv:208:304: unexpected character 'x' after a closing quote",
                error("afterquote.csv", withRow(ok, 140, l -> l.replaceFirst("\"g,1\"", "\"g,1\"x"))));
        assertEquals("descatter: DIR/open.csv:369:2: the file ends inside a quoted cell opened on this line",
                error("open.csv", ok + "\ns9,\"never closed,1,2"));
        assertEquals("descatter: DIR/cut.csv:369:5: the file ends in the middle of a row (5 of 304 cells): truncated file?",
                error("cut.csv", ok + "\ns9,note,1,2,3"));
        assertEquals("descatter: DIR/header.csv:282: this line repeats the header: several files or layouts joined into one?",
                error("header.csv", withRow(ok, 190, l -> ok.substring(0, ok.indexOf('\n')))));
        assertEquals("descatter: DIR/binary.csv:182:304: control character 0x07: binary data, not a CSV text file",
                error("binary.csv", withRow(ok, 122, l -> l.replaceFirst(",([-+.0-9e]+),", ",,").replaceFirst("g2", "g\u00072"))));
        assertEquals("descatter: DIR/infinite.csv:10:4: infinite value where a spectral value is expected",
                error("infinite.csv", withRow(ok, 5, l -> l.replaceFirst(",([-+.0-9e]+),", ",-Infinity,"))));
        String semicolons = varied(';', "\n", false);
        assertEquals("descatter: DIR/comma.csv:149:4: mixed decimal marks: \"0,5\" uses ',' where this file's numbers use '.' "
                + "(--decimal-comma reads ',' as the decimal mark)",
                error("comma.csv", withRow(semicolons, 100, l -> l.replaceFirst(";([-+.0-9e]+);", ";0,5;"))));
        assertEquals("descatter: DIR/quasar.csv:90: a Quasar type row in the middle of the data: several files or layouts joined into one?",
                error("quasar.csv", withRow(ok, 60, l -> "string,continuous,continuous")));
    }
}
