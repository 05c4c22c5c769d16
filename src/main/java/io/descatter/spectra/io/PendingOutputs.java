package io.descatter.spectra.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary files and folders of outputs not yet moved into place: an interrupted run (Ctrl-C, kill) removes them
 * from its shutdown hook, so that it leaves no partial output behind.
 */
final class PendingOutputs {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(PendingOutputs::deleteQuietly), "descatter-cleanup"));
    }

    private PendingOutputs() {
    }

    static void add(Path p) {
        PENDING.add(p);
    }

    static void remove(Path p) {
        PENDING.remove(p);
    }

    /** Deletes a file, or a folder with everything in it; best effort (the run has already failed or ended). */
    static void deleteQuietly(Path p) {
        try (Stream<Path> all = Files.isDirectory(p) ? Files.walk(p) : Stream.of(p)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
