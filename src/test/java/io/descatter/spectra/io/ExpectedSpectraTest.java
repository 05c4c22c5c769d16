package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.SpectraChunk;
import io.descatter.testing.SpectraFixtures;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The total a progress bar in spectra shows: estimated from the share of a file the spectra read so far take up,
 * close from the first block on (the reader's read-ahead does not make it low), exact at the end.
 */
class ExpectedSpectraTest {
    @TempDir
    Path dir;

    @Test
    void aWideFilesEstimateIsCloseFromTheFirstBlockAndExactAtTheEnd() throws Exception {
        int n = 2000;
        Path file = SpectraFixtures.write(dir, "wide.csv", SpectraFixtures.wide(n, 200, 1)); // several MB: read in parts
        try (SpectraReader reader = SpectraReader.open(file.toString(), ReadOptions.defaults())) {
            SpectraChunk chunk = reader.newChunk(100);
            long done = 0;
            int r;
            while ((r = reader.read(chunk)) > 0) {
                done += r;
                long expected = reader.expectedSpectra();
                assertTrue(Math.abs(expected - n) <= 0.02 * n, done + " read, " + expected + " expected");
            }
            assertEquals(n, reader.expectedSpectra());
        }
    }

    @Test
    void aColumnarFileIsCountedWhole() throws Exception {
        Path file = SpectraFixtures.write(dir, "col.csv", "wn,a,b,c\n1000,1,2,3\n1002,1,2,3\n1004,1,2,3\n");
        try (SpectraReader reader = SpectraReader.open(file.toString(), ReadOptions.defaults())) {
            assertEquals(3, reader.expectedSpectra());
        }
    }

    @Test
    void standardInputHasNoTotalUntilItsEnd() throws Exception {
        InputStream before = System.in;
        try {
            System.setIn(new ByteArrayInputStream(SpectraFixtures.wide(15, 20, 2).getBytes(StandardCharsets.UTF_8)));
            try (SpectraReader reader = SpectraReader.open("-", ReadOptions.defaults())) {
                SpectraChunk chunk = reader.newChunk(10);
                reader.read(chunk);
                assertEquals(-1, reader.expectedSpectra());
                reader.read(chunk);
                assertEquals(15, reader.expectedSpectra());
            }
        } finally {
            System.setIn(before);
        }
    }
}
