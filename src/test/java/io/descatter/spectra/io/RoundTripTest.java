package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Conversions lose nothing: values come back bit for bit, ids and metadata unchanged, in the same order. */
class RoundTripTest {
    @TempDir
    Path dir;

    /** Doubles that stress a formatter: full-precision randoms, tiny and huge magnitudes, subnormals, integers. */
    static double[] awkwardValues(Random rnd, int n) {
        double[] special = {0.1, 1.0 / 3, 2e23, 9007199254740993.0, 4.9e-324, 2.2250738585072014E-308, -0.0, 1e21, 1e-7,
            123456789012345680.0, -1.7976931348623157E308, 5e-5, 0.001, 1000};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < special.length ? special[i] : switch (i % 4) {
                case 0 -> rnd.nextGaussian();
                case 1 -> Double.longBitsToDouble(rnd.nextLong() & 0x7fefffffffffffffL); // any finite positive double
                case 2 -> rnd.nextDouble() * 1e-3;
                default -> Math.scalb(rnd.nextDouble(), rnd.nextInt(200) - 100);
            };
        }
        return v;
    }

    private Path writeWide(int spectra, double[] axis, long seed) throws IOException {
        Random rnd = new Random(seed);
        TableSchema schema = new TableSchema("test", Layout.WIDE, ',', WavenumberAxis.of(axis), List.of(MetaColumn.named("id")), null);
        Path p = dir.resolve("wide.csv");
        try (SpectraWriter w = SpectraWriter.open(OutputTarget.of(p.toString()), schema, DoubleFormatter.exact())) {
            SpectraChunk chunk = new SpectraChunk(spectra, axis.length, 1);
            for (int s = 0; s < spectra; s++) chunk.addRow(awkwardValues(rnd, axis.length), 0, new String[] {"s" + s + (s % 3 == 0 ? ",quoted \"x\"" : "")}, 0);
            w.write(chunk);
            w.commit();
        }
        return p;
    }

    static List<double[]> readAll(Path p) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (SpectraReader r = SpectraReader.open(InputSource.of(p), ReadOptions.defaults())) {
            SpectraChunk c = r.newChunk(7);
            while (r.read(c) > 0) {
                for (int i = 0; i < c.rows(); i++) {
                    double[] row = new double[c.points()];
                    System.arraycopy(c.values(), c.offset(i), row, 0, row.length);
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    void wideToColumnarToWideIsBitExact() throws IOException {
        double[] axis = new double[64];
        for (int k = 0; k < axis.length; k++) axis[k] = 3999.71 - k * 1.9287 + (k % 5) * 1e-9; // irregular, descending
        Path wide = writeWide(25, axis, 42);
        Path columnar = dir.resolve("columnar.csv");
        Path back = dir.resolve("back.csv");
        Cli.Run a = Cli.run("convert", wide.toString(), "-o", columnar.toString(), "--layout", "columnar");
        Cli.Run b = Cli.run("convert", columnar.toString(), "-o", back.toString(), "--layout", "wide");
        assertEquals(0, a.exitCode(), a::toString);
        assertEquals(0, b.exitCode(), b::toString);
        assertEquals(Files.readString(wide), Files.readString(back), "identical bytes after wide -> columnar -> wide");

        List<double[]> original = readAll(wide);
        List<double[]> roundTrip = readAll(back);
        assertEquals(original.size(), roundTrip.size());
        Random rnd = new Random(42);
        for (int s = 0; s < original.size(); s++) {
            double[] expected = awkwardValues(rnd, axis.length);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(roundTrip.get(s)[k]),
                        "spectrum " + s + " point " + k + ": " + expected[k] + " vs " + roundTrip.get(s)[k]);
            }
        }
        try (SpectraReader r = SpectraReader.open(InputSource.of(back), ReadOptions.defaults())) {
            assertArrayEquals(axis, r.schema().axis().values());
        }
    }

    @Test
    void quasarToWideToQuasarKeepsTypesFlagsAndMetadataPositions() throws IOException {
        String quasar = "sample,1000,1001.5,label,1003\n"
                + "string,continuous,continuous,discrete,continuous\n"
                + "meta,,,class,\n"
                + "a,0.5,0.25,tumour,1e-3\n"
                + "\"b, second\",1,2,normal,3\n";
        Path in = Files.writeString(dir.resolve("q.csv"), quasar);
        try (SpectraReader r = SpectraReader.open(InputSource.of(in), ReadOptions.defaults())) {
            assertEquals(Layout.QUASAR, r.schema().layout());
            assertEquals(List.of("sample", "label"), r.schema().meta().stream().map(MetaColumn::name).toList());
            assertArrayEquals(new double[] {1000, 1001.5, 1003}, r.schema().axis().values());
        }
        Path wide = dir.resolve("w.csv");
        Path back = dir.resolve("q2.csv");
        assertEquals(0, Cli.run("convert", in.toString(), "-o", wide.toString(), "--layout", "wide").exitCode());
        assertEquals("sample,1000,1001.5,label,1003\na,0.5,0.25,tumour,0.001\n\"b, second\",1,2,normal,3\n", Files.readString(wide));
        assertEquals(0, Cli.run("convert", in.toString(), "-o", back.toString()).exitCode());
        assertEquals(quasar.replace("1e-3", "0.001"), Files.readString(back));
    }

    @ParameterizedTest
    @ValueSource(strings = {";", "\t"})
    void otherDelimitersAreDetectedAndKept(String d) throws IOException {
        String csv = String.join(d, "id", "1000", "1002", "1004") + "\n" + String.join(d, "x", "1.5", "-2", "3") + "\n";
        Path in = Files.writeString(dir.resolve("d.csv"), csv);
        Path out = dir.resolve("o.csv");
        assertEquals(0, Cli.run("convert", in.toString(), "-o", out.toString()).exitCode());
        assertEquals(csv, Files.readString(out));
        Path comma = dir.resolve("c.csv");
        assertEquals(0, Cli.run("convert", in.toString(), "-o", comma.toString(), "--output-delimiter", ",").exitCode());
        assertEquals("id,1000,1002,1004\nx,1.5,-2,3\n", Files.readString(comma));
    }

    @Test
    void gzipInAndOut() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "id,1000,1002\na,1,2\nb,3,4\n");
        Path gz = dir.resolve("x.csv.gz");
        Path back = dir.resolve("y.csv");
        assertEquals(0, Cli.run("convert", in.toString(), "-o", gz.toString()).exitCode());
        assertEquals(0x1f, Files.readAllBytes(gz)[0] & 0xff, "gzip magic");
        assertEquals(0, Cli.run("convert", gz.toString(), "-o", back.toString()).exitCode());
        assertEquals(Files.readString(in), Files.readString(back));
    }

    @Test
    void metadataPassesThroughWhereverItStands() throws IOException {
        String csv = "group,1000,1002,id,1004,note\ng1,1,2,\"a\"\"b\",3,\n,4,5,c,6,\"line\nbreak\"\n";
        Path in = Files.writeString(dir.resolve("m.csv"), csv);
        Path out = dir.resolve("o.csv");
        assertEquals(0, Cli.run("convert", in.toString(), "-o", out.toString()).exitCode());
        assertEquals(csv, Files.readString(out));
        Path resampled = dir.resolve("r.csv");
        assertEquals(0, Cli.run("convert", in.toString(), "-o", resampled.toString(), "--axis", "1000:1004:1").exitCode());
        assertEquals("group,1000,1001,1002,1003,1004,id,note\ng1,1,1.5,2,2.5,3,\"a\"\"b\",\n,4,4.5,5,5.5,6,c,\"line\nbreak\"\n",
                Files.readString(resampled));
    }

    @Test
    void digitsRoundsToSignificantDigits() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "id,1000,1002\na,0.123456789,98765.4321\n");
        Path out = dir.resolve("o.csv");
        assertEquals(0, Cli.run("convert", in.toString(), "-o", out.toString(), "--digits", "4").exitCode());
        assertEquals("id,1000,1002\na,0.1235,98770\n", Files.readString(out));
        // The axis is never rounded: a 6-digit file keeps 1000.8185 cm-1 exactly.
        Path fine = Files.writeString(dir.resolve("fine.csv"), "id,1000.818501,1002.12345678\na,0.123456789,1\n");
        Path rounded = dir.resolve("r.csv");
        assertEquals(0, Cli.run("convert", fine.toString(), "-o", rounded.toString(), "--digits", "3").exitCode());
        assertEquals("id,1000.818501,1002.12345678\na,0.123,1\n", Files.readString(rounded));
    }

    @Test
    void roundedDigitsAgreeWithBigDecimalRounding() {
        Random rnd = new Random(3);
        for (int digits = 1; digits <= 15; digits++) {
            DoubleFormatter f = DoubleFormatter.significantDigits(digits);
            java.math.MathContext mc = new java.math.MathContext(digits);
            for (int i = 0; i < 2000; i++) {
                double v = awkwardValues(rnd, 40)[14 + rnd.nextInt(26)];
                double got = Double.parseDouble(f.format(v));
                double want = new java.math.BigDecimal(v).round(mc).doubleValue();
                // Equal, or one unit apart in the last kept digit where v sits within double rounding of a tie.
                double unit = Math.abs(want) * Math.pow(10, 1 - digits) * 1.0000001;
                assertTrue(got == want || Math.abs(got - want) <= unit && Math.abs(Math.abs(got - v) - Math.abs(want - v)) < 1e-15 * Math.abs(v) + Double.MIN_VALUE,
                        digits + " digits of " + v + ": " + got + " vs " + want);
            }
        }
    }

    @Test
    void columnarWithoutHeaderAndWideWithoutMetadata() throws IOException {
        Path in = Files.writeString(dir.resolve("c.csv"), "1000,0.1,0.2\n1002,0.3,0.4\n1004,0.5,0.6\n");
        Path out = dir.resolve("w.csv");
        assertEquals(0, Cli.run("convert", in.toString(), "-o", out.toString(), "--layout", "wide").exitCode());
        assertEquals("1000,1002,1004\n0.1,0.3,0.5\n0.2,0.4,0.6\n", Files.readString(out));
        Path back = dir.resolve("c2.csv");
        assertEquals(0, Cli.run("convert", out.toString(), "-o", back.toString(), "--layout", "columnar").exitCode());
        assertEquals(Files.readString(in), Files.readString(back));
    }

    /** Files whose first row alone does not tell the layout: the second row decides. */
    @Test
    void layoutsThatTheFirstRowAloneDoesNotTell() throws IOException {
        // a headerless columnar file whose first row looks like an axis (values of 100 and more, below the wavenumber)
        Path columnar = Files.writeString(dir.resolve("pct.csv"), "1000,100,95\n1002,99,94\n1004,98,93\n");
        Cli.Run a = Cli.run("info", columnar.toString());
        assertTrue(a.out().contains("layout:    columnar") && a.out().contains("spectra:   2"), a::toString);
        // ... and its one-spectrum form, which descatter writes for a wide file without ids (no header row)
        Path single = Files.writeString(dir.resolve("one.csv"), "1000,100\n1002,200\n1004,150\n");
        Cli.Run c = Cli.run("info", single.toString());
        assertTrue(c.out().contains("layout:    columnar") && c.out().contains("spectra:   1"), c::toString);
        // a wide file without metadata whose values are close to its wavenumbers (single-beam counts): still wide
        Path counts = Files.writeString(dir.resolve("counts.csv"), "4000,3998,3996,3994\n3900,3950,3960,3970\n3800,3850,3860,3870\n");
        Cli.Run d = Cli.run("info", counts.toString());
        assertTrue(d.out().contains("layout:    wide") && d.out().contains("spectra:   2"), d::toString);
        // a wide file whose one metadata column has a wavenumber-like name and numeric values
        Path wide = Files.writeString(dir.resolve("x.csv"), "x,1000,1002,1004\n0,0.1,0.2,0.3\n1,0.2,0.3,0.4\n");
        Cli.Run b = Cli.run("info", wide.toString());
        assertTrue(b.out().contains("layout:    wide") && b.out().contains("spectra:   2") && b.out().contains("3 points"), b::toString);
    }

    @Test
    void aNumericallyNamedMetadataColumnCannotGoIntoAPlainWideFile() throws IOException {
        Path quasar = Files.writeString(dir.resolve("q.csv"), "id,1006,1000,1002\nstring,continuous,continuous,continuous\n"
                + "meta,meta,,\na,42,0.1,0.2\n");
        Path out = dir.resolve("w.csv");
        Cli.Run run = Cli.run("convert", quasar.toString(), "-o", out.toString(), "--layout", "wide");
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().contains("metadata column '1006' has a numeric name"), run::toString);
        assertTrue(!Files.exists(out));
    }

    @Test
    void devicesAreWrittenToNotReplaced() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "id,1000,1002\na,1,2\n");
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull), "a Unix /dev/null");
        assertEquals(0, Cli.run("convert", in.toString(), "-o", devNull.toString()).exitCode());
        assertTrue(!Files.isRegularFile(devNull) && Files.exists(devNull), "/dev/null is still a device");
    }

    @Test
    void shortestFormatting() {
        DoubleFormatter f = DoubleFormatter.exact();
        assertEquals("1000", f.format(1000.0));
        assertEquals("2E23", f.format(2e23));
        assertEquals("1E-5", f.format(1e-5));
        assertEquals("0.1", f.format(0.1));
        assertEquals("-0", f.format(-0.0));
        assertEquals("NaN", f.format(Double.NaN));
        assertTrue(f.format(1.0 / 3).length() <= 18);
    }
}
