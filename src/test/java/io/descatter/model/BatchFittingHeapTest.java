package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.BatchMemory;
import io.descatter.util.OutOfHeap;
import org.junit.jupiter.api.Test;

/** When not even the smallest batch fits the heap, the run ends before reading and says what heap would do. */
class BatchFittingHeapTest {
    @Test
    void aBatchThatFitsIsKept() {
        assertEquals(1024, BatchCorrection.batchFittingHeap(new BatchMemory(1, 0), 1024, 2, "big.csv"));
    }

    @Test
    void aHeapTooSmallForTheSmallestBatchNamesTheHeapThatFits() {
        long heap = Runtime.getRuntime().maxMemory();
        // Each spectrum of a batch in flight takes a fifth of the heap: 64 rows on 2 threads need 64 heaps.
        BatchMemory huge = new BatchMemory(heap / 5, 0);
        OutOfHeap e = assertThrows(OutOfHeap.class, () -> BatchCorrection.batchFittingHeap(huge, 1024, 2, "big.csv"));
        String needed = BatchMemory.xmx(huge.heapNeeded(BatchMemory.MIN_ROWS, 2));
        assertTrue(e.getMessage().contains("big.csv in batches of 64 spectra on 2 threads"), e.getMessage());
        assertTrue(e.getMessage().contains("JAVA_TOOL_OPTIONS=" + needed), e.getMessage());
        assertFalse(e.getMessage().contains("wide layout"), "the file may well be wide: " + e.getMessage());
    }
}
