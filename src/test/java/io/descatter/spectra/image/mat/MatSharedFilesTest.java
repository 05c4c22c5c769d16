package io.descatter.spectra.image.mat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real MAT files from ../shared/data/formats/matlab (ME-EMSC's and Quasar's), checked against the team's CSVs. */
class MatSharedFilesTest {

    private static double[] all(MatImage img) {
        double[] v = new double[img.width() * img.height() * img.axis().size()];
        img.readRows(0, img.height(), v, null);
        return v;
    }

    /** The first {@code lines} lines of a CSV, split at commas. */
    private static List<String[]> csv(Path p, int lines) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(p)) {
            return r.lines().limit(lines).map(l -> l.split(",")).toList();
        }
    }

    @Test
    void measuredSpectraStructMatchesTheCsv() throws IOException {
        Path mat = SharedData.assumePresent("formats", "matlab", "measuredSpectra.mat");
        Path csv = SharedData.assumePresent("memsc", "measured_spectra.csv");
        List<String[]> rows = csv(csv, 3);
        try (MatImage img = MatImage.open(mat, "measuredSpectra.mat")) {
            assertEquals(1, img.width());
            assertEquals(60, img.height());
            assertNull(img.grid());
            assertEquals(1556, img.axis().size());
            assertEquals(List.of("id"), img.metaNames());
            double[] header = Arrays.stream(rows.get(0), 1, rows.get(0).length).mapToDouble(Double::parseDouble).toArray();
            assertEquals(WavenumberAxis.of(header), img.axis()); // the MAT's text wavenumbers are the CSV header's
            double[] v = new double[60 * 1556];
            String[][] meta = new String[60][];
            img.readRows(0, 60, v, meta);
            for (int s = 0; s < 2; s++) {
                String[] line = rows.get(s + 1);
                assertEquals(line[0], meta[s][0]);
                for (int b : new int[] {0, 1, 2, 777, 1555}) {
                    assertEquals(Double.parseDouble(line[b + 1]), v[s * 1556 + b], "spectrum " + s + " band " + b);
                }
            }
            assertTrue(img.layout().startsWith("ME-EMSC struct 'Spectra'"), img.layout());
        }
    }

    @Test
    void matrigelTwoColumnMatrixMatchesTheCsv() throws IOException {
        Path mat = SharedData.assumePresent("formats", "matlab", "MatrigelSpectrum.mat");
        Path csv = SharedData.assumePresent("memsc", "matrigel_reference.csv");
        List<String[]> rows = csv(csv, 4);
        try (MatImage img = MatImage.open(mat, "MatrigelSpectrum.mat")) {
            assertEquals(1, img.width());
            assertEquals(3001, img.axis().size());
            assertEquals(1000.0, img.axis().get(0));
            assertEquals(4000.0, img.axis().get(3000));
            double[] v = all(img);
            for (int i = 0; i < 3; i++) {
                assertEquals(Double.parseDouble(rows.get(i + 1)[0]), img.axis().get(i));
                assertEquals(Double.parseDouble(rows.get(i + 1)[1]), v[i]);
            }
        }
    }

    @Test
    void quasarWavenumbersFile() throws IOException {
        Path mat = SharedData.assumePresent("formats", "matlab", "wavenumbers.mat");
        try (MatImage img = MatImage.open(mat, "wavenumbers.mat")) {
            assertEquals(WavenumberAxis.of(0, 0.5, 1.0), img.axis());
            assertArrayEquals(new double[] {5, 6, 7, 4, 5, 6}, all(img));
        }
    }

    @Test
    void quasarFilesWithoutWavenumbersAreRefusedClearly() {
        for (String name : new String[] {"simple.mat", "metas_mixed.mat"}) {
            Path mat = SharedData.assumePresent("formats", "matlab", name);
            BadInputException e = assertThrows(BadInputException.class, () -> MatImage.open(mat, name));
            assertTrue(e.getMessage().startsWith(name + ": no wavenumber vector for 'A' (2 x 3 double)"), e.getMessage());
        }
    }
}
