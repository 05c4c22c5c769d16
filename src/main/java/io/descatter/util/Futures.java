package io.descatter.util;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to a pool, with the worker's own exception rethrown as it was. */
public final class Futures {
    private Futures() {
    }

    /**
     * The result of {@code f}: a worker's runtime exception or error is rethrown unchanged (so a bad-input error
     * keeps its message and exit code); an interruption becomes an IOException.
     */
    public static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            if (e.getCause() instanceof IOException io) throw io;
            throw new IllegalStateException(e.getCause());
        }
    }
}
