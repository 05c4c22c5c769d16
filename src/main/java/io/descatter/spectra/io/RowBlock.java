package io.descatter.spectra.io;

import java.util.Arrays;

/**
 * The raw records of one batch of wide rows, as the reading thread found them: their bytes, one after another, and
 * where each starts and ends and on which line. A worker splits and parses them ({@link SpectraReader#parse}), so
 * the reading thread does no work per cell; for an image, which rows of pixels a worker reads. Reused from batch
 * to batch.
 */
public final class RowBlock {
    byte[] bytes = new byte[1 << 16];
    int length;
    int[] starts = new int[64];
    int[] ends = new int[64];
    long[] lines = new long[64];
    int rows;
    /** Whether the last record ended without a line break (the end of the input). */
    boolean lastUnterminated;
    /** What stopped the reading inside the last record, or null. */
    RecordScanner.Failure failure;
    /** The worker's splitter, kept with the block so it is reused. */
    CellSplitter splitter;
    /** An image's batch: its first image row, the pixels of its rows read in {@link SpectraReader#parse}. */
    int imageRow = -1;
    /**
     * An image's batch read ahead: the read in flight (or done) into the chunk's values, telling whether the image found
     * every value finite ({@link io.descatter.spectra.image.SpectralImage#readRows}), and its pixels' metadata.
     */
    java.util.concurrent.Future<Boolean> imageRead;
    String[][] imageMeta;

    void clear() {
        length = 0;
        rows = 0;
        lastUnterminated = false;
        failure = null;
        imageRow = -1;
        imageRead = null;
        imageMeta = null;
    }

    /** Appends the current record of {@code records}. */
    void add(RecordScanner records) {
        int n = records.end() - records.start();
        if (length + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
        if (rows == starts.length) {
            starts = Arrays.copyOf(starts, 2 * rows);
            ends = Arrays.copyOf(ends, 2 * rows);
            lines = Arrays.copyOf(lines, 2 * rows);
        }
        System.arraycopy(records.bytes(), records.start(), bytes, length, n);
        starts[rows] = length;
        length += n;
        ends[rows] = length;
        lines[rows++] = records.line();
        lastUnterminated = !records.terminated();
        failure = records.failure();
    }

    /** Whether row r ended with a line break. */
    boolean terminated(int r) {
        return r < rows - 1 || !lastUnterminated;
    }
}
