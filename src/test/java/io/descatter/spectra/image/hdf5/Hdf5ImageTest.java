package io.descatter.spectra.image.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5ImageTest {
    @TempDir
    Path dir;

    private static final WavenumberAxis AXIS = WavenumberAxis.of(3999.5, 3997.25, 3995.0, 3992.75);

    /** float32 values (the writer's precision) with every bit of the float used. */
    private static double[] values(int spectra, int points, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[spectra * points];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextGaussian() / 3);
        return v;
    }

    private static double[] readAll(Hdf5Image img) {
        double[] v = new double[img.width() * img.height() * img.axis().size()];
        img.readRows(0, img.height(), v, null);
        return v;
    }

    private Path writeImage(String name, int width, int height, PixelGrid grid, double[] v, List<String> metaNames,
                            String[][] meta) throws IOException {
        Path out = dir.resolve(name);
        try (Hdf5ImageWriter w = Hdf5ImageWriter.create(out, AXIS, width, height, grid, metaNames)) {
            int half = width * height / 2;
            int points = AXIS.size();
            w.write(Arrays.copyOf(v, half * points), meta == null ? null : Arrays.copyOf(meta, half), half);
            w.write(Arrays.copyOfRange(v, half * points, v.length),
                    meta == null ? null : Arrays.copyOfRange(meta, half, meta.length), width * height - half);
            w.commit();
        }
        return out;
    }

    @Test
    void cubeRoundTripKeepsValuesAxisShapeGridAndMeta() throws IOException {
        PixelGrid grid = new PixelGrid(100, -20, 6.25, 5.5, "um");
        double[] v = values(12, AXIS.size(), 1);
        String[][] meta = new String[12][];
        for (int i = 0; i < 12; i++) meta[i] = new String[] {"pixel " + i};
        Path out = writeImage("img.h5", 4, 3, grid, v, List.of("label"), meta);
        byte[] head = Arrays.copyOf(Files.readAllBytes(out), 16);
        assertTrue(Hdf5Image.recognises(out, head));
        try (Hdf5Image img = Hdf5Image.open(out, "img.h5")) {
            assertEquals(AXIS, img.axis());
            assertEquals(4, img.width());
            assertEquals(3, img.height());
            assertEquals(grid, img.grid());
            assertEquals(List.of("label"), img.metaNames());
            assertArrayEquals(v, readAll(img));
            double[] row = new double[4 * AXIS.size()];
            String[][] m = new String[4][];
            img.readRows(2, 1, row, m); // the last row alone
            assertArrayEquals(Arrays.copyOfRange(v, 8 * AXIS.size(), v.length), row);
            assertEquals("pixel 9", m[1][0]);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList()); // no temporary or raw file left beside it
        }
    }

    @Test
    void listRoundTripReadsInSlices() throws IOException {
        int n = Hdf5Image.LIST_SLICE + 7;
        double[] v = values(n, AXIS.size(), 2);
        Path out = writeImage("list.h5", 1, n, null, v, List.of(), null);
        try (Hdf5Image img = Hdf5Image.open(out, "list.h5")) {
            assertNull(img.grid());
            assertEquals(1, img.width(), "a plain list: a spectrum per row");
            assertEquals(n, img.height());
            assertArrayEquals(v, readAll(img));
            // a block of rows from the middle, across a slice boundary
            double[] block = new double[10 * AXIS.size()];
            img.readRows(Hdf5Image.LIST_SLICE - 3, 10, block, null);
            assertArrayEquals(Arrays.copyOfRange(v, (Hdf5Image.LIST_SLICE - 3) * AXIS.size(), (Hdf5Image.LIST_SLICE + 7) * AXIS.size()), block);
        }
    }

    @Test
    void nothingIsLeftWithoutCommit() throws IOException {
        try (Hdf5ImageWriter w = Hdf5ImageWriter.create(dir.resolve("never.h5"), AXIS, 1, 2, null, List.of())) {
            w.write(values(1, AXIS.size(), 3), null, 1);
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void float64MatrixWrittenByAnotherProgram() throws IOException {
        Path p = dir.resolve("other.h5");
        double[][] spectra = {{1.5, 2.5, 3.5, 4.5}, {0.1, 0.2, 0.3, 0.4}};
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putDataset("spectra", spectra);
            f.putDataset("wavenumbers", new float[] {1000, 1002, 1004, 1006});
        }
        try (Hdf5Image img = Hdf5Image.open(p, "other.h5")) {
            assertEquals(WavenumberAxis.of(1000, 1002, 1004, 1006), img.axis());
            assertArrayEquals(new double[] {1.5, 2.5, 3.5, 4.5, 0.1, 0.2, 0.3, 0.4}, readAll(img));
        }
    }

    @Test
    void cubeWithMapVectorsInsteadOfAttributes() throws IOException {
        Path p = dir.resolve("map.h5");
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putDataset("cube", new double[2][3][4]);
            f.putDataset("wavenumbers", AXIS.values());
            f.putDataset("map_x", new double[] {10, 12.5, 15});
            f.putDataset("map_y", new double[] {-3, 1});
        }
        try (Hdf5Image img = Hdf5Image.open(p, "map.h5")) {
            assertEquals(new PixelGrid(10, -3, 2.5, 4, ""), img.grid());
        }
    }

    // ---- bad input ----

    private Path hdf5(String name, Object spectra, Object wavenumbers) throws IOException {
        Path p = dir.resolve(name);
        try (WritableHdfFile f = HdfFile.write(p)) {
            if (spectra != null) f.putDataset("spectra", spectra);
            if (wavenumbers != null) f.putDataset("wavenumbers", wavenumbers);
        }
        return p;
    }

    @Test
    void missingWavenumbers() throws IOException {
        Path p = hdf5("nown.h5", new double[2][4], null);
        BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Image.open(p, "nown.h5"));
        assertEquals("nown.h5: no /wavenumbers dataset beside /spectra (2 x 4 double)", e.getMessage());
    }

    @Test
    void wavenumbersOfTheWrongLength() throws IOException {
        Path p = hdf5("short.h5", new double[2][4], new double[] {1, 2, 3});
        BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Image.open(p, "short.h5"));
        assertEquals("short.h5: dataset /wavenumbers has 3 values but /spectra (2 x 4 double) has 4 points per spectrum",
                e.getMessage());
    }

    @Test
    void noSpectraDataset() throws IOException {
        Path p = hdf5("empty.h5", null, new double[] {1, 2, 3});
        BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Image.open(p, "empty.h5"));
        assertTrue(e.getMessage().contains("no /cube (rows x columns x bands) or /spectra"), e.getMessage());
    }

    @Test
    void spectraOfTheWrongShape() throws IOException {
        Path p = hdf5("flat.h5", new double[8], new double[] {1, 2, 3});
        BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Image.open(p, "flat.h5"));
        assertTrue(e.getMessage().contains("dataset /spectra (8 double) is not a 2-D matrix"), e.getMessage());
    }

    @Test
    void truncatedFileIsOneClearLine() throws IOException {
        Path whole = writeImage("whole.h5", 8, 8, PixelGrid.indices(), values(64, AXIS.size(), 4), List.of(), null);
        byte[] bytes = Files.readAllBytes(whole);
        for (int keep : new int[] {bytes.length - 100, bytes.length / 2, 40}) {
            Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(bytes, keep));
            BadInputException e = assertThrows(BadInputException.class, () -> {
                try (Hdf5Image img = Hdf5Image.open(cut, "cut.h5")) {
                    readAll(img);
                }
            }, "kept " + keep + " bytes");
            assertTrue(e.getMessage().startsWith("cut.h5: "), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void truncationIsToldFromTheLengthTheHeaderRecords() throws IOException {
        Path whole = writeImage("whole.h5", 2, 2, null, values(4, AXIS.size(), 5), List.of(), null);
        long size = Files.size(whole);
        Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(Files.readAllBytes(whole), (int) size - 1));
        BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Image.open(cut, "cut.h5"));
        assertEquals("cut.h5: truncated: the HDF5 header says the file is " + size + " bytes long, but it has "
                + (size - 1), e.getMessage());
    }

    @Test
    void notAnHdf5File() throws IOException {
        Path p = Files.writeString(dir.resolve("text.h5"), "id,1000,1002\n");
        BadInputException e = assertThrows(BadInputException.class, () -> Hdf5Image.open(p, "text.h5"));
        assertEquals("text.h5: not an HDF5 file (no HDF5 signature)", e.getMessage());
    }

    @Test
    void recognisesTheSignatureNotAMatlabHeader() {
        byte[] hdf = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0};
        assertTrue(Hdf5Image.recognises(Path.of("x"), hdf));
        byte[] userBlock = new byte[600];
        System.arraycopy(hdf, 0, userBlock, 512, 8);
        assertTrue(Hdf5Image.recognises(Path.of("x"), userBlock));
        byte[] v73 = userBlock.clone();
        System.arraycopy("MATLAB 7.3 MAT-file".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, v73, 0, 19);
        assertFalse(Hdf5Image.recognises(Path.of("x.mat"), v73));
        assertFalse(Hdf5Image.recognises(Path.of("x.h5"), "id,1000\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
}
