package io.descatter.spectra.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file written under a hidden temporary name beside its target and moved into place on {@link #commit()}, for
 * writers that need a path rather than a stream (a library that seeks, such as the HDF5 and MAT writers): the same
 * cleanup as {@link OutputTarget} (on close without commit, on Ctrl-C, and of leftovers of runs killed outright).
 */
public final class StagedFile implements AutoCloseable {
    private final String name;
    private final Path target;
    private final Path temp;
    private boolean committed;

    private StagedFile(String name, Path target, Path temp) {
        this.name = name;
        this.target = target;
        this.temp = temp;
    }

    /**
     * An empty temporary file beside {@code target}.
     *
     * @param suffix added to the temporary name (a second staged file for the same target needs its own)
     * @throws IOException with a one-line message naming the target when its folder is missing or unwritable
     */
    public static StagedFile beside(Path target, String suffix) throws IOException {
        String name = target.toString();
        if (Files.isDirectory(target)) throw new IOException(name + ": is a folder; give a file name");
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            String problem = dir != null && Files.exists(dir) ? " is a file, not a folder" : " does not exist";
            throw new NoSuchFileException(name, null, "the output folder " + dir + problem);
        }
        Path temp = PendingOutputs.create(name, dir, target.getFileName() + suffix, false);
        return new StagedFile(name, target, temp);
    }

    /** Where to write until {@link #commit()}. */
    public Path temp() { return temp; }

    /** The target as the user named it, for messages. */
    public String name() { return name; }

    /** Moves the finished temporary file over the target. */
    public void commit() throws IOException {
        if (committed) return;
        PendingOutputs.moveReplacing(temp, target);
        PendingOutputs.remove(temp);
        committed = true;
    }

    /** Without a commit: removes the temporary file. */
    @Override
    public void close() throws IOException {
        if (committed) return;
        try {
            Files.deleteIfExists(temp);
        } finally {
            PendingOutputs.remove(temp);
        }
    }
}
