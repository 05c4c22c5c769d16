package io.descatter.spectra.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A folder of report files that appear together, and only when the command succeeds: they are written into a
 * hidden staging folder beside the target ({@link #path()}) and moved into the target on {@link #commit()}: the
 * whole staging folder when the target does not exist yet, else file by file (replacing files of the same name,
 * keeping others). Without a commit (a failure, Ctrl-C) the staging folder is removed: the target is untouched.
 */
public final class OutputFolder implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    private OutputFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Creates the staging folder for {@code target}.
     *
     * @throws IOException with a one-line message when the target or one of its parents is a file, or the parent
     *     folder is unwritable (missing parent folders are made)
     */
    public static OutputFolder create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new FileSystemException(target.toString(), null, "is a file; give a folder for the report");
        }
        Path parent = absolute.getParent();
        if (parent == null) throw new FileSystemException(target.toString(), null, "is not a folder a report can be written to");
        try {
            Files.createDirectories(parent); // as a report folder's own parents are made, e.g. -o reports/run1
        } catch (FileAlreadyExistsException e) {
            throw new FileSystemException(target.toString(), null, e.getFile() + " is a file, not a folder");
        }
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        Path staging;
        try {
            staging = Files.createDirectory(parent.resolve("." + absolute.getFileName() + "." + suffix + ".part"));
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(target.toString(), null, "cannot write in the folder " + parent);
        }
        PendingOutputs.add(staging);
        return new OutputFolder(absolute, staging);
    }

    /** The folder to write the report's files into (the staging folder until the commit). */
    public Path path() {
        return staging;
    }

    /** Moves the written files into the target folder. */
    public void commit() throws IOException {
        if (committed) return;
        if (!Files.exists(target)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            List<Path> files;
            try (Stream<Path> s = Files.list(staging)) {
                files = s.toList();
            }
            for (Path f : files) {
                Path into = target.resolve(f.getFileName().toString());
                Files.move(f, into, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.delete(staging);
        }
        PendingOutputs.remove(staging);
        committed = true;
    }

    /** Without a commit: removes the staging folder and what was written into it. */
    @Override
    public void close() {
        if (committed) return;
        PendingOutputs.deleteQuietly(staging);
        PendingOutputs.remove(staging);
    }
}
