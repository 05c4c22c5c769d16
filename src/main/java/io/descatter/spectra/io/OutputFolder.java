package io.descatter.spectra.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of report files that appear together, and only when the command succeeds: they are written into a
 * hidden staging folder ({@link #path()}) and moved into the target on {@link #commit()}. For a target that does not
 * exist yet the staging folder sits beside it and becomes it by one rename; for an existing folder it sits inside
 * it (the same file system, whatever is mounted where, and no need to write in its parent) and its files replace
 * those of the same names, after a check that none of them is a folder; other files are kept. Without a commit
 * (a failure, Ctrl-C) the staging folder is removed and the target is as it was.
 */
public final class OutputFolder implements AutoCloseable {
    /** The staging folder's base name when it sits inside an existing target. */
    private static final String STAGING_INSIDE = "descatter-report";
    private final String name;
    private final Path target;
    private final Path staging;
    private final List<Path> leftovers;
    private boolean committed;

    private OutputFolder(String name, Path target, Path staging, List<Path> leftovers) {
        this.name = name;
        this.target = target;
        this.staging = staging;
        this.leftovers = leftovers;
    }

    /**
     * Creates the staging folder for {@code target} (missing parent folders are made).
     *
     * @throws IOException with a one-line message naming the target when it, or a parent, is a file or a broken link,
     *     or a folder cannot be written in
     */
    public static OutputFolder create(Path target) throws IOException {
        String name = target.toString();
        Path absolute = target.toAbsolutePath().normalize();
        Path staging;
        List<Path> leftovers;
        if (Files.isDirectory(absolute)) {
            leftovers = PendingOutputs.removeStale(absolute, STAGING_INSIDE).stream().map(p -> target.resolve(p.getFileName())).toList();
            staging = PendingOutputs.create(name, absolute, STAGING_INSIDE, true);
        } else if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(name, null, Files.isSymbolicLink(absolute) ? "is a broken link"
                    : "is a file; give a folder for the report");
        } else {
            Path parent = absolute.getParent();
            if (parent == null) throw new FileSystemException(name, null, "is not a folder a report can be written to");
            try {
                Files.createDirectories(parent); // as a report folder's own parents are made, e.g. -o reports/run1
            } catch (FileAlreadyExistsException e) {
                throw new FileSystemException(name, null, e.getFile() + " is a file, not a folder");
            }
            String base = absolute.getFileName().toString();
            leftovers = PendingOutputs.removeStale(parent, base).stream().map(p -> target.resolveSibling(p.getFileName())).toList();
            staging = PendingOutputs.create(name, parent, base, true);
        }
        return new OutputFolder(name, absolute, staging, leftovers);
    }

    /**
     * The staging folders that runs killed outright (SIGKILL, a power cut) left for this target, removed by
     * {@link #create} (those of a live process are kept), named as the target was.
     */
    public List<Path> removedLeftovers() {
        return leftovers;
    }

    /** The folder to write the report's files into (the staging folder until the commit). */
    public Path path() {
        return staging;
    }

    /** Moves the written files into the target folder. */
    public void commit() throws IOException {
        if (committed) return;
        try {
            if (Files.isDirectory(target)) { // staged inside it, or made meanwhile
                moveFilesInto(target);
            } else {
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.createDirectory(target);
                    moveFilesInto(target);
                }
            }
        } catch (FileSystemException e) {
            throw new FileSystemException(name, null, "the report could not be moved into place: "
                    + (e.getReason() != null ? e.getFile() + ": " + e.getReason() : e.getMessage()));
        }
        PendingOutputs.remove(staging);
        committed = true;
    }

    /** Every staged file into {@code folder}, once it is known that none would replace a folder; then the staging goes. */
    private void moveFilesInto(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(staging)) {
            files = s.toList();
        }
        for (Path f : files) {
            Path into = folder.resolve(f.getFileName().toString());
            if (Files.isDirectory(into, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(into.toString(), null, "is a folder; the report's file of that name cannot replace it");
            }
        }
        for (Path f : files) PendingOutputs.moveReplacing(f, folder.resolve(f.getFileName().toString()));
        Files.delete(staging);
    }

    /** Without a commit: removes the staging folder and what was written into it. */
    @Override
    public void close() {
        if (committed) return;
        PendingOutputs.deleteQuietly(staging);
        PendingOutputs.remove(staging);
    }
}
