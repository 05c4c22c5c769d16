package io.descatter.spectra.image.mat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.util.OutOfHeap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

class MatImageTest {
    @TempDir
    Path dir;

    private static final WavenumberAxis AXIS = WavenumberAxis.of(1000.5, 1002.25, 1004.0, 1005.75, 1007.5);

    /** Values with every bit used, so that a lossy path (float, text) shows. */
    private static double[] values(int spectra, int points, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[spectra * points];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian() / 3;
        return v;
    }

    private static double[] readAll(MatImage img) {
        double[] v = new double[img.width() * img.height() * img.axis().size()];
        img.readRows(0, img.height(), v, null);
        return v;
    }

    @Test
    void imageRoundTripKeepsValuesAxisShapeGridAndMeta() throws IOException {
        Path out = dir.resolve("img.mat");
        PixelGrid grid = new PixelGrid(-12.5, 40, 5.5, 6.25, "um");
        double[] v = values(6, AXIS.size(), 1);
        String[][] meta = new String[6][];
        for (int i = 0; i < 6; i++) meta[i] = new String[] {"cell " + i, i % 2 == 0 ? "a" : "long label " + i};
        try (MatImageWriter w = MatImageWriter.create(out, AXIS, 3, 2, grid, List.of("id", "2nd label"))) {
            w.write(v, meta, 4); // in two blocks, as a correction writes
            w.write(java.util.Arrays.copyOfRange(v, 4 * AXIS.size(), v.length), new String[][] {meta[4], meta[5]}, 2);
            w.commit();
        }
        try (MatImage img = MatImage.open(out, "img.mat")) {
            assertEquals(AXIS, img.axis());
            assertEquals(3, img.width());
            assertEquals(2, img.height());
            assertEquals(grid, img.grid());
            assertEquals(List.of("id", "m_2nd_label"), img.metaNames());
            double[] back = new double[3 * AXIS.size()];
            String[][] m = new String[3][];
            img.readRows(1, 1, back, m); // the second image row alone
            assertArrayEquals(java.util.Arrays.copyOfRange(v, 3 * AXIS.size(), v.length), back);
            assertArrayEquals(new String[] {"cell 4", "a"}, m[1]);
            assertArrayEquals(new String[] {"cell 5", "long label 5"}, m[2]);
            assertArrayEquals(v, readAll(img));
        }
    }

    @Test
    void plainListRoundTripHasNoGridAndQuasarFindsItsAxis() throws IOException {
        Path out = dir.resolve("list.mat");
        double[] v = values(4, AXIS.size(), 2);
        try (MatImageWriter w = MatImageWriter.create(out, AXIS, 1, 4, null, List.of())) {
            w.write(v, null, 4);
            w.commit();
        }
        try (MatImage img = MatImage.open(out, "list.mat")) {
            assertNull(img.grid());
            assertEquals(1, img.width(), "a plain list: a spectrum per row");
            assertEquals(4, img.height());
            assertArrayEquals(v, readAll(img));
            assertTrue(img.layout().contains("spectra as rows"), img.layout());
        }
    }

