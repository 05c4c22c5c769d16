package io.descatter.spectra.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Temporary files and folders of outputs not yet moved into place: an interrupted run (Ctrl-C, kill) removes them
 * from its shutdown hook, so that it leaves no partial output behind. A run killed outright (SIGKILL, a power cut)
 * runs no hook; its entries carry the writer's process id ({@code .BASE.pidPID.RANDOM.part}), so that the next run
 * writing the same target can tell them from those of a writer still at work and remove them.
 */
final class PendingOutputs {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(PendingOutputs::deleteQuietly), "descatter-cleanup"));
    }

    private PendingOutputs() {
    }

    /**
     * Creates a hidden entry {@code .BASE.pidPID.RANDOM.part} in {@code folder} (an empty file, or a folder),
     * registered for cleanup, after removing the stale entries of the same {@code base} ({@link #removeStale});
     * a failure is one line naming {@code output}, the name the user gave. {@code createFile}, unlike
     * {@code createTempFile}, gives the usual permissions (umask), which the final file keeps.
     */
    static Path create(String output, Path folder, String base, boolean directory) throws IOException {
        removeStale(folder, base);
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        Path entry = folder.resolve("." + base + ".pid" + ProcessHandle.current().pid() + "." + suffix + ".part");
        try {
            if (directory) Files.createDirectory(entry);
            else Files.createFile(entry);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(output, null, "cannot write in the folder " + folder);
        } catch (FileSystemException e) {
            throw new FileSystemException(output, null, "cannot write in the folder " + folder
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
        }
        PENDING.add(entry);
        return entry;
    }

    /**
     * Removes the entries that runs killed outright left for {@code base} in {@code folder}: those whose writer's
     * process is gone. Entries of a live process (this one included), of other targets, and names without a
     * process id are kept. Best effort: what cannot be listed or deleted stays.
     *
     * @return the entries removed, in name order
     */
    static List<Path> removeStale(Path folder, String base) {
        Pattern ours = Pattern.compile("\\." + Pattern.quote(base) + "\\.pid(\\d{1,18})\\.[0-9a-f]+\\.part");
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.sorted().toList()) {
                Matcher m = ours.matcher(p.getFileName().toString());
                if (!m.matches() || Files.isSymbolicLink(p) || ProcessHandle.of(Long.parseLong(m.group(1))).isPresent()) continue;
                deleteQuietly(p);
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) removed.add(p);
            }
        } catch (IOException | RuntimeException unreadable) {
            // best effort: creating the new entry reports a folder that cannot be written
        }
        return removed;
    }

    /** Moves a finished output over {@code to}: atomically where the file system can, else by a plain move. */
    static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException atomicFailed) { // another file system, or one without atomic renames
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
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
