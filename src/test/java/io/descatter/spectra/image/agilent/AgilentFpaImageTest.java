package io.descatter.spectra.image.agilent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgilentFpaImageTest {
    @TempDir
    Path dir;

    private static double[] readAll(AgilentFpaImage image) throws IOException {
        double[] values = new double[image.width() * image.height() * image.axis().size()];
        image.readRows(0, image.height(), values, null);
        return values;
    }

    private static double at(AgilentFpaImage image, double[] values, int row, int column, int band) {
        return values[(row * image.width() + column) * image.axis().size() + band];
    }

    // ---- the real files (../shared/data/formats/agilent, MIT, from python-agilent-file-formats) ----

    @Test
    void realSingleTileHasTheKnownValuesAndPixelSize() throws IOException {
        Path dat = SharedData.assumePresent("formats", "agilent", "4_noimage_agg256.dat");
        assertTrue(AgilentFpaImage.recognises(dat, Files.readAllBytes(dat)));
        try (AgilentFpaImage image = AgilentFpaImage.open(dat, "4_noimage_agg256.dat")) {
            assertEquals(8, image.width());
            assertEquals(8, image.height());
            assertEquals(9, image.axis().size());
            assertEquals(1990.17823, image.axis().get(0), 1e-5); // the ENVI header beside it lists the same axis
            assertEquals(2113.60013, image.axis().get(8), 1e-5);
            double[] values = readAll(image);
            assertEquals(1.2718105, at(image, values, 0, 1, 1), 1e-7);
            assertEquals(0.30882764, at(image, values, 1, 2, 3), 1e-8);
            // FPA pixel 5.5 um, 16 x 16 aggregation (agg256)
            assertEquals(new PixelGrid(0, 0, 88, 88, "um"), image.grid());
        }
    }

    @Test
    void realMosaicHasAgilentFormatsOrientationDespiteTheCaseOfItsTileNames() throws IOException {
        Path dmt = SharedData.assumePresent("formats", "agilent", "5_mosaic_agg1024.dmt");
        try (AgilentFpaImage image = AgilentFpaImage.open(dmt, dmt.toString())) {
            assertEquals(4, image.width()); // 1 tile column of 4 x 4 pixels (128 / 32)
            assertEquals(8, image.height()); // 2 tile rows
            double[] values = readAll(image);
            // python-agilent-file-formats' test_mosaic.py values (row, column, band), non-MAT orientation
            assertEquals(1.14792180, at(image, values, 0, 1, 1), 1e-7);
            assertEquals(1.14063489, at(image, values, 0, 2, 2), 1e-7);
            assertEquals(0.28298783, at(image, values, 1, 2, 3), 1e-7);
            assertEquals(176, image.grid().xSize(), 1e-12); // 5.5 um x 32
            assertFalse(Arrays.stream(values).anyMatch(Double::isNaN));
        }
    }

    @Test
    void realBackgroundTileOpensThroughItsHeaderName() throws IOException {
        Path bsp = SharedData.assumePresent("formats", "agilent", "background_agg256.bsp");
        try (AgilentFpaImage image = AgilentFpaImage.open(bsp, "background_agg256.bsp")) {
            assertEquals(8, image.width());
            assertEquals(9, image.axis().size());
        }
    }

    // ---- synthetic files written from the documented layout ----

    @Test
    void singleTileRowsAreInFileOrderAndBandsFollowTheHeader() throws IOException {
        AgilentTestFiles.header(dir.resolve("t.bsp"), 3, null, null);
        AgilentTestFiles.tile(dir.resolve("t.dat"), 0, 3, 4);
        try (AgilentFpaImage image = AgilentFpaImage.open(dir.resolve("t.dat"), "t.dat")) {
            assertEquals(4, image.width());
            assertEquals(AgilentTestFiles.SPACING * (AgilentTestFiles.FIRST + 2), image.axis().get(2), 1e-9);
            double[] values = readAll(image);
            for (int row = 0; row < 4; row++) {
                for (int column = 0; column < 4; column++) {
                    for (int band = 0; band < 3; band++) {
                        assertEquals(AgilentTestFiles.value(0, band, row, column), at(image, values, row, column, band));
                    }
                }
            }
            assertEquals(PixelGrid.indices(), image.grid(), "no pixel-size properties: pixel indices");
        }
    }

    @Test
    void mosaicPlacesTilesByNameWithMissingTilesAsNaN() throws IOException {
        AgilentTestFiles.header(dir.resolve("scan.dmt"), 2, 5.5, 2);
        // 3 tile columns x 2 tile rows; (1, 0) is missing; stems differ in case as in real mosaics
        int[][] present = {{0, 0}, {2, 0}, {0, 1}, {1, 1}, {2, 1}};
        for (int[] t : present) {
            AgilentTestFiles.tile(dir.resolve(String.format("Scan_%04d_%04d.dmd", t[0], t[1])), t[1] * 3 + t[0], 2, 2);
        }
        Files.writeString(dir.resolve("scan_0000_0000.drd"), "interferograms: ignored");
        try (AgilentFpaImage image = AgilentFpaImage.open(dir.resolve("scan.dmt"), "scan.dmt")) {
            assertEquals(6, image.width());
            assertEquals(4, image.height());
            assertEquals(new PixelGrid(0, 0, 11, 11, "um"), image.grid());
            double[] values = readAll(image);
            // image rows count upwards: tile row 1 (the lower one) holds image rows 0-1
            assertEquals(AgilentTestFiles.value(4, 1, 0, 1), at(image, values, 0, 3, 1));
            assertEquals(AgilentTestFiles.value(5, 0, 1, 0), at(image, values, 1, 4, 0));
            assertEquals(AgilentTestFiles.value(0, 1, 1, 1), at(image, values, 3, 1, 1));
            for (int row = 2; row < 4; row++) {
                for (int column = 2; column < 4; column++) {
                    assertTrue(Double.isNaN(at(image, values, row, column, 0)), "missing tile (1, 0)");
                    assertTrue(Double.isNaN(at(image, values, row, column, 1)));
                }
            }
            assertEquals(AgilentTestFiles.value(2, 0, 0, 0), at(image, values, 2, 4, 0));
        }
    }

    @Test
    void readingRowByRowGivesTheSameValuesAsOneBlock() throws IOException {
        AgilentTestFiles.header(dir.resolve("m.dmt"), 3, null, null);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 2; x++) {
                if (x == 1 && y == 1) continue;
                AgilentTestFiles.tile(dir.resolve(String.format("m_%04d_%04d.dmd", x, y)), y * 2 + x, 3, 4);
            }
        }
        try (AgilentFpaImage image = AgilentFpaImage.open(dir.resolve("m.dmt"), "m.dmt")) {
            double[] whole = readAll(image);
            int rowValues = image.width() * image.axis().size();
            double[] pieces = new double[whole.length];
            // blocks of 3 rows cross tile-row boundaries (tiles are 4 rows high)
            for (int row = 0; row < image.height(); row += 3) {
                int rows = Math.min(3, image.height() - row);
                double[] block = new double[rows * rowValues];
                image.readRows(row, rows, block, null);
                System.arraycopy(block, 0, pieces, row * rowValues, block.length);
            }
            assertArrayEquals(whole, pieces);
        }
    }

    @Test
    void recognisesHeadersAndDataWithAHeaderBeside() throws IOException {
        AgilentTestFiles.header(dir.resolve("A.BSP"), 3, null, null);
        Files.write(dir.resolve("A.dat"), new byte[16]);
        Files.write(dir.resolve("lonely.dat"), new byte[16]);
        assertTrue(AgilentFpaImage.recognises(dir.resolve("A.dat"), new byte[16]), "header matched without case");
        assertTrue(AgilentFpaImage.recognises(dir.resolve("x.dmt"), new byte[0]));
        assertFalse(AgilentFpaImage.recognises(dir.resolve("lonely.dat"), new byte[16]));
        assertFalse(AgilentFpaImage.recognises(dir.resolve("a.csv"), new byte[16]));
    }

    // ---- bad input: one line naming the file ----

    private BadInputException bad(String file) {
        return assertThrows(BadInputException.class, () -> AgilentFpaImage.open(dir.resolve(file), file).close());
    }

    @Test
    void truncatedSingleTileNamesTheDat() throws IOException {
        AgilentTestFiles.header(dir.resolve("t.bsp"), 3, null, null);
        AgilentTestFiles.tile(dir.resolve("t.dat"), 0, 3, 4);
        byte[] whole = Files.readAllBytes(dir.resolve("t.dat"));
        Files.write(dir.resolve("t.dat"), Arrays.copyOf(whole, whole.length - 40));
        BadInputException e = bad("t.bsp");
        assertEquals("t.dat", e.source());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void truncatedMosaicTileNamesTheTile() throws IOException {
        AgilentTestFiles.header(dir.resolve("m.dmt"), 3, null, null);
        AgilentTestFiles.tile(dir.resolve("m_0000_0000.dmd"), 0, 3, 4);
        AgilentTestFiles.tile(dir.resolve("m_0000_0001.dmd"), 1, 3, 4);
        byte[] whole = Files.readAllBytes(dir.resolve("m_0000_0001.dmd"));
        Files.write(dir.resolve("m_0000_0001.dmd"), Arrays.copyOf(whole, whole.length - 4));
        BadInputException e = bad("m.dmt");
        assertEquals("m_0000_0001.dmd", e.source());
        assertTrue(e.problem().startsWith("truncated"), e.getMessage());
    }

    @Test
    void mosaicWithoutTilesSaysWhereTheyBelong() throws IOException {
        AgilentTestFiles.header(dir.resolve("m.dmt"), 3, null, null);
        Files.write(dir.resolve("other_0000_0000.dmd"), new byte[100]);
        BadInputException e = bad("m.dmt");
        assertEquals("m.dmt", e.source());
        assertTrue(e.problem().contains("no tiles") && e.problem().contains("m_XXXX_YYYY.dmd"), e.getMessage());
    }

    @Test
    void headerWithoutTheSignatureIsRefused() throws IOException {
        AgilentTestFiles.header(dir.resolve("t.bsp"), 3, null, null);
        byte[] header = Files.readAllBytes(dir.resolve("t.bsp"));
        header[0] = 'P';
        Files.write(dir.resolve("t.bsp"), header);
        AgilentTestFiles.tile(dir.resolve("t.dat"), 0, 3, 4);
        BadInputException e = bad("t.dat");
        assertEquals("t.bsp", e.source());
        assertTrue(e.problem().contains("not an Agilent header"), e.getMessage());
    }

    @Test
    void headerCutBeforeTheAxisIsTruncated() throws IOException {
        AgilentTestFiles.header(dir.resolve("t.bsp"), 3, null, null);
        Files.write(dir.resolve("t.bsp"), Arrays.copyOf(Files.readAllBytes(dir.resolve("t.bsp")), 2000));
        AgilentTestFiles.tile(dir.resolve("t.dat"), 0, 3, 4);
        assertTrue(bad("t.bsp").problem().startsWith("truncated"));
    }

    @Test
    void headerWithOnePointIsRefused() throws IOException {
        AgilentTestFiles.header(dir.resolve("t.bsp"), 1, null, null);
        AgilentTestFiles.tile(dir.resolve("t.dat"), 0, 1, 4);
        assertTrue(bad("t.bsp").problem().contains("1 points"));
    }

    @Test
    void tileWithoutItsDataIsNamed() throws IOException {
        AgilentTestFiles.header(dir.resolve("t.bsp"), 3, null, null);
        BadInputException e = bad("t.bsp");
        assertEquals("t.dat", e.source());
        assertTrue(e.problem().startsWith("no such file"), e.getMessage());
    }
}
