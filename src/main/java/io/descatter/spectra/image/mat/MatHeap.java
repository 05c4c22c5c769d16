package io.descatter.spectra.image.mat;

import io.descatter.spectra.io.BatchMemory;
import io.descatter.util.OutOfHeap;
import java.util.Locale;

/**
 * MAT v5 files are read and written whole (the format compresses each variable as one stream, and the library holds
 * a variable in memory): this refuses, before any work, a file that would take more than a share of the heap left,
 * with what to do instead, rather than dying later with a bare OutOfMemoryError.
 */
final class MatHeap {
    /** The share of the free heap a MAT file may take; the rest is for the correction running on it. */
    static final double SHARE = 0.5;

    private MatHeap() {
    }

    /** Heap not yet used, counting what the JVM may still grow to. */
    static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * @param what  "reading data.mat" or "writing out.mat"
     * @param bytes what the file's variables take in memory
     * @param instead what to use for data this large
     * @throws OutOfHeap when {@code bytes} exceed {@link #SHARE} of the heap left
     */
    static void require(String what, long bytes, String instead) {
        long available = available();
        if (bytes <= SHARE * available) return;
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        throw new OutOfHeap(String.format(Locale.ROOT, "%s needs about %d MB of heap (MAT files are held whole in memory)"
                + " and %d MB of the %d MB heap are free: %s, or run with JAVA_TOOL_OPTIONS=%s", what, bytes >> 20,
                available >> 20, OutOfHeap.heapMb(), instead, BatchMemory.xmx((long) (bytes / SHARE) + used)));
    }
}
