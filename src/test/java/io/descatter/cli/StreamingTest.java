package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with the number of spectra: a separate JVM with a 48 MB heap converts 8,000 spectra of
 * 1,556 points (12.4 million values, 100 MB as doubles, 150 MB of text) from standard input to standard output.
 * Holding them would need twice that heap, so the run only succeeds if reading and writing stream. And {@code correct}
 * sizes its batches in flight to the heap: 3,000 spectra on an axis that is not the model's (each batch of 1,024 then
 * holds its text, its parsed values, the resampled copy and the output, about 80 MB, five of them in flight with two
 * threads) correct under a 256 MB heap.
 */
class StreamingTest {
    static final int SPECTRA = 8_000;
    static final int POINTS = 1_556;

    @TempDir
    Path dir;

    @Test
    void convertStreamsThroughASmallHeap() throws Exception {
        Process p = fork("-Xmx48m", "convert", "-", "-o", "-", "--layout", "quasar");
        CompletableFuture<long[]> counted = CompletableFuture.supplyAsync(() -> countOutput(p));
        feed(p, SPECTRA, POINTS, 1000, 1.928);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "finished");
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(0, p.exitValue(), err);
        long[] linesAndLast = counted.get();
        assertEquals(SPECTRA + 3, linesAndLast[0], "three Quasar header rows and one line per spectrum");
        assertEquals(SPECTRA - 1, linesAndLast[1], "the last spectrum's id came out last");
    }

    @Test
    void correctSizesItsBatchesToTheHeap() throws Exception {
        int spectra = 3_000;
        Process p = fork("-Xmx256m", "correct", "-", "-o", "-", "--threads", "2", "--input-unit", "absorbance");
        CompletableFuture<long[]> counted = CompletableFuture.supplyAsync(() -> countOutput(p));
        feed(p, spectra, 2_001, 1000, 1.5); // 1000-4000 cm-1 at 1.5: resampled onto the model's axis
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "finished");
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(0, p.exitValue(), err);
        assertTrue(err.contains("batches of 256 spectra, not 1024, to fit the Java heap of"), err);
        long[] linesAndLast = counted.get();
        assertEquals(spectra + 1, linesAndLast[0], "a header row and one line per spectrum");
        assertEquals(spectra - 1, linesAndLast[1], "the last spectrum's id came out last");
    }

    /** descatter in a JVM of its own with the heap given, its errors going to err.txt. */
    private Process fork(String heap, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile()).start();
    }

    /** Writes a wide file of {@code spectra} alike spectra, ids cell_0, cell_1, ..., to the process's input. */
    private static void feed(Process p, int spectra, int points, double first, double step) throws IOException {
        try (OutputStream os = p.getOutputStream(); Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("id");
            StringBuilder values = new StringBuilder();
            for (int k = 0; k < points; k++) {
                header.append(',').append(first + k * step);
                values.append(',').append(Math.sin(k * 0.013) * 0.3 + 1e-4 * k);
            }
            w.write(header.append('\n').toString());
            String row = values.append('\n').toString();
            for (int s = 0; s < spectra; s++) {
                w.write("cell_" + s);
                w.write(row);
            }
        }
    }

    private static long[] countOutput(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            long lines = 0;
            String line;
            String last = "";
            while ((line = r.readLine()) != null) {
                lines++;
                last = line;
            }
            long lastId = Long.parseLong(last.substring("cell_".length(), last.indexOf(',')));
            return new long[] {lines, lastId};
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

}
