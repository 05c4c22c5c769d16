package io.descatter.spectra.image.opus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.BadInputException;
import io.descatter.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpusSpectraTest {
    @TempDir
    Path dir;

    private static double[] read(OpusSpectra spectra) throws IOException {
        double[] values = new double[spectra.height() * spectra.axis().size()];
        spectra.readRows(0, spectra.height(), values, null);
        return values;
    }

    private Path file(OpusTestFile opus) throws IOException {
        return opus.write(dir.resolve("s.0"));
    }

    private static OpusTestFile withSampleBlocks() {
        return new OpusTestFile()
                .parameters(0x20, Map.of("INS", "IFS66V/S"))
                .floats(OpusTestFile.SAMPLE_SINGLE_CHANNEL, 9, 9, 9)
                .parameters(OpusTestFile.status(OpusTestFile.SAMPLE_SINGLE_CHANNEL), OpusTestFile.axis(3, 4000, 3996));
    }

    // ---- the real file (../shared/data/formats/opus, from orange-spectroscopy) ----

    @Test
    void peachJuiceHoldsReflectanceNotAbsorbanceAndIsRefusedSayingSo() throws IOException {
        Path opus = SharedData.assumePresent("formats", "opus", "peach_juice.0");
        assertTrue(OpusSpectra.recognises(opus, Files.readAllBytes(opus)));
        BadInputException e = assertThrows(BadInputException.class, () -> OpusSpectra.open(opus, "peach_juice.0"));
        assertEquals("peach_juice.0", e.source());
        assertTrue(e.problem().startsWith("no absorbance (AB) block"), e.getMessage());
        assertTrue(e.problem().contains("reflectance (result)") && e.problem().contains("interferogram (sample)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void peachJuiceResultBlockHasTheKnownAxisAndMatchesItsExport() throws IOException {
        Path opus = SharedData.assumePresent("formats", "opus", "peach_juice.0");
        Path dpt = SharedData.assumePresent("formats", "opus", "peach_juice.dpt");
        try (OpusSpectra spectra = OpusSpectra.open(opus, "peach_juice.0", 12)) { // 12: reflectance
            assertEquals(1816, spectra.axis().size());
            assertEquals(4000.116, spectra.axis().get(0), 1e-3);
            assertEquals(499.532, spectra.axis().get(1815), 1e-3);
            assertEquals(3994.330, spectra.axis().get(3), 1e-3);
            double[] values = read(spectra);
            assertEquals(0.906561, values[3], 1e-5);
            List<String> lines = Files.readAllLines(dpt).subList(0, 1816); // comment lines follow the table
            for (int i = 0; i < lines.size(); i++) {
                String[] cells = lines.get(i).trim().split("\\s+");
                assertEquals(Double.parseDouble(cells[0]), spectra.axis().get(i), 1e-4, "x " + i);
                assertEquals(Double.parseDouble(cells[1]), values[i], 1e-5, "y " + i); // the export has 5 decimals
            }
        }
    }

    // ---- synthetic files written from the documented layout ----

    @Test
    void singleSpectrumIsAListOfOneWithTheAxisOfItsDataStatus() throws IOException {
        Path f = file(withSampleBlocks()
                .floats(OpusTestFile.AB, 0.5f, 0.25f, 0.125f, 1f, 2f)
                .parameters(OpusTestFile.status(OpusTestFile.AB), OpusTestFile.axis(5, 4000, 3992)));
        try (OpusSpectra spectra = OpusSpectra.open(f, "s.0")) {
            assertEquals(1, spectra.width());
            assertEquals(1, spectra.height());
            assertNull(spectra.grid());
            assertArrayEquals(new double[] {4000, 3998, 3996, 3994, 3992}, spectra.axis().values(), 1e-12);
            assertArrayEquals(new double[] {0.5, 0.25, 0.125, 1, 2}, read(spectra));
            assertEquals("absorbance (result)", spectra.block());
        }
    }

    @Test
    void scaleAndIntegerDataFollowTheDataStatus() throws IOException {
        Map<String, Object> status = OpusTestFile.axis(3, 1000, 1004);
        status.put("CSF", 0.5);
        status.put("DPF", 2);
        Path f = file(new OpusTestFile().ints(OpusTestFile.AB, 2, 4, 16_777_217).parameters(OpusTestFile.status(OpusTestFile.AB), status));
        try (OpusSpectra spectra = OpusSpectra.open(f, "s.0")) {
            assertArrayEquals(new double[] {1, 2, 8_388_608.5}, read(spectra));
        }
    }

    @Test
    void ofSeveralAbsorbanceBlocksTheLastIsReadWithTheStatusWhoseExtremesItHas() throws IOException {
        Map<String, Object> older = OpusTestFile.axis(3, 4000, 3996);
        older.put("MNY", 1.0);
        older.put("MXY", 3.0);
        Map<String, Object> newer = OpusTestFile.axis(3, 3000, 2996);
        newer.put("MNY", 0.25);
        newer.put("MXY", 0.75);
        // the newer block's status comes first in the file: pairing by extremes, not by order
        Path f = file(new OpusTestFile()
                .parameters(OpusTestFile.status(OpusTestFile.AB), newer)
                .floats(OpusTestFile.AB, 1, 2, 3)
                .parameters(OpusTestFile.status(OpusTestFile.AB) | 1 << 30, older)
                .floats(OpusTestFile.AB | 1 << 30, 0.25f, 0.5f, 0.75f));
        try (OpusSpectra spectra = OpusSpectra.open(f, "s.0")) {
            assertArrayEquals(new double[] {0.25, 0.5, 0.75}, read(spectra));
            assertEquals(3000, spectra.axis().get(0));
        }
    }

    @Test
    void compactCopyKeepsItsValuesAtTheEnd() throws IOException {
        Path f = file(new OpusTestFile()
                .compact(OpusTestFile.AB, 5, 7, 8, 9)
                .parameters(OpusTestFile.status(OpusTestFile.AB) | OpusTestFile.COMPACT, OpusTestFile.axis(3, 1000, 1010)));
        try (OpusSpectra spectra = OpusSpectra.open(f, "s.0")) {
            assertArrayEquals(new double[] {7, 8, 9}, read(spectra));
        }
    }

    @Test
    void seriesIsAListOfItsSpectra() throws IOException {
        Path f = file(new OpusTestFile()
                .series(OpusTestFile.AB, 152, new float[] {1, 2}, new float[] {3, 4}, new float[] {5, 6})
                .parameters(OpusTestFile.status(OpusTestFile.AB) | OpusTestFile.SERIES, OpusTestFile.axis(2, 1000, 1002)));
        try (OpusSpectra spectra = OpusSpectra.open(f, "s.0")) {
            assertEquals(1, spectra.width(), "a list: a spectrum per row");
            assertEquals(3, spectra.height());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, read(spectra));
            double[] last = new double[2];
            spectra.readRows(2, 1, last, null);
            assertArrayEquals(new double[] {5, 6}, last, "rows read on their own");
            assertEquals("absorbance series (result)", spectra.block());
        }
    }

    @Test
    void recognisesTheMagicBytesOnly() throws IOException {
        byte[] opus = new OpusTestFile().floats(OpusTestFile.AB, 1).bytes();
        assertTrue(OpusSpectra.recognises(Path.of("x.csv"), Arrays.copyOf(opus, 16)));
        assertFalse(OpusSpectra.recognises(Path.of("x.0"), "id,1000\n".getBytes()));
        assertFalse(OpusSpectra.recognises(Path.of("x.0"), new byte[2]));
    }

    // ---- bad input: one line naming the file ----

    private BadInputException bad(byte[] content) throws IOException {
        Path f = Files.write(dir.resolve("bad.0"), content);
        BadInputException e = assertThrows(BadInputException.class, () -> OpusSpectra.open(f, "bad.0").close());
        assertEquals("bad.0", e.source());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    private static OpusTestFile good() {
        return withSampleBlocks()
                .floats(OpusTestFile.AB, 1, 2, 3, 4)
                .parameters(OpusTestFile.status(OpusTestFile.AB), OpusTestFile.axis(4, 4000, 3994));
    }

    @Test
    void wrongMagicIsNotOpus() throws IOException {
        byte[] b = good().bytes();
        b[2] = 0;
        assertTrue(bad(b).problem().startsWith("not an OPUS file: it starts with 0A 0A 00 FE"));
    }

    @Test
    void truncatedFileSaysSo() throws IOException {
        byte[] b = good().bytes();
        assertTrue(bad(Arrays.copyOf(b, b.length - 60)).problem().startsWith("truncated"));
        assertTrue(bad(Arrays.copyOf(b, 10)).problem().startsWith("truncated"));
        assertTrue(bad(Arrays.copyOf(b, 30)).problem().startsWith("truncated"), "cut in the directory");
    }

    @Test
    void fileWithoutAbsorbanceListsItsBlocksAndWhatToDo() throws IOException {
        BadInputException e = bad(withSampleBlocks()
                .floats(OpusTestFile.REFLECTANCE, 1, 2, 3)
                .parameters(OpusTestFile.status(OpusTestFile.REFLECTANCE), OpusTestFile.axis(3, 4000, 3996))
                .bytes());
        assertEquals("no absorbance (AB) block; the file holds single channel (sample), reflectance (result):"
                + " convert the spectrum to absorbance in OPUS and save it (or export the absorbance)", e.problem());
    }

    @Test
    void dataStatusAskingForMorePointsThanTheBlockHolds() throws IOException {
        byte[] b = new OpusTestFile().floats(OpusTestFile.AB, 1, 2)
                .parameters(OpusTestFile.status(OpusTestFile.AB), OpusTestFile.axis(5, 4000, 3992)).bytes();
        assertTrue(bad(b).problem().contains("NPT = 5"));
    }

    @Test
    void absorbanceWithoutDataStatus() throws IOException {
        assertTrue(bad(new OpusTestFile().floats(OpusTestFile.AB, 1, 2).bytes()).problem().contains("no data-status"));
    }

    @Test
    void xValuesThatAreNotWavenumbers() throws IOException {
        Map<String, Object> status = OpusTestFile.axis(2, 2.5, 25);
        status.put("DXU", "MI");
        byte[] b = new OpusTestFile().floats(OpusTestFile.AB, 1, 2).parameters(OpusTestFile.status(OpusTestFile.AB), status).bytes();
        assertTrue(bad(b).problem().contains("in MI, not wavenumbers"));
    }
}
