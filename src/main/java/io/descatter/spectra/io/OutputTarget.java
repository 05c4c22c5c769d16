package io.descatter.spectra.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * Where output goes: a file, written to a hidden temporary file beside it and renamed into place only when the
 * job succeeds (so a failure, a full disk or Ctrl-C never leaves a partial file), or standard output for
 * {@code -}. A name ending in .gz is gzip-compressed.
 */
public final class OutputTarget implements AutoCloseable {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        // An interrupted run (Ctrl-C, kill) removes its temporary files.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(p -> {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort at shutdown
            }
        }), "descatter-cleanup"));
    }

    private final String name;
    private final Path target;
    private Path temp;
    private OutputStream stream;
    private Writer writer;
    private boolean committed;

    private OutputTarget(String name, Path target) {
        this.name = name;
        this.target = target;
    }

    /** {@code -} for standard output, else a file path. */
    public static OutputTarget of(String name) {
        return InputSource.STDIN.equals(name) ? new OutputTarget(name, null) : new OutputTarget(name, Path.of(name));
    }

    public String name() { return name; }

    public boolean isStdout() { return target == null; }

    /** True if this target is the same file as the given input (so writing would destroy the input). */
    public boolean isSameFileAs(InputSource input) {
        if (target == null || input.path() == null) return false;
        try {
            if (Files.exists(target) && Files.exists(input.path())) return Files.isSameFile(target, input.path());
        } catch (IOException e) {
            return false;
        }
        return target.toAbsolutePath().normalize().equals(input.path().toAbsolutePath().normalize());
    }

    /**
     * Opens the temporary file (or standard output) for writing.
     *
     * @throws IOException with a one-line message naming the output when the folder is missing or unwritable
     */
    public Writer open() throws IOException {
        if (writer == null) writer = new BufferedWriter(new OutputStreamWriter(openStream(), StandardCharsets.UTF_8), 1 << 16);
        return writer;
    }

    /** {@link #open()} for bytes: what is written must be UTF-8 text. */
    public OutputStream openStream() throws IOException {
        if (stream != null) return stream;
        OutputStream out;
        if (target == null) {
            out = new NonClosingStream(System.out);
        } else if (Files.exists(target) && !Files.isRegularFile(target)) {
            if (Files.isDirectory(target)) throw new FileSystemException(name, null, "is a folder; give a file name");
            // A device or pipe such as /dev/null: write straight to it; renaming over it would replace it.
            out = Files.newOutputStream(target);
        } else {
            out = new PreSizedFileStream(createTemp());
        }
        if (name.endsWith(".gz")) out = new GZIPOutputStream(out, 1 << 16);
        stream = new BufferedOutputStream(out, 1 << 16);
        return stream;
    }

    private void closeStreams() throws IOException {
        if (writer != null) writer.close();
        else if (stream != null) stream.close();
    }

    private Path createTemp() throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(name, null, "the output folder " + dir + " does not exist");
        }
        try {
            // createFile, unlike createTempFile, gives the usual permissions (umask), which the final file keeps.
            String suffix = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            temp = Files.createFile(dir.resolve("." + target.getFileName() + "." + suffix + ".part"));
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(name, null, "cannot write in the output folder " + dir);
        } catch (FileSystemException e) {
            throw new FileSystemException(name, null, "cannot write in the output folder " + dir
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
        }
        PENDING.add(temp);
        return temp;
    }

    /** Flushes, closes and moves the finished file into place. */
    public void commit() throws IOException {
        if (committed) return;
        if (stream == null) openStream();
        closeStreams();
        if (temp != null) {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException atomicFailed) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            PENDING.remove(temp);
        }
        committed = true;
    }

    /** Without a commit: removes the temporary file. */
    @Override
    public void close() throws IOException {
        if (committed) return;
        try {
            closeStreams();
        } catch (IOException ignored) {
            // the job already failed; the partial file goes anyway
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
                PENDING.remove(temp);
            }
        }
    }

    /** Wraps an I/O failure while writing so the one-line message names the output. */
    IOException failure(IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IOException(name + ": write failed: " + reason, e);
    }

    /**
     * A new file written through its channel with its length set ahead of the data, in steps of a quarter of what
     * is written so far (at least 64 MB), and cut to the data on close. Why: on the ext4 volume of the 2-core build
     * machine, writes that extend a file cost the kernel several times the CPU of writes within its length (1.8 GB:
     * 2.4-7.8 s against 0.9-2.5 s, median of three runs 2.4 against 1.0), and on two cores that time is taken from
     * the workers. The extension is sparse (no blocks until written), so a full disk still fails at the write; the
     * file is the hidden temporary one, renamed into place only after {@link #close} has cut it.
     */
    private static final class PreSizedFileStream extends OutputStream {
        private static final long MIN_STEP = 64L << 20;
        private final java.io.RandomAccessFile file;
        private final java.nio.channels.FileChannel channel;
        private long position;
        private long length;

        PreSizedFileStream(Path path) throws IOException {
            file = new java.io.RandomAccessFile(path.toFile(), "rw");
            channel = file.getChannel();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (position + len > length) {
                length = Math.max(position + len, length + Math.max(MIN_STEP, length / 4));
                file.setLength(length);
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) position += channel.write(buffer, position);
        }

        @Override
        public void close() throws IOException {
            try (file) {
                file.setLength(position);
            }
        }
    }

    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(OutputStream out) { super(out); }

        @Override
        public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override
        public void close() throws IOException { flush(); }
    }
}
