package io.descatter.spectra.image.envi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.Layout;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.SpectraWriter;
import io.descatter.spectra.io.TableSchema;
import io.descatter.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import io.descatter.spectra.BadInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ENVI read back bit-exact in every data type, interleave and byte order; the writer's images and grids. */
class EnviRoundTripTest {
    @TempDir
    Path dir;

    private static final double[] WAVENUMBERS = {1000.5, 1002.25, 1004, 1005.75};

    static Stream<Arguments> layouts() {
        List<Arguments> all = new ArrayList<>();
        for (int type : new int[] {1, 2, 3, 4, 5, 12, 13}) {
            for (String interleave : new String[] {"bsq", "bil", "bip"}) {
                for (int order : new int[] {0, 1}) all.add(Arguments.of(type, interleave, order));
            }
        }
        return all.stream();
    }

    /** Values every type holds exactly, different in every row, column and band, the type's extremes among them. */
    static double[][][] values(int type, int lines, int samples, int bands) {
        double[][][] v = new double[lines][samples][bands];
        for (int r = 0; r < lines; r++) {
            for (int c = 0; c < samples; c++) {
                for (int k = 0; k < bands; k++) {
                    int i = (r * samples + c) * bands + k;
                    v[r][c][k] = switch (type) {
                        case 1 -> i == 0 ? 255 : i * 7 % 256;
                        case 2 -> i == 0 ? -32768 : i == 1 ? 32767 : i * 997 % 60000 - 30000;
                        case 12 -> i == 0 ? 65535 : i * 2011 % 65536;
                        case 3 -> i == 0 ? Integer.MIN_VALUE : i * 1_000_003 - 7;
                        case 13 -> i == 0 ? 4294967295.0 : i * 100_000_007L % 4294967296L;
                        case 4 -> (float) (Math.sin(i) * 1e-3 + i);
                        default -> Math.sin(i) / 3 + i * 1e-9;
                    };
                }
            }
        }
        return v;
    }

    @ParameterizedTest(name = "type {0}, {1}, byte order {2}")
    @MethodSource("layouts")
    void everyTypeInterleaveAndByteOrderReadsBitExact(int type, String interleave, int order) throws IOException {
        double[][][] v = values(type, 3, 5, WAVENUMBERS.length);
        Path header = EnviFixtures.write(dir, "img", ".img", v, WAVENUMBERS, type, interleave, order, 7, "");
        try (SpectraReader r = SpectraReader.open(header.toString(), ReadOptions.defaults())) {
            assertEquals(WavenumberAxis.of(WAVENUMBERS), r.schema().axis());
            assertEquals(new ImageShape(5, 3, PixelGrid.imageRows()), r.schema().image(), "no map info: row 0 at the top");
            SpectraChunk chunk = r.newChunk(4); // smaller than a row: rows read piecewise too
            int pixel = 0;
            while (r.read(chunk) > 0) {
                for (int p = 0; p < chunk.rows(); p++, pixel++) {
                    for (int k = 0; k < WAVENUMBERS.length; k++) {
                        assertEquals(Double.doubleToRawLongBits(v[pixel / 5][pixel % 5][k]), Double.doubleToRawLongBits(chunk.value(p, k)),
                                "pixel " + pixel + " band " + k);
                    }
                    // no map info: map_x = column, map_y = -row (row 0 at the top of a drawn map)
                    assertEquals(List.of(String.valueOf(pixel % 5), String.valueOf(0 - pixel / 5)), List.of(chunk.meta(p)));
                }
            }
            assertEquals(15, pixel);
        }
    }

