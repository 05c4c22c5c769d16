package io.descatter.spectra.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import com.sun.nio.file.ExtendedOpenOption;

/**
 * Where output goes: a file, written to a hidden temporary file beside it and renamed into place only when the
 * job succeeds (so a failure, a full disk or Ctrl-C never leaves a partial file), or standard output for
 * {@code -}. A name ending in .gz is gzip-compressed.
 */
public final class OutputTarget implements AutoCloseable {
    private final String name;
    private final Path target;
    /** The temporary file beside the target, once opened; null for standard output or before. */
    private StagedFile staged;
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
        for (InputSource part : input.parts()) if (isSameFileAs(part)) return true;
        if (target == null || input.path() == null) return false;
        try {
            if (Files.exists(target) && Files.exists(input.path())) return Files.isSameFile(target, input.path());
        } catch (IOException e) {
            return false;
        }
        return target.toAbsolutePath().normalize().equals(input.path().toAbsolutePath().normalize());
    }

    /**
     * Removes the partial files that runs killed outright (SIGKILL, a power cut) left beside this target: those whose
     * writing process is gone. Those of a live process, of other targets, and standard output are left alone.
     * {@link #open()} does the same, silently; call this first to say what was removed.
     *
     * @return the files removed, named as the target was (beside it)
     */
    public List<Path> removeLeftovers() {
        if (target == null) return List.of();
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        Path given = Path.of(name);
        return PendingOutputs.removeStale(dir, target.getFileName().toString()).stream()
                .map(p -> given.resolveSibling(p.getFileName())).toList();
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
            out = DirectFileStream.open(createTemp());
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
        staged = StagedFile.beside(target, "");
        return staged.temp();
    }

    /** Flushes, closes and moves the finished file into place. */
    public void commit() throws IOException {
        if (committed) return;
        if (stream == null) openStream();
        closeStreams();
        if (staged != null) staged.commit();
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
            if (staged != null) staged.close();
        }
    }

    /** Wraps an I/O failure while writing so the one-line message names the output. */
    IOException failure(IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IOException(name + ": write failed: " + reason, e);
    }

    /**
     * Writes a new file with O_DIRECT: the bytes go from an aligned buffer straight to the device instead of being
     * copied into the page cache. Why: on the 2-core build machine (a Firecracker VM) that copy into fresh page-cache
     * pages cost the kernel 5-7 s of CPU per 1.8 GB written, a quarter of the whole run of {@code correct} on 100,000
     * spectra, taken from the workers; O_DIRECT wrote the same 1.8 GB in 1.8-1.9 s of waiting and 0.17 s of CPU.
     * Full blocks are written as the buffer fills; on close the last block goes out padded and the file is cut to
     * its length. Where the file system refuses O_DIRECT (tmpfs, some network file systems) {@link #open} returns
     * an ordinary stream.
     */
    static final class DirectFileStream extends OutputStream {
        private static final int BUFFER = 8 << 20;
        private final FileChannel channel;
        private final ByteBuffer buffer;
        private final int block;
        private long written;

        private DirectFileStream(FileChannel channel, int block) {
            this.channel = channel;
            this.block = block;
            buffer = ByteBuffer.allocateDirect(BUFFER + block).alignedSlice(block);
            buffer.limit(BUFFER);
        }

        /** A direct stream on {@code path} (an existing empty file), or an ordinary one where O_DIRECT is refused. */
        static OutputStream open(Path path) throws IOException {
            return open(path, true);
        }

        /** As {@link #open(Path)}; {@code tryDirect} false gives the ordinary stream (for tests of that path). */
        static OutputStream open(Path path, boolean tryDirect) throws IOException {
            if (!tryDirect) return Files.newOutputStream(path);
            FileChannel channel;
            int block;
            try {
                block = (int) Math.max(4096, Files.getFileStore(path).getBlockSize());
                if (Integer.bitCount(block) != 1 || block > BUFFER) return Files.newOutputStream(path); // unusual
                channel = FileChannel.open(path, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            } catch (IOException | UnsupportedOperationException refused) {
                return Files.newOutputStream(path);
            }
            return new DirectFileStream(channel, block);
        }

        /**
         * The block-writing stream on an ordinary (buffered) channel: the same whole-block writes, padding and final
         * cut as with O_DIRECT, on any file system, so that tests check them where O_DIRECT is refused too.
         */
        static DirectFileStream withoutODirect(Path path, int block) throws IOException {
            return new DirectFileStream(FileChannel.open(path, StandardOpenOption.WRITE), block);
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) drain();
            buffer.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (!buffer.hasRemaining()) drain();
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        /** Writes the full buffer (a multiple of the block size) and empties it. */
        private void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) written += channel.write(buffer, written);
            buffer.clear().limit(BUFFER);
        }

        @Override
        public void close() throws IOException {
            if (!channel.isOpen()) return; // closed already
            try (channel) {
                int tail = buffer.position();
                if (tail > 0) {
                    int padded = (tail + block - 1) / block * block;
                    buffer.limit(padded);
                    while (buffer.hasRemaining()) buffer.put((byte) 0);
                    buffer.flip();
                    long at = written;
                    while (buffer.hasRemaining()) at += channel.write(buffer, at);
                    written += tail;
                }
                channel.truncate(written);
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
