package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.image.agilent.AgilentTestFiles;
import io.descatter.spectra.image.opus.OpusTestFile;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import io.descatter.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * info, convert, correct, emsc and map on every format descatter reads (ENVI, Agilent tile and mosaic, OPUS, MAT,
 * HDF5), from tiny files: the Agilent and OPUS ones written by the readers' test fixtures from the shipped samples,
 * the others converted from them by descatter's own writers. Round trips between the written formats keep values
 * (float32), axis, size and grid.
 */
class FormatsCommandsTest {
    @TempDir
    Path dir;

    /** Agilent axis 15.43 cm-1 x (65 .. 258): 1003-3980 cm-1, inside what the models need. */
    private static final int FIRST = 65;
    private static final int POINTS = 194;
    private static final double PIXEL_UM = 5.5;

    /** 64 of the shipped samples on the Agilent axis (nearest point), pixel after pixel. */
    private double[][] spectra;

    @BeforeEach
    void writeFiles() throws IOException {
        SpectraTable t = SpectraTable.read(InputSource.of("data-samples/sim_raw.csv.gz"), ReadOptions.defaults());
        WavenumberAxis axis = t.schema().axis();
        spectra = new double[64][POINTS];
        for (int s = 0; s < 64; s++) {
            double[] from = t.spectra().get(s);
            for (int k = 0; k < POINTS; k++) spectra[s][k] = (float) from[nearest(axis, AgilentTestFiles.SPACING * (FIRST + k))];
        }
        AgilentTestFiles.header(dir.resolve("tile.bsp"), FIRST, POINTS, PIXEL_UM, 1);
        AgilentTestFiles.tile(dir.resolve("tile.dat"), spectra, 8);
        writeMosaic(dir, "mosaic", 1);
        float[][] list = new float[64][];
        for (int s = 0; s < 64; s++) {
            list[s] = new float[POINTS];
            for (int k = 0; k < POINTS; k++) list[s][k] = (float) spectra[s][k];
        }
        Files.write(dir.resolve("series.0"), new OpusTestFile().series(OpusTestFile.AB, 16, list)
                .parameters(OpusTestFile.status(OpusTestFile.AB) | OpusTestFile.SERIES,
                        OpusTestFile.axis(POINTS, AgilentTestFiles.SPACING * FIRST, AgilentTestFiles.SPACING * (FIRST + POINTS - 1)))
                .bytes());
        for (String out : new String[] {"image.hdr", "image.mat", "image.h5", "image.parquet"}) {
            Cli.Run run = Cli.run("convert", dir.resolve("tile.bsp").toString(), "-o", dir.resolve(out).toString());
            assertEquals(0, run.exitCode(), run::toString);
        }
    }

    /** A mosaic of 2 x 2 tiles of 4 x 4 pixels; tile _0000_0000 (top left) holds its spectra times {@code topLeftScale}. */
    private void writeMosaic(Path folder, String stem, double topLeftScale) throws IOException {
        AgilentTestFiles.header(folder.resolve(stem + ".dmt"), FIRST, POINTS, PIXEL_UM, 1);
        for (int tx = 0; tx < 2; tx++) {
            for (int ty = 0; ty < 2; ty++) {
                double[][] tile = new double[16][];
                for (int p = 0; p < 16; p++) {
                    double scale = tx == 0 && ty == 0 ? topLeftScale : 1;
                    tile[p] = spectra[(2 * ty + tx) * 16 + p].clone();
                    for (int k = 0; k < POINTS; k++) tile[p][k] *= scale;
                }
                AgilentTestFiles.tile(folder.resolve(String.format("%s_%04d_%04d.dmd", stem, tx, ty)), tile, 4);
            }
        }
    }

    private static int nearest(WavenumberAxis axis, double wavenumber) {
        int best = 0;
        for (int i = 1; i < axis.size(); i++) if (Math.abs(axis.get(i) - wavenumber) < Math.abs(axis.get(best) - wavenumber)) best = i;
        return best;
    }

    /**
     * Each format: the file to name, what info calls it, its shape ("8 x 8 pixels" or "a list of 64 spectra"), whether
     * it has positions, whether it is an image (a table with positions is not).
     */
    record Format(String file, String name, String shape, boolean mapped, boolean image) {
        Format(String file, String name, String shape, boolean mapped) {
            this(file, name, shape, mapped, mapped);
        }

        @Override
        public String toString() { return file; }
    }

