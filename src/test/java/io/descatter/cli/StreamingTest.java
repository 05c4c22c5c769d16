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
 * Holding them would need twice that heap, so the run only succeeds if reading and writing stream.
 */
class StreamingTest {
    static final int SPECTRA = 8_000;
    static final int POINTS = 1_556;

    @TempDir
    Path dir;

    @Test
    void convertStreamsThroughASmallHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx48m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "convert", "-", "-o", "-", "--layout", "quasar"));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile()).start();
        CompletableFuture<long[]> counted = CompletableFuture.supplyAsync(() -> countOutput(p));
        try (OutputStream os = p.getOutputStream(); Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("id");
            StringBuilder values = new StringBuilder();
            for (int k = 0; k < POINTS; k++) {
                header.append(',').append(1000 + k * 1.928);
                values.append(',').append(Math.sin(k * 0.013) * 0.3 + 1e-4 * k);
            }
            w.write(header.append('\n').toString());
            String row = values.append('\n').toString();
            for (int s = 0; s < SPECTRA; s++) {
                w.write("cell_" + s);
                w.write(row);
            }
        }
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "finished");
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(0, p.exitValue(), err);
        long[] linesAndLast = counted.get();
        assertEquals(SPECTRA + 3, linesAndLast[0], "three Quasar header rows and one line per spectrum");
        assertEquals(SPECTRA - 1, linesAndLast[1], "the last spectrum's id came out last");
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
