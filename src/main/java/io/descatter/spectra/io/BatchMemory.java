package io.descatter.spectra.io;

/**
 * Sizes the batches a {@link ChunkPipeline} keeps in flight to the heap. A batch's footprint is known before
 * anything is read: per spectrum, the bytes of its text, its parsed values, the stage's copies on other axes and the
 * formatted output; {@link ChunkPipeline#batchesInFlight} batches of it live at once, plus what each worker keeps
 * per row (a network replica's float buffers). Halving the batch until that fits a share of the heap keeps the
 * default run inside a small heap, at the cost of more, smaller network calls.
 *
 * @param perRowInFlight bytes per spectrum of each batch in flight
 * @param perRowPerWorker bytes per spectrum that each worker keeps besides (0 if none)
 */
public record BatchMemory(long perRowInFlight, long perRowPerWorker) {
    /** The smallest batch chosen on its own: below it the per-call cost of the network dominates. */
    public static final int MIN_ROWS = 64;
    /** The share of the heap the batches may take; the rest holds the model, the JVM and the collector's headroom. */
    static final double HEAP_SHARE = 0.6;
    /** Bytes a number takes as text (up to 9 significant digits, sign, point, exponent, delimiter). */
    static final int TEXT_BYTES_PER_CELL = 12;

    /**
     * The footprint per spectrum of a stage that reads {@code inputPoints}, keeps {@code copies} arrays of
     * {@code stagePoints} doubles of its own and writes {@code outputPoints}: text and parsed doubles at both ends.
     */
    public static long perRow(int inputPoints, int stagePoints, int copies, int outputPoints) {
        long cell = Double.BYTES + TEXT_BYTES_PER_CELL;
        return inputPoints * cell + (long) copies * stagePoints * Double.BYTES + outputPoints * cell;
    }

    /** Bytes of all batches in flight and the workers' buffers, with batches of {@code rows}. */
    public long footprint(int rows, int threads) {
        return (long) rows * (ChunkPipeline.batchesInFlight(threads) * perRowInFlight + (long) threads * perRowPerWorker);
    }

    /** The heap (bytes) that batches of {@code rows} fit in. */
    public long heapNeeded(int rows, int threads) {
        return (long) Math.ceil(footprint(rows, threads) / HEAP_SHARE);
    }

    /**
     * The largest batch, up to {@code requested} and halving from it, whose footprint fits {@code heap}; 0 when not
     * even {@link #MIN_ROWS} (or {@code requested}, if smaller) fits.
     */
    public int rowsFitting(int requested, int threads, long heap) {
        int rows = requested;
        while (heapNeeded(rows, threads) > heap) {
            if (rows <= MIN_ROWS) return 0;
            rows = Math.max(MIN_ROWS, rows / 2);
        }
        return rows;
    }

    /** {@code -Xmx} text for at least {@code bytes}, in whole MB rounded up to 64 MB. */
    public static String xmx(long bytes) {
        long mb = (bytes + (1 << 20) - 1) >> 20;
        return "-Xmx" + ((mb + 63) / 64 * 64) + "m";
    }
}
