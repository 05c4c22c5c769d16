package io.descatter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small spectra files written by the tests themselves. */
public final class SpectraFixtures {
    private SpectraFixtures() {
    }

    /** A wide CSV with an id column and {@code points} wavenumbers 1000, 1002, …; values are smooth, seeded. */
    public static String wide(int spectra, int points, long seed) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder("id");
        for (int k = 0; k < points; k++) sb.append(',').append(1000 + 2 * k);
        sb.append('\n');
        for (int s = 0; s < spectra; s++) {
            sb.append("cell_").append(s);
            double a = rnd.nextDouble();
            for (int k = 0; k < points; k++) sb.append(',').append(a * Math.sin(k * 0.01) + 0.001 * k);
            sb.append('\n');
        }
        return sb.toString();
    }

    public static Path write(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }
}