    @Test
    void writerLeavesNothingWithoutCommit() throws IOException {
        Path out = dir.resolve("never.mat");
        try (MatImageWriter w = MatImageWriter.create(out, AXIS, 1, 2, null, List.of())) {
            w.write(values(1, AXIS.size(), 3), null, 1);
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void writerRefusesWhatTheHeapCannotHold() {
        WavenumberAxis axis = WavenumberAxis.regular(1000, 1999, 1); // 1000 points, 8000 bytes a spectrum
        long bytes = (long) (0.95 * MatImageWriter.MAX_VARIABLE_BYTES);
        org.junit.jupiter.api.Assumptions.assumeTrue(bytes > MatHeap.SHARE * MatHeap.available(),
                "the test heap holds a 2 GB MAT variable");
        int pixels = (int) (bytes / 8000);
        OutOfHeap e = assertThrows(OutOfHeap.class, () -> MatImageWriter.create(dir.resolve("huge.mat"), axis, pixels,
                1, null, List.of()));
        assertTrue(e.getMessage().contains("write HDF5"), e.getMessage());
        assertTrue(e.getMessage().contains("JAVA_TOOL_OPTIONS=-Xmx"), e.getMessage());
    }

    @Test
    void writerRefusesMoreThanAMatVariableHolds() {
        WavenumberAxis axis = WavenumberAxis.regular(1000, 1999, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatImageWriter.create(
                dir.resolve("huge.mat"), axis, 600, 600, null, List.of()));
        assertTrue(e.getMessage().contains("2 GB a MAT v7 variable holds: write HDF5"), e.getMessage());
    }

    @Test
    void variableNamesAreValidAndUnique() {
        Set<String> taken = new HashSet<>(MatNames.RESERVED);
        assertEquals("id", MatImageWriter.variableName("id", taken));
        assertEquals("id_2", MatImageWriter.variableName("id", taken));
        assertEquals("spectra_2", MatImageWriter.variableName("spectra", taken));
        assertEquals("m_1x", MatImageWriter.variableName("1x", taken));
        assertEquals("cell_type", MatImageWriter.variableName("cell type", taken));
    }

    // ---- layouts the field uses, built with the library ----

    private Path save(String name, MatFile mat) throws IOException {
        Path p = dir.resolve(name);
        Mat5.writeToFile(mat, p.toFile());
        return p;
    }

    private static Matrix matrix(int rows, int cols, double[] rowMajor) {
        Matrix m = Mat5.newMatrix(rows, cols);
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) m.setDouble(r, c, rowMajor[r * cols + c]);
        return m;
    }

    private static Matrix row(double... v) {
        return matrix(1, v.length, v);
    }

    @Test
    void spectraAsColumnsAreToldApartByTheAxisLength() throws IOException {
        double[] v = values(3, AXIS.size(), 4); // 3 spectra
        Matrix byColumns = Mat5.newMatrix(AXIS.size(), 3);
        for (int s = 0; s < 3; s++) for (int b = 0; b < AXIS.size(); b++) byColumns.setDouble(b, s, v[s * AXIS.size() + b]);
        Matrix wn = matrix(AXIS.size(), 1, AXIS.values()); // a column vector
        Path p = save("cols.mat", Mat5.newMatFile().addArray("X", byColumns).addArray("WN", wn));
        try (MatImage img = MatImage.open(p, "cols.mat")) {
            assertEquals(3, img.height());
            assertEquals(AXIS, img.axis());
            assertArrayEquals(v, readAll(img));
            assertTrue(img.layout().contains("spectra as columns"), img.layout());
        }
    }

    @Test
    void firstColumnAxisAsInTwoColumnExports() throws IOException {
        WavenumberAxis axis = WavenumberAxis.regular(1000, 1011, 1);
        double[] table = new double[axis.size() * 2];
        for (int i = 0; i < axis.size(); i++) {
            table[2 * i] = axis.get(i);
            table[2 * i + 1] = 0.01 * i * i;
        }
        Path p = save("two.mat", Mat5.newMatFile().addArray("Mat_1000_4000", matrix(axis.size(), 2, table)));
        try (MatImage img = MatImage.open(p, "two.mat")) {
            assertEquals(axis, img.axis());
            assertEquals(1, img.width());
            assertEquals(0.01 * 121, readAll(img)[11]);
        }
    }

    @Test
    void cubeGivesWidthHeightAndPixelIndices() throws IOException {
        int rows = 2;
        int cols = 3;
        int bands = AXIS.size();
        Matrix cube = Mat5.newMatrix(new int[] {rows, cols, bands});
        double[] v = values(rows * cols, bands, 5);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                for (int b = 0; b < bands; b++) cube.setDouble(new int[] {r, c, b}, v[(r * cols + c) * bands + b]);
            }
        }
        Path p = save("cube.mat", Mat5.newMatFile().addArray("cube", cube).addArray("wavenumbers", row(AXIS.values())));
        try (MatImage img = MatImage.open(p, "cube.mat")) {
            assertEquals(cols, img.width());
            assertEquals(rows, img.height());
            assertEquals(PixelGrid.imageRows(), img.grid(), "no positions: row 0 at the top");
            assertArrayEquals(v, readAll(img));
        }
    }

    @Test
    void meEmscStructWithTextWavenumbersAndIds() throws IOException {
        double[] v = values(2, AXIS.size(), 6);
        Char wn = Mat5.newChar(AXIS.size(), 7);
        for (int b = 0; b < AXIS.size(); b++) {
            String t = String.format(java.util.Locale.ROOT, "%-7s", Double.toString(AXIS.get(b)));
            for (int j = 0; j < 7; j++) wn.setChar(b, j, t.charAt(j));
        }
        Char ids = Mat5.newChar(2, 4);
        "ab  cdef".chars().forEach(new java.util.function.IntConsumer() {
            int i;

            @Override
            public void accept(int ch) {
                ids.setChar(i / 4, i % 4, (char) ch);
                i++;
            }
        });
        Struct spectra = Mat5.newStruct().set("d", matrix(2, AXIS.size(), v)).set("v", wn).set("i", ids);
        Path p = save("memsc.mat", Mat5.newMatFile().addArray("Spectra", spectra));
        try (MatImage img = MatImage.open(p, "memsc.mat")) {
            assertEquals(AXIS, img.axis());
            assertEquals(List.of("id"), img.metaNames());
            double[] back = new double[v.length];
            String[][] m = new String[2][];
            img.readRows(0, 2, back, m);
            assertArrayEquals(v, back);
            assertEquals("ab", m[0][0]);
            assertEquals("cdef", m[1][0]);
        }
    }

    @Test
    void regularMapPositionsMakeAnImage() throws IOException {
        double[] v = values(4, AXIS.size(), 7);
        Path p = save("map.mat", Mat5.newMatFile().addArray("A", matrix(4, AXIS.size(), v))
                .addArray("wn", row(AXIS.values()))
                .addArray("map_x", matrix(4, 1, new double[] {10, 12, 10, 12}))
                .addArray("map_y", matrix(4, 1, new double[] {5, 5, 8, 8})));
        try (MatImage img = MatImage.open(p, "map.mat")) {
            assertEquals(2, img.width());
            assertEquals(2, img.height());
            assertEquals(new PixelGrid(10, 5, 2, 3, ""), img.grid());
            assertEquals(List.of(), img.metaNames());
        }
    }

    @Test
    void quasarMetadataColumnsBesideTheSpectra() throws IOException {
        Char labels = Mat5.newChar(2, 10);
        String[] rows = {"first row ", "second row"};
        for (int i = 0; i < 2; i++) for (int j = 0; j < 10; j++) labels.setChar(i, j, rows[i].charAt(j));
        Path p = save("metas.mat", Mat5.newMatFile().addArray("A", matrix(2, 3, new double[] {5, 6, 7, 4, 5, 6}))
                .addArray("W", row(0, 0.5, 1.0))
                .addArray("M", labels)
                .addArray("N", matrix(2, 1, new double[] {8, 9}))
                .addArray("P", matrix(2, 2, new double[] {11, 12, 21, 22.5})));
        try (MatImage img = MatImage.open(p, "metas.mat")) {
            assertEquals(WavenumberAxis.of(0, 0.5, 1.0), img.axis());
            assertEquals(List.of("M", "N", "P_1", "P_2"), img.metaNames());
            double[] v = new double[6];
            String[][] m = new String[2][];
            img.readRows(0, 2, v, m);
            assertArrayEquals(new double[] {5, 6, 7, 4, 5, 6}, v);
            assertArrayEquals(new String[] {"first row", "8", "11", "12"}, m[0]);
            assertArrayEquals(new String[] {"second row", "9", "21", "22.5"}, m[1]);
        }
    }

    /** Sample names as MATLAB keeps them most often ({'cell 1'; 'cell 2'}) and as scipy.io.savemat writes a list. */
    @Test
    void cellArraysOfStringsAreMetadataEitherWayRound() throws IOException {
        us.hebi.matlab.mat.types.Cell column = Mat5.newCell(2, 1);
        column.set(0, Mat5.newString("cell 1"));
        column.set(1, Mat5.newString("épithélium"));
        us.hebi.matlab.mat.types.Cell row = Mat5.newCell(1, 2);
        row.set(0, Mat5.newString("a"));
        row.set(1, Mat5.newChar(0, 0)); // an empty text
        us.hebi.matlab.mat.types.Cell notTexts = Mat5.newCell(2, 1);
        notTexts.set(0, Mat5.newString("x"));
        notTexts.set(1, matrix(1, 1, new double[] {3}));
        Path p = save("cells.mat", Mat5.newMatFile().addArray("A", matrix(2, 3, new double[] {5, 6, 7, 4, 5, 6}))
                .addArray("W", row(0, 0.5, 1.0))
                .addArray("ids", column)
                .addArray("labels", row)
                .addArray("mixed", notTexts));
        try (MatImage img = MatImage.open(p, "cells.mat")) {
            assertEquals(List.of("ids", "labels"), img.metaNames()); // a cell with a number in it is left out
            double[] v = new double[6];
            String[][] m = new String[2][];
            img.readRows(0, 2, v, m);
            assertArrayEquals(new String[] {"cell 1", "a"}, m[0]);
            assertArrayEquals(new String[] {"épithélium", ""}, m[1]);
        }
    }

    @Test
    void anUnnamedVectorMatchingTheSpectraCountIsMetadataNotAnAxis() throws IOException {
        Path p = save("n.mat", Mat5.newMatFile().addArray("A", matrix(2, 3, values(2, 3, 14)))
                .addArray("N", matrix(2, 1, new double[] {8, 9})));
        BadInputException e = assertThrows(BadInputException.class, () -> MatImage.open(p, "n.mat"));
        assertTrue(e.getMessage().contains("no wavenumber vector"), e.getMessage());
    }

    // ---- bad input ----

    @Test
    void axisOfTheWrongLengthNamesTheVariable() throws IOException {
        Path p = save("wrong.mat", Mat5.newMatFile().addArray("A", matrix(2, 5, values(2, 5, 8)))
                .addArray("wn", row(1, 2, 3, 4)));
        BadInputException e = assertThrows(BadInputException.class, () -> MatImage.open(p, "wrong.mat"));
        assertEquals("wrong.mat", e.source());
        assertEquals("wrong.mat: variable 'wn' has 4 wavenumbers but 'A' (2 x 5 double) has no dimension of that length",
                e.getMessage());
    }

    @Test
    void axisThatIsNotNumericNamesTheVariable() throws IOException {
        Path p = save("cell.mat", Mat5.newMatFile().addArray("A", matrix(2, 5, values(2, 5, 9)))
                .addArray("wavenumbers", Mat5.newCell(1, 5)));
        BadInputException e = assertThrows(BadInputException.class, () -> MatImage.open(p, "cell.mat"));
        assertTrue(e.getMessage().startsWith("cell.mat: variable 'wavenumbers' (1 x 5 cell) is not a numeric vector"),
                e.getMessage());
    }

    @Test
    void unorderedAxisNamesTheVariable() throws IOException {
        Path p = save("order.mat", Mat5.newMatFile().addArray("A", matrix(2, 3, values(2, 3, 10)))
                .addArray("wn", row(1000, 1002, 1001)));
        BadInputException e = assertThrows(BadInputException.class, () -> MatImage.open(p, "order.mat"));
        assertTrue(e.getMessage().contains("variable 'wn': wavenumber 1001.0 at position 3"), e.getMessage());
    }

    @Test
    void missingAxisSaysWhatWasLookedFor() throws IOException {
        Path p = save("noaxis.mat", Mat5.newMatFile().addArray("A", matrix(2, 3, values(2, 3, 11))));
        BadInputException e = assertThrows(BadInputException.class, () -> MatImage.open(p, "noaxis.mat"));
        assertEquals("noaxis.mat: no wavenumber vector for 'A' (2 x 3 double): no variable named"
                + " wavenumbers/wavenumber/wn/wavenums/xaxis/axis/x/v/w with 3 values (or 2 for spectra as columns),"
                + " no other ordered numeric vector of 3 values, and no first row or column of at least 10 ordered"
                + " wavenumbers", e.getMessage());
    }

    @Test
    void noNumericVariable() throws IOException {
        Path p = save("text.mat", Mat5.newMatFile().addArray("note", Mat5.newString("hello")));
        BadInputException e = assertThrows(BadInputException.class, () -> MatImage.open(p, "text.mat"));
        assertTrue(e.getMessage().contains("no numeric variable"), e.getMessage());
    }

    @Test
    void imageStructThatContradictsTheSpectra() throws IOException {
        Path p = save("shape.mat", Mat5.newMatFile().addArray("spectra", matrix(4, 5, values(4, 5, 12)))
                .addArray("wavenumbers", row(AXIS.values()))
                .addArray("image", Mat5.newStruct().set("width", Mat5.newScalar(3)).set("height", Mat5.newScalar(2))));
        BadInputException e = assertThrows(BadInputException.class, () -> MatImage.open(p, "shape.mat"));
        assertTrue(e.getMessage().contains("'image' says 3 x 2 pixels, but there are 4 spectra"), e.getMessage());
    }

    @Test
    void truncatedFileIsOneClearLine() throws IOException {
        Path whole = dir.resolve("whole.mat");
        try (MatImageWriter w = MatImageWriter.create(whole, AXIS, 1, 50, null, List.of())) {
            w.write(values(50, AXIS.size(), 13), null, 50);
            w.commit();
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.mat"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        BadInputException e = assertThrows(BadInputException.class, () -> MatImage.open(cut, "cut.mat"));
        assertTrue(e.getMessage().startsWith("cut.mat: not a readable MAT v5 file, truncated or damaged"), e.getMessage());
    }

    @Test
    void v73FilesAreRefusedWithWhatToDo() throws IOException {
        byte[] header = new byte[512];
        byte[] text = "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 ."
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        header[124] = 0;
        header[125] = 2;
        header[126] = 'I';
        header[127] = 'M';
        Path p = Files.write(dir.resolve("v73.mat"), header);
        assertTrue(MatImage.recognises(p, header));
        BadInputException e = assertThrows(BadInputException.class, () -> MatImage.open(p, "v73.mat"));
        assertTrue(e.getMessage().contains("v7.3") && e.getMessage().contains("-v7"), e.getMessage());
    }

    @Test
    void recognisesByHeaderNotByName() {
        byte[] csv = "id,1000,1002\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertFalse(MatImage.recognises(Path.of("x.mat"), csv));
        byte[] other = new byte[128];
        other[124] = 0;
        other[125] = 1;
        other[126] = 'I';
        other[127] = 'M';
        assertTrue(MatImage.recognises(Path.of("x.bin"), other));
    }
}
