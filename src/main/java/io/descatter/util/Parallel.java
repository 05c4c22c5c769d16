package io.descatter.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** Independent items spread over a fixed number of threads, each with its own per-thread state. */
public final class Parallel {
    private Parallel() {
    }

    /**
     * Runs {@code body} for every index in [0, n) on {@code threads} threads (one runs in the calling thread's
     * place when threads is 1): each thread takes the next index from a shared counter and calls its own consumer,
     * made by {@code perThread} on that thread (so it can hold work arrays). A worker's runtime exception or error stops
     * the others at their next index and is rethrown unchanged once every thread has stopped.
     */
    public static void forEachIndex(int n, int threads, String threadName, Supplier<IntConsumer> perThread) {
        if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable worker = () -> {
            try {
                IntConsumer body = perThread.get();
                for (int i = next.getAndIncrement(); i < n && !failed.get(); i = next.getAndIncrement()) body.accept(i);
            } catch (RuntimeException | Error e) {
                failed.set(true); // the other threads stop at their next index
                throw e;
            }
        };
        int count = Math.min(threads, Math.max(1, n));
        if (count == 1) {
            worker.run();
            return;
        }
        List<Thread> pool = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            Thread th = new Thread(worker, threadName + "-" + t);
            th.setUncaughtExceptionHandler((x, e) -> {
                synchronized (errors) {
                    errors.add(e);
                }
            });
            pool.add(th);
            th.start();
        }
        for (Thread th : pool) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + threadName, e);
            }
        }
        if (!errors.isEmpty()) {
            Throwable e = errors.get(0);
            if (e instanceof RuntimeException re) throw re;
            if (e instanceof Error err) throw err;
            throw new IllegalStateException(e);
        }
    }
}
