package io.descatter.spectra.image.envi;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.ConcurrentRows;
import io.descatter.spectra.image.DirectReads;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.image.SpectralImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An ENVI image: a header and its binary data file, read a block of image rows at a time with positional reads into
 * a buffer per thread. Memory stays that of one block whatever the file's size (an image larger than the heap
 * reads like a small one), and several threads read their blocks at once. Positional reads rather than a memory map:
 * Java cannot unmap, so a mapped file's pages would pile up in the process until it ends. Large reads (a block of
 * rows of a bip or bil image, a band of a large bsq block) bypass the page cache ({@link DirectReads}).
 */
final class EnviImage implements SpectralImage, ConcurrentRows {
    private final String name;
    private final String dataName;
    private final EnviHeader header;
    private final FileChannel data;
    private final ByteOrder order;
    private final ThreadLocal<ByteBuffer> buffers = new ThreadLocal<>();
    /** O_DIRECT reads of the data file, or null where refused. */
    private final DirectReads direct;
    /** Reads of this many bytes or more go through {@link #direct}: smaller ones would each wait on the device. */
    private final int directFrom;

    /** Reads of at least 1 MB bypass the page cache. */
    static final int DIRECT_FROM = 1 << 20;

    private EnviImage(String name, String dataName, EnviHeader header, FileChannel data, DirectReads direct, int directFrom) {
        this.name = name;
        this.dataName = dataName;
        this.header = header;
        this.data = data;
        this.order = header.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        this.direct = direct;
        this.directFrom = directFrom;
    }

    /**
     * Opens the image named by its header or its data file ({@link EnviFiles}), checking the data file's size
     * against the header.
     */
    static EnviImage open(Path file, String name) throws IOException {
        return open(file, name, DIRECT_FROM);
    }

    /** As {@link #open(Path, String)}, reading {@code directFrom} bytes or more at once with O_DIRECT where allowed. */
    static EnviImage open(Path file, String name, int directFrom) throws IOException {
        EnviFiles files = EnviFiles.of(file, name);
        EnviHeader h = EnviHeader.read(files.header(), files.headerName());
        long size = Files.size(files.data());
        long needed = h.offset() + h.dataBytes();
        if (size != needed) {
            String describes = String.format(java.util.Locale.ROOT, "%d samples x %d lines x %d bands x %d bytes + %d header offset = %d bytes",
                    h.samples(), h.lines(), h.bands(), h.type().bytes, h.offset(), needed);
            throw new BadInputException(files.dataName(), 0, 0, size < needed
                    ? "the file holds " + size + " bytes, shorter than its header " + files.headerName() + " says (" + describes + "): truncated?"
                    : "the file holds " + size + " bytes, more than its header " + files.headerName() + " describes (" + describes
                            + "): the header does not match the file");
        }
        ByteOrder order = h.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        FileChannel data = FileChannel.open(files.data(), StandardOpenOption.READ);
        return new EnviImage(name, files.dataName(), h, data, DirectReads.open(files.data(), order), directFrom);
    }

    @Override
    public String source() { return name; }

    @Override
    public WavenumberAxis axis() { return header.axis(); }

    @Override
    public int width() { return header.samples(); }

    @Override
    public int height() { return header.lines(); }

    @Override
    public PixelGrid grid() { return header.grid(); }

    @Override
    public boolean readRows(int firstRow, int rows, double[] values, String[][] meta) throws IOException {
        if (firstRow < 0 || rows < 0 || firstRow + rows > height()) throw new IndexOutOfBoundsException("rows " + firstRow + "+" + rows);
        int w = header.samples();
        int bands = header.bands();
        int bytes = header.type().bytes;
        EnviDataType type = header.type();
        boolean finite = true;
        switch (header.interleave()) {
            case BIP -> {
                // exactly the order of the values: pixel after pixel, band after band
                ByteBuffer b = read(header.offset() + (long) firstRow * w * bands * bytes, rows * w * bands * bytes);
                finite = type.decode(b, 0, rows * w * bands, values, 0, 1);
            }
            case BIL -> {
                ByteBuffer b = read(header.offset() + (long) firstRow * bands * w * bytes, rows * bands * w * bytes);
                for (int r = 0; r < rows; r++) {
                    for (int band = 0; band < bands; band++) {
                        finite &= type.decode(b, (r * bands + band) * w, w, values, r * w * bands + band, bands);
                    }
                }
            }
            case BSQ -> {
                for (int band = 0; band < bands; band++) {
                    ByteBuffer b = read(header.offset() + ((long) band * header.lines() + firstRow) * w * bytes, rows * w * bytes);
                    finite &= type.decode(b, 0, rows * w, values, band, bands);
                }
            }
        }
        return finite;
    }

    /** {@code length} bytes from {@code position}, in this thread's buffer. */
    private ByteBuffer read(long position, int length) throws IOException {
        if (direct != null && length >= directFrom) {
            ByteBuffer b = direct.read(position, length);
            if (b.remaining() < length) throw cutShort(position + b.remaining());
            return b;
        }
        ByteBuffer b = buffers.get();
        if (b == null || b.capacity() < length) {
            b = ByteBuffer.allocateDirect(Math.max(length, 1 << 16)).order(order);
            buffers.set(b);
        }
        b.clear().limit(length);
        while (b.hasRemaining()) {
            if (data.read(b, position + b.position()) < 0) throw cutShort(position + b.position());
        }
        return b.flip();
    }

    private BadInputException cutShort(long end) {
        return new BadInputException(dataName, 0, 0, "the file ended at byte " + end + " while reading: it was cut short after it was opened");
    }

    @Override
    public void close() throws IOException {
        try (data) {
            if (direct != null) direct.close();
        }
    }
}
