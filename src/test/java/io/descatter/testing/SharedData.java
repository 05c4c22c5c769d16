package io.descatter.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The team's validation data in {@code ../shared/data} (the MATLAB gold spectra, the 60 measured cells, the Matrigel
 * reference). A fresh clone does not have it: the tests that need it skip themselves with the reason, and run
 * wherever it lies beside the project. Never copied into the project.
 */
public final class SharedData {
    /** The folder, relative to the project root (the working directory of the tests). */
    public static final Path ROOT = Path.of("..", "shared", "data");

    private static final Set<Path> REPORTED = ConcurrentHashMap.newKeySet();

    private SharedData() {
    }

    /** Whether {@code ../shared/data/first/more...} exists (for a {@code @BeforeAll} that loads it when it does). */
    public static boolean present(String first, String... more) {
        return Files.exists(ROOT.resolve(Path.of(first, more)));
    }

    /**
     * The path of {@code ../shared/data/first/more...}; when it does not exist the calling test is skipped with the
     * reason, which is also printed once to the test log. Call it from the test or a {@code @BeforeEach}: from a
     * {@code @BeforeAll} Maven would report the class as 0 tests run rather than as skipped.
     */
    public static Path assumePresent(String first, String... more) {
        Path path = ROOT.resolve(Path.of(first, more));
        boolean present = Files.exists(path);
        String reason = "skipped: needs the team's validation data " + path
                + ", which is absent (it lies in ../shared beside the project, which a fresh clone does not have)";
        if (!present && REPORTED.add(path)) System.out.println("[shared data] " + reason);
        Assumptions.assumeTrue(present, reason);
        return path;
    }
}
