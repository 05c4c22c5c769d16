package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchMemoryTest {
    static final long MB = 1 << 20;
    /** 2,001 points in, resampled onto 1,556, written on 1,556; a replica's float buffers per worker. */
    final BatchMemory resampling = new BatchMemory(BatchMemory.perRow(2001, 1556, 1, 1556), 2L * 4 * 1556);

    @Test
    void perRowCountsTextAndValuesAtBothEndsAndTheStagesCopies() {
        assertEquals(2001 * 20 + 1556 * 8 + 1556 * 20, BatchMemory.perRow(2001, 1556, 1, 1556));
        assertEquals(1556 * 40, BatchMemory.perRow(1556, 1556, 0, 1556), "on the model's axis: no copy");
    }

    @Test
    void footprintCountsEveryBatchInFlightAndEachWorkersBuffers() {
        long perRow = BatchMemory.perRow(2001, 1556, 1, 1556);
        assertEquals(1024L * (5 * perRow + 2 * 2 * 4 * 1556), resampling.footprint(1024, 2), "2 threads: 5 batches in flight");
        assertEquals(1024L * (3 * perRow + 2 * 4 * 1556), resampling.footprint(1024, 1));
    }

    @Test
    void theBatchHalvesUntilItFitsTheHeap() {
        assertEquals(1024, resampling.rowsFitting(1024, 2, 4096 * MB), "a large heap keeps the batch asked for");
        assertEquals(512, resampling.rowsFitting(1024, 2, 512 * MB));
        assertEquals(256, resampling.rowsFitting(1024, 2, 256 * MB));
        assertTrue(resampling.heapNeeded(256, 2) <= 256 * MB && resampling.heapNeeded(512, 2) > 256 * MB);
        assertEquals(100, resampling.rowsFitting(100, 2, 256 * MB), "a small batch asked for stays");
    }

    @Test
    void belowTheSmallestBatchNothingFits() {
        assertEquals(BatchMemory.MIN_ROWS, resampling.rowsFitting(1024, 2, resampling.heapNeeded(BatchMemory.MIN_ROWS, 2)));
        assertEquals(0, resampling.rowsFitting(1024, 2, resampling.heapNeeded(BatchMemory.MIN_ROWS, 2) - 1));
    }

    @Test
    void xmxRoundsUpToWholeSixtyFourMegabytes() {
        assertEquals("-Xmx64m", BatchMemory.xmx(1));
        assertEquals("-Xmx128m", BatchMemory.xmx(64 * MB + 1));
        assertEquals("-Xmx256m", BatchMemory.xmx(256 * MB));
    }
}