    /**
     * Every read through O_DIRECT (large reads take that path; here the threshold is 0): whole blocks read around the
     * unaligned header offset and row blocks, the values bit-exact, and a file cut short after opening still named.
     */
    @ParameterizedTest(name = "type {0}, {1}, byte order {2}")
    @MethodSource("layouts")
    void readsStraightFromTheDeviceBitExact(int type, String interleave, int order) throws IOException {
        double[][][] v = values(type, 3, 5, WAVENUMBERS.length);
        Path header = EnviFixtures.write(dir, "img", ".img", v, WAVENUMBERS, type, interleave, order, 7, "");
        Assumptions.assumeTrue(io.descatter.spectra.image.DirectReads.open(dir.resolve("img.img"), java.nio.ByteOrder.BIG_ENDIAN) != null,
                "the temporary folder's file system refuses O_DIRECT (tmpfs?): nothing to test here");
        try (EnviImage image = EnviImage.open(header, "img.hdr", 0)) {
            double[] got = new double[2 * 5 * WAVENUMBERS.length];
            image.readRows(1, 2, got, null);
            for (int p = 0; p < 10; p++) {
                for (int k = 0; k < WAVENUMBERS.length; k++) {
                    assertEquals(Double.doubleToRawLongBits(v[1 + p / 5][p % 5][k]), Double.doubleToRawLongBits(got[p * WAVENUMBERS.length + k]),
                            "pixel " + p + " of rows 1-2, band " + k);
                }
            }
            Path data = dir.resolve("img.img");
            Files.write(data, java.util.Arrays.copyOf(Files.readAllBytes(data), (int) Files.size(data) - 1));
            BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> image.readRows(2, 1, got, null));
            assertTrue(e.getMessage().contains("cut short after it was opened"), e.getMessage());
        }
    }

    static Stream<Arguments> floatLayouts() {
        List<Arguments> all = new ArrayList<>();
        for (int type : new int[] {4, 5}) {
            for (String interleave : new String[] {"bsq", "bil", "bip"}) {
                for (int order : new int[] {0, 1}) {
                    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                        all.add(Arguments.of(type, interleave, order, bad));
                    }
                }
            }
        }
        return all.stream();
    }

    /**
     * A float image's NaN or infinite value is refused with its pixel and band named, whether the block is read whole
     * (the image tells whether it met one while decoding) or piecewise; NaN reads as missing where allowed, an infinity
     * never. The float extremes (largest, smallest subnormal, negative zero) are finite and read as they are.
     */
    @ParameterizedTest(name = "type {0}, {1}, byte order {2}, {3}")
    @MethodSource("floatLayouts")
    void aNonFiniteValueIsRefusedWithItsPixelAndBand(int type, String interleave, int order, double bad) throws IOException {
        double[][][] v = values(type, 3, 5, WAVENUMBERS.length);
        float largest = Float.MAX_VALUE;
        v[0][1][0] = type == 4 ? largest : Double.MAX_VALUE;
        v[0][2][1] = type == 4 ? -largest : -Double.MAX_VALUE;
        v[0][3][2] = type == 4 ? Float.MIN_VALUE : Double.MIN_VALUE;
        v[0][4][3] = -0.0;
        v[2][3][1] = bad; // column 3, row 2, band 2
        Path header = EnviFixtures.write(dir, "img", ".img", v, WAVENUMBERS, type, interleave, order, 7, "");
        for (int capacity : new int[] {4, 16}) { // piecewise rows, and whole rows
            for (boolean allowMissing : new boolean[] {false, true}) {
                List<Double> read = new ArrayList<>();
                try (SpectraReader r = SpectraReader.open(header.toString(), ReadOptions.defaults().withAllowMissing(allowMissing))) {
                    SpectraChunk chunk = r.newChunk(capacity);
                    while (r.read(chunk) > 0) {
                        for (int p = 0; p < chunk.rows(); p++) read.add(chunk.value(p, 1));
                    }
                    assertTrue(allowMissing && Double.isNaN(bad), "read without a refusal: " + read);
                    assertTrue(Double.isNaN(read.get(13)), "pixel 13 (column 3, row 2) band 2 is missing: " + read);
                } catch (BadInputException e) {
                    assertTrue(!allowMissing || !Double.isNaN(bad), "NaN is allowed here: " + e.getMessage());
                    String what = Double.isNaN(bad) ? "missing (NaN) value" : "infinite value";
                    assertTrue(e.getMessage().contains(what + " at pixel (column 3, row 2), band 2 (1002.25 cm-1)"), e.getMessage());
                }
            }
        }
        // the extremes alone, without the bad value
        v[2][3][1] = 0;
        EnviFixtures.write(dir, "img", ".img", v, WAVENUMBERS, type, interleave, order, 7, "");
        try (SpectraReader r = SpectraReader.open(header.toString(), ReadOptions.defaults())) {
            SpectraChunk chunk = r.newChunk(16);
            r.read(chunk);
            assertEquals(v[0][1][0], chunk.value(1, 0));
            assertEquals(v[0][2][1], chunk.value(2, 1));
            assertEquals(v[0][3][2], chunk.value(3, 2));
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(chunk.value(4, 3)));
        }
    }

    @Test
    void writtenImageKeepsShapeGridAndFloatValues() throws IOException {
        double[][][] v = values(4, 4, 3, WAVENUMBERS.length);
        PixelGrid grid = new PixelGrid(100, -20.5, 5.5, 6.25, "um");
        Path out = dir.resolve("out.hdr");
        write(out.toString(), v, new ImageShape(3, 4, grid));
        assertTrue(Files.exists(dir.resolve("out.img")), "data file beside the header");
        String header = Files.readString(out);
        assertTrue(header.contains("interleave = bip") && header.contains("data type = 4"), header);
        // map_y grows down the rows here: ENVI's pixel height is negative so that the header reads back to the same grid
        assertTrue(header.contains("map info = {Arbitrary, 1, 1, 100, -20.5, 5.5, -6.25, units=Micrometers}"), header);
        // read back through the data file's name, whole image rows per chunk
        try (SpectraReader r = SpectraReader.open(dir.resolve("out.img").toString(), ReadOptions.defaults())) {
            assertEquals(new ImageShape(3, 4, grid), r.schema().image());
            assertEquals(List.of("map_x", "map_y"), r.schema().meta().stream().map(MetaColumn::name).toList());
            SpectraChunk chunk = r.newChunk(6);
            assertEquals(6, r.read(chunk));
            assertEquals(List.of("105.5", "-20.5"), List.of(chunk.meta(1)));
            assertEquals(List.of("100", "-14.25"), List.of(chunk.meta(3)));
            for (int k = 0; k < WAVENUMBERS.length; k++) assertEquals(v[1][2][k], chunk.value(5, k));
        }
    }

    /** ENVI's map info: the northing decreases down the rows by the pixel height; read and written back the same. */
    @Test
    void mapInfoNorthingDecreasesDownTheRows() throws IOException {
        double[][][] v = values(4, 3, 2, 3);
        Path header = EnviFixtures.write(dir, "geo", ".img", v, new double[] {1000, 2000, 3000}, 4, "bip", 0, 0,
                "map info = {Arbitrary, 1, 2, 50, 40, 2, 5, units=Micrometers}\n");
        PixelGrid expected = new PixelGrid(50, 45, 2, -5, "um"); // pixel (1, 2) 1-based at northing 40: row 0 at 45
        try (SpectraReader r = SpectraReader.open(header.toString(), ReadOptions.defaults())) {
            assertEquals(expected, r.schema().image().grid());
        }
        Path out = dir.resolve("copy.hdr");
        write(out.toString(), v, new ImageShape(2, 3, expected));
        assertTrue(Files.readString(out).contains("map info = {Arbitrary, 1, 1, 50, 45, 2, 5, units=Micrometers}"), Files.readString(out));
        try (SpectraReader r = SpectraReader.open(out.toString(), ReadOptions.defaults())) {
            assertEquals(expected, r.schema().image().grid());
        }
    }

    @Test
    void aTableBecomesOneSpectrumPerImageRow() throws IOException {
        double[][][] v = values(4, 1, 7, WAVENUMBERS.length);
        write(dir.resolve("list.img").toString(), v, null);
        String header = Files.readString(dir.resolve("list.hdr"));
        assertTrue(header.contains("samples = 1\nlines = 7\n"), header);
        try (SpectraReader r = SpectraReader.open(dir.resolve("list.hdr").toString(), ReadOptions.defaults())) {
            assertEquals(7, r.expectedSpectra());
        }
    }

    @Test
    void wavelengthsInNanometresBecomeWavenumbers() throws IOException {
        double[][][] v = values(4, 1, 2, 3);
        Path header = EnviFixtures.write(dir, "nm", ".dat", v, new double[] {10000, 5000, 2500}, 4, "bip", 0, 0,
                "wavelength units = Nanometers\nx start = 10\ny start = 3\n");
        try (SpectraReader r = SpectraReader.open(header.toString(), ReadOptions.defaults())) {
            assertEquals(WavenumberAxis.of(1000, 2000, 4000), r.schema().axis());
            assertEquals(new PixelGrid(10, -3, 1, -1, ""), r.schema().image().grid(), "y start 3: map_y -3, -4, ... down the rows");
        }
    }

    @Test
    void csvStaysCsv() throws IOException {
        Path csv = Files.writeString(dir.resolve("a.csv"), "id,1000,1002\na,0.1,0.2\n");
        try (SpectraReader r = SpectraReader.open(csv.toString(), ReadOptions.defaults())) {
            assertNull(r.schema().image());
            assertEquals(Layout.WIDE, r.schema().layout());
        }
    }

    /**
     * The Agilent tile's .hdr + .dat pair is an ENVI image (offset 1020, float32, bsq) when named by its .hdr; named by
     * its .dat it is read as Agilent (registered before ENVI), which knows the pixel size and that rows count upwards.
     * Values from the data README, the same either way.
     */
    @Test
    void agilentTileReadsAsEnvi() throws IOException {
        Path dat = SharedData.assumePresent("formats", "agilent", "4_noimage_agg256.dat");
        for (Path named : new Path[] {dat, dat.resolveSibling("4_noimage_agg256.hdr")}) {
            try (SpectraReader r = SpectraReader.open(named.toString(), ReadOptions.defaults())) {
                PixelGrid grid = named.equals(dat) ? new PixelGrid(0, 0, 88, 88, "um") : PixelGrid.imageRows();
                assertEquals(new ImageShape(8, 8, grid), r.schema().image());
                assertEquals(9, r.schema().axis().size());
                assertEquals(1990.17823, r.schema().axis().get(0), 1e-5); // the .hdr rounds it
                SpectraChunk chunk = r.newChunk(64);
                assertEquals(64, r.read(chunk));
                // (row, column, band) as the README gives them
                assertEquals(1.2718105f, (float) chunk.value(0 * 8 + 1, 1));
                assertEquals(0.30882764f, (float) chunk.value(1 * 8 + 2, 3));
            }
        }
    }

    private void write(String name, double[][][] v, ImageShape shape) throws IOException {
        int bands = v[0][0].length;
        double[] wn = java.util.Arrays.copyOf(WAVENUMBERS, bands);
        if (bands != WAVENUMBERS.length) for (int k = 0; k < bands; k++) wn[k] = 1000 + k;
        TableSchema schema = new TableSchema("test", Layout.WIDE, ',', WavenumberAxis.of(wn), List.of(MetaColumn.named("id")), null)
                .withImage(shape);
        int pixels = v.length * v[0].length;
        try (SpectraWriter w = SpectraWriter.open(OutputTarget.of(name), schema, DoubleFormatter.exact())) {
            SpectraChunk chunk = new SpectraChunk(pixels, bands, 1);
            for (int p = 0; p < pixels; p++) {
                int row = chunk.addRow(new String[] {"s" + p}, 0);
                for (int k = 0; k < bands; k++) chunk.values()[chunk.offset(row) + k] = v[p / v[0].length][p % v[0].length][k];
            }
            w.write(chunk);
            assertEquals(List.of("id"), w.droppedMeta());
            w.commit();
        }
    }
}
