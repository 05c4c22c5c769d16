package io.descatter.spectra.image;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Positional reads of large blocks of a binary file with O_DIRECT: the device writes straight into an aligned buffer
 * of the reading thread, and no page-cache page is filled. Why: on the 2-core build machine (a Firecracker VM) filling
 * fresh page-cache pages cost the kernel about 1.4 s of CPU per 1.2 GB read (an uncached 200,000-spectra ENVI image:
 * reading it alone took 2.2 s and 1.9 s CPU, against 0.5 s from the cache), taken from the workers that correct; with
 * O_DIRECT the same 1.2 GB came in 0.7 s of waiting and 0.07 s of CPU. The same reason as the output's O_DIRECT
 * ({@code OutputTarget}). Thread-safe: each thread reads into its own buffer.
 */
public final class DirectReads implements AutoCloseable {
    private final FileChannel channel;
    private final int block;
    private final ByteOrder order;
    private final ThreadLocal<ByteBuffer> buffers = new ThreadLocal<>();

    private DirectReads(FileChannel channel, int block, ByteOrder order) {
        this.channel = channel;
        this.block = block;
        this.order = order;
    }

    /**
     * Direct reads of {@code file} in {@code order}, or null where the file system refuses O_DIRECT (tmpfs, some
     * network file systems) or has an unusual block size: the caller then reads through the page cache.
     */
    public static DirectReads open(Path file, ByteOrder order) {
        try {
            int block = (int) Math.max(4096, Files.getFileStore(file).getBlockSize());
            if (Integer.bitCount(block) != 1 || block > (1 << 20)) return null;
            return new DirectReads(FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT), block, order);
        } catch (IOException | UnsupportedOperationException refused) {
            return null;
        }
    }

    /**
     * Bytes {@code position .. position + length - 1} in this thread's buffer, as a buffer of their own from index 0 in
     * the byte order given; fewer ({@code remaining() < length}) where the file ends before. Valid until this thread's
     * next read.
     */
    public ByteBuffer read(long position, int length) throws IOException {
        long start = position / block * block;
        int skip = (int) (position - start);
        int span = (skip + length + block - 1) / block * block; // whole blocks: O_DIRECT reads nothing else
        ByteBuffer b = buffers.get();
        if (b == null || b.capacity() < span) {
            b = ByteBuffer.allocateDirect(span + block).alignedSlice(block);
            buffers.set(b);
        }
        b.clear().limit(span);
        while (b.hasRemaining()) {
            int n = channel.read(b, start + b.position());
            // a read that ends off a block boundary met the end of the file (O_DIRECT refuses to read on from there)
            if (n <= 0 || b.position() % block != 0) break;
        }
        int got = Math.max(0, Math.min(length, b.position() - skip));
        return b.slice(skip, got).order(order);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
