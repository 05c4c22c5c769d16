package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output file holds exactly the bytes written, whatever their count relative to the device block (O_DIRECT
 * writes whole blocks and cuts the file at the end) and to the stream's 8 MB buffer; nothing appears without a
 * commit; the ordinary stream, used where a file system refuses O_DIRECT, gives the same.
 */
class OutputTargetTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static void writeInPieces(OutputStream out, byte[] data, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int p = 0;
        while (p < data.length) {
            if (random.nextInt(10) == 0) {
                out.write(data[p++]);
                continue;
            }
            int n = Math.min(data.length - p, random.nextInt(1, 3_000_000));
            out.write(data, p, n);
            p += n;
        }
    }

    private void roundTrip(Path folder, int size) throws IOException {
        byte[] data = bytes(size, size);
        Path file = folder.resolve("out-" + size + ".csv");
        try (OutputTarget target = OutputTarget.of(file.toString())) {
            writeInPieces(target.openStream(), data, size);
            target.commit();
        }
        assertArrayEquals(data, Files.readAllBytes(file), "size " + size);
    }

    @Test
    void exactBytesAroundBlockAndBufferBoundaries() throws IOException {
        int buffer = 8 << 20;
        for (int size : new int[] {0, 1, 4095, 4096, 4097, 65_537, buffer - 1, buffer, buffer + 1, 2 * buffer + 4097}) {
            roundTrip(dir, size);
        }
    }

    /**
     * The block logic itself (whole blocks, the padded last one, the cut to length) on an ordinary channel: the tests
     * above take the O_DIRECT path only where the temporary folder's file system allows it (ext4 here; not tmpfs).
     */
    @Test
    void blockWritesPadAndCutToTheExactLength() throws IOException {
        int buffer = 8 << 20;
        for (int block : new int[] {4096, 65_536}) {
            for (int size : new int[] {0, 1, block - 1, block, block + 1, buffer - 1, buffer + block + 1}) {
                byte[] data = bytes(size, size + block);
                Path file = Files.createFile(dir.resolve("blocks-" + block + "-" + size));
                try (OutputStream out = OutputTarget.DirectFileStream.withoutODirect(file, block)) {
                    writeInPieces(out, data, size);
                }
                assertArrayEquals(data, Files.readAllBytes(file), "block " + block + ", size " + size);
            }
        }
    }

    @Test
    void theOrdinaryStreamWhereDirectWritesAreRefused() throws IOException {
        for (int size : new int[] {0, 4097, (8 << 20) + 1}) {
            byte[] data = bytes(size, size);
            Path file = Files.createFile(dir.resolve("plain-" + size));
            try (OutputStream out = OutputTarget.DirectFileStream.open(file, false)) {
                writeInPieces(out, data, size);
            }
            assertArrayEquals(data, Files.readAllBytes(file), "size " + size);
        }
    }

    @Test
    void closingTwiceChangesNothing() throws IOException {
        byte[] data = bytes(10_000, 3);
        Path file = Files.createFile(dir.resolve("twice"));
        OutputStream out = OutputTarget.DirectFileStream.open(file);
        out.write(data);
        out.close();
        out.close();
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void gzipThroughTheSameStream() throws IOException {
        byte[] data = bytes(3_000_001, 5);
        Path file = dir.resolve("out.csv.gz");
        try (OutputTarget target = OutputTarget.of(file.toString())) {
            target.openStream().write(data);
            target.commit();
        }
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void withoutCommitNothingIsLeft() throws IOException {
        Path file = dir.resolve("never.csv");
        try (OutputTarget target = OutputTarget.of(file.toString())) {
            target.openStream().write(bytes(5_000_000, 9));
        }
        assertFalse(Files.exists(file));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the temporary file must go too");
        }
    }
}
