package io.descatter.util;

/**
 * Running out of heap, with what would have fitted: the command line prints this message instead of a generic
 * one. Thrown before reading when the work cannot fit, or in place of the JVM's own error when the estimate was
 * short.
 */
public final class OutOfHeap extends OutOfMemoryError {
    public OutOfHeap(String advice) {
        super(advice);
    }

    /** This JVM's heap limit in MB, as -Xmx gives it. */
    public static long heapMb() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }
}