    static Stream<Format> formats() {
        return Stream.of(
                new Format("image.hdr", "ENVI", "8 x 8 pixels", true),
                new Format("image.img", "ENVI", "8 x 8 pixels", true),
                new Format("tile.bsp", "Agilent FPA", "8 x 8 pixels", true),
                new Format("tile.dat", "Agilent FPA", "8 x 8 pixels", true),
                new Format("mosaic.dmt", "Agilent FPA", "8 x 8 pixels", true),
                new Format("series.0", "Bruker OPUS", "a list of 64 spectra", false),
                new Format("image.mat", "MATLAB MAT", "8 x 8 pixels", true),
                new Format("image.h5", "HDF5", "8 x 8 pixels", true),
                new Format("image.parquet", "Parquet", "a list of 64 spectra", true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void everyCommandTakesEveryFormat(Format f) throws IOException {
        String in = dir.resolve(f.file()).toString();
        Cli.Run info = Cli.run("info", in);
        assertEquals(0, info.exitCode(), info::toString);
        assertTrue(info.out().contains("image:     " + f.shape() + ", " + f.name()), info::toString);
        assertTrue(info.out().contains("spectra:   64"), info::toString);

        Path csv = dir.resolve("out.csv");
        Cli.Run convert = Cli.run("convert", in, "-o", csv.toString());
        assertEquals(0, convert.exitCode(), convert::toString);
        assertEquals(3 + 64, Files.readAllLines(csv).size(), "Quasar header rows and a row per spectrum");
        assertEquals(f.mapped(), Files.readAllLines(csv).get(0).startsWith("map_x,map_y,"));

        for (String out : new String[] {"corrected.hdr", "corrected.mat", "corrected.h5", "corrected.parquet"}) {
            Cli.Run correct = Cli.run("correct", in, "-o", dir.resolve(out).toString());
            assertEquals(0, correct.exitCode(), correct::toString);
            try (SpectraReader r = SpectraReader.open(dir.resolve(out).toString(), ReadOptions.defaults())) {
                assertEquals(64, r.expectedSpectra(), out);
                if (f.image() && !out.endsWith(".parquet")) assertEquals(8, r.schema().image().width(), "an image stays an image: " + out);
            }
        }
        Cli.Run emsc = Cli.run("emsc", "--reference", "mean", in, "-o", dir.resolve("emsc.h5").toString());
        assertEquals(0, emsc.exitCode(), emsc::toString);

        Cli.Run map = Cli.run("map", in, "--band", "amide-I", "-o", dir.resolve("map.png").toString());
        if (f.mapped()) {
            assertEquals(0, map.exitCode(), map::toString);
            assertTrue(Files.size(dir.resolve("map.png")) > 0);
        } else {
            assertEquals(ExitCode.BAD_INPUT, map.exitCode(), "a list has no positions to map: " + map);
            assertTrue(map.err().contains("map_x"), map::toString);
        }
    }

    /** ENVI -> MAT -> HDF5 -> ENVI through the CLI: values (float32) exact, axis, size and grid kept. */
    @Test
    void roundTripThroughEveryWrittenFormatKeepsEverything() throws IOException {
        String[] chain = {"image.hdr", "trip.mat", "trip.h5", "trip.hdr"};
        for (int i = 1; i < chain.length; i++) {
            Cli.Run run = Cli.run("convert", dir.resolve(chain[i - 1]).toString(), "-o", dir.resolve(chain[i]).toString());
            assertEquals(0, run.exitCode(), run::toString);
        }
        Read first = read(dir.resolve("image.hdr"));
        assertEquals(new ImageShape(8, 8, new PixelGrid(0, 0, PIXEL_UM, PIXEL_UM, "um")), first.shape());
        for (String name : chain) {
            Read r = read(dir.resolve(name));
            assertEquals(first.axis(), r.axis(), name);
            assertEquals(first.shape(), r.shape(), name);
            assertEquals(first.meta(), r.meta(), name + ": map_x, map_y");
            assertEquals(first.values().size(), r.values().size());
            for (int s = 0; s < first.values().size(); s++) {
                double[] a = first.values().get(s);
                double[] b = r.values().get(s);
                for (int k = 0; k < a.length; k++) {
                    assertEquals(Float.floatToRawIntBits((float) a[k]), Float.floatToRawIntBits((float) b[k]), name + " spectrum " + s + " band " + k);
                    assertEquals(a[k], (float) a[k], "float32 values");
                }
            }
        }
        // and the values are the Agilent tile's
        assertEquals((float) spectra[9][5], (float) first.values().get(9)[5]);
    }

    /** A table's spectra (count unknown until the end) become a plain list in MAT and HDF5, with their metadata. */
    @Test
    void aTableBecomesAListWithItsMetadata() throws IOException {
        for (String out : new String[] {"list.mat", "list.h5", "list.parquet"}) {
            Cli.Run run = Cli.run("convert", "data-samples/sim_raw.csv.gz", "-o", dir.resolve(out).toString());
            assertEquals(0, run.exitCode(), run::toString);
            Cli.Run info = Cli.run("info", dir.resolve(out).toString());
            assertTrue(info.out().contains("image:     a list of 300 spectra"), info::toString);
            assertTrue(info.out().contains("metadata:  21 columns"), info::toString);
            try (SpectraReader r = SpectraReader.open(dir.resolve(out).toString(), ReadOptions.defaults())) {
                assertEquals(new ImageShape(1, 300, null), r.schema().image());
            }
        }
    }

    /**
     * simulate writes every format, raw and truth, with the values of its CSV: within 1e-6 of each value, which holds
     * the CSV's 7 significant digits (up to 5e-7) and float32's rounding (6e-8) together.
     */
    @Test
    void simulateWritesEveryFormat() throws IOException {
        Path csv = dir.resolve("raw.csv");
        Path csvTruth = dir.resolve("truth.csv");
        Cli.Run reference = Cli.run("simulate", "--n", "9", "--seed", "4", "-o", csv.toString(), "--truth", csvTruth.toString());
        assertEquals(0, reference.exitCode(), reference::toString);
        for (String ext : new String[] {".hdr", ".mat", ".h5", ".parquet"}) {
            Path raw = dir.resolve("raw" + ext);
            Path truth = dir.resolve("truth" + ext);
            Cli.Run run = Cli.run("simulate", "--n", "9", "--seed", "4", "-o", raw.toString(), "--truth", truth.toString());
            assertEquals(0, run.exitCode(), run::toString);
            for (Path[] pair : new Path[][] {{csv, raw}, {csvTruth, truth}}) {
                Read a = read(pair[0]);
                Read b = read(pair[1]);
                assertEquals(a.values().size(), b.values().size(), pair[1].toString());
                for (int s = 0; s < a.values().size(); s++) {
                    for (int k = 0; k < a.values().get(s).length; k++) {
                        double x = a.values().get(s)[k];
                        assertEquals(x, b.values().get(s)[k], 1e-6 * Math.abs(x), pair[1] + " spectrum " + s + " band " + k);
                    }
                }
            }
        }
    }

    /**
     * Orientation: Agilent's rows count upwards (tiles are numbered from the top), and map draws the largest map_y on
     * top, so tile _0000_0000 (here three times as strong) is the top-left quarter of the map.
     */
    @Test
    void mosaicTileZeroIsDrawnTopLeft() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("bright"));
        writeMosaic(folder, "m", 3);
        Path png = dir.resolve("m.png");
        Cli.Run run = Cli.run("map", folder.resolve("m.dmt").toString(), "--band", "amide-I", "-o", png.toString());
        assertEquals(0, run.exitCode(), run::toString);
        BufferedImage image = ImageIO.read(png.toFile());
        int quarter = io.descatter.report.ChemicalMap.MAP_SIDE / 4;
        int topLeft = green(image, quarter, quarter);
        for (int[] other : new int[][] {{3, 1}, {1, 3}, {3, 3}}) {
            assertTrue(topLeft > green(image, other[0] * quarter, other[1] * quarter) + 40,
                    "viridis is greenest at its top: tile _0000_0000 must be the bright top-left quarter");
        }
    }

    private static int green(BufferedImage image, int x, int y) {
        return image.getRGB(io.descatter.report.ChemicalMap.LEFT + x, io.descatter.report.ChemicalMap.TOP + y) >> 8 & 0xff;
    }

    /** The real mosaic: the pixels with the largest map_y (drawn on top) are those of tile _0000_0000. */
    @Test
    void realMosaicPutsTileZeroOnTop() throws IOException {
        Path dmt = SharedData.assumePresent("formats", "agilent", "5_mosaic_agg1024.dmt");
        Path tile0 = dmt.resolveSibling("5_Mosaic_agg1024_0000_0000.dmd");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(tile0)).order(ByteOrder.LITTLE_ENDIAN);
        Read r = read(dmt);
        int width = r.shape().width();
        int height = r.shape().height();
        int fpa = width; // one tile across
        assertTrue(r.shape().grid().ySize() > 0, "map_y grows with the image row: the last rows are drawn on top");
        int points = r.axis().size();
        for (int s = 0; s < r.values().size(); s++) {
            int row = s / width; // image row, counting up; the top tile holds rows height - fpa .. height - 1
            if (row < height - fpa) continue;
            int rowInTile = row - (height - fpa);
            int column = s % width;
            for (int k = 0; k < points; k++) {
                float expected = b.getFloat(4 * (255 + (k * fpa + rowInTile) * fpa + column));
                assertEquals(expected, (float) r.values().get(s)[k], "pixel " + s + " band " + k);
            }
        }
        Cli.Run map = Cli.run("map", dmt.toString(), "--band", "2000:2100", "-o", dir.resolve("real.png").toString());
        assertEquals(0, map.exitCode(), map::toString);
    }

    private record Read(WavenumberAxis axis, ImageShape shape, List<double[]> values, List<List<String>> meta) {
    }

    private static Read read(Path file) throws IOException {
        try (SpectraReader r = SpectraReader.open(file.toString(), ReadOptions.defaults())) {
            List<double[]> values = new ArrayList<>();
            List<List<String>> meta = new ArrayList<>();
            SpectraChunk chunk = r.newChunk(16);
            while (r.read(chunk) > 0) {
                for (int p = 0; p < chunk.rows(); p++) {
                    double[] v = new double[r.schema().axis().size()];
                    for (int k = 0; k < v.length; k++) v[k] = chunk.value(p, k);
                    values.add(v);
                    meta.add(List.of(chunk.meta(p)));
                }
            }
            return new Read(r.schema().axis(), r.schema().image(), values, meta);
        }
    }
}
