package io.descatter.spectra.io;

import io.descatter.spectra.SpectraChunk;
import io.descatter.util.Futures;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Streams a file through worker threads in constant memory: the calling thread only finds the rows of each batch
 * (no cell is looked at) and writes finished batches in input order; workers split and parse each batch, transform
 * it and format the result into bytes. On two cores this matters: everything per cell must run on the workers. Rows, ids and metadata keep their order; the first bad row in the file
 * is the one reported.
 */
public final class ChunkPipeline {
    /** What a worker does to a parsed batch. One per batch in flight, so it may keep buffers. */
    public interface Stage {
        /** @return the chunk to write: the input itself, or one of the stage's buffers */
        SpectraChunk apply(SpectraChunk parsed);
    }

    private ChunkPipeline() {
    }

    /**
     * Runs the pipeline until the reader is exhausted, then leaves the writer to be committed.
     *
     * @param threads worker threads
     * @param rows spectra per batch
     * @param stages makes the stage of each batch in flight
     * @param progress receives bytes read out of {@code total}
     */
    public static void run(SpectraReader reader, SpectraWriter writer, int threads, int rows, Supplier<Stage> stages,
            String threadName, Progress progress, long total) throws IOException {
        run(reader, writer, threads, rows, stages, null, threadName, progress, total);
    }

    /**
     * As {@link #run(SpectraReader, SpectraWriter, int, int, Supplier, String, Progress, long)}, with a check of the
     * file's first batch as parsed, before its stage (a whole-file judgement such as the unit of the values): what it
     * throws ends the run before anything is written.
     *
     * @param firstBatch the check, or null for none
     */
    public static void run(SpectraReader reader, SpectraWriter writer, int threads, int rows, Supplier<Stage> stages,
            Consumer<SpectraChunk> firstBatch, String threadName, Progress progress, long total) throws IOException {
        run(reader, writer, null, threads, rows, stages, firstBatch, threadName, progress, total);
    }

    /**
     * Reads and parses a file on worker threads for a consumer instead of a writer: {@code sink} receives each parsed
     * batch on the calling thread, in input order, and must be done with it when it returns (the chunk is reused).
     */
    public static void read(SpectraReader reader, int threads, int rows, Consumer<SpectraChunk> sink, String threadName,
            Progress progress, long total) throws IOException {
        run(reader, null, sink, threads, rows, () -> parsed -> parsed, null, threadName, progress, total);
    }

    private static void run(SpectraReader reader, SpectraWriter writer, Consumer<SpectraChunk> sink, int threads, int rows,
            Supplier<Stage> stages, Consumer<SpectraChunk> firstBatch, String threadName, Progress progress, long total)
            throws IOException {
        int inFlight = batchesInFlight(threads);
        Deque<Batch> free = new ArrayDeque<>();
        for (int i = 0; i < inFlight; i++) free.add(new Batch(reader.newChunk(rows), stages.get()));
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Batch>> pending = new ArrayDeque<>();
            boolean more = true;
            boolean first = true;
            while (more || !pending.isEmpty()) {
                while (more && !free.isEmpty()) {
                    Batch batch = free.poll();
                    if (readRows(reader, batch, pending) == 0) {
                        more = false;
                        free.add(batch);
                        break;
                    }
                    Consumer<SpectraChunk> check = first ? firstBatch : null;
                    first = false;
                    pending.add(workers.submit(() -> batch.process(reader, writer, check)));
                }
                if (pending.isEmpty()) break;
                Batch done = Futures.get(pending.poll());
                if (writer == null) sink.accept(done.result);
                else if (writer.formatsApart()) writer.write(done.text, done.result.rows());
                else writer.write(done.result);
                free.add(done);
                progress.update(reader.bytesRead(), total);
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** How many batches live at once: one per worker, one being read and one being written ({@link BatchMemory}). */
    public static int batchesInFlight(int threads) {
        return 2 * threads + 1;
    }

    /**
     * Reads the next batch's rows, leaving their cells and numbers to the workers. An error the reader meets is
     * thrown only after the batches before it, which may hold an earlier one.
     */
    private static int readRows(SpectraReader reader, Batch batch, Deque<Future<Batch>> pending) throws IOException {
        try {
            return reader.readRows(batch.raw, batch.rows);
        } catch (RuntimeException | IOException e) {
            while (!pending.isEmpty()) Futures.get(pending.poll());
            throw e;
        }
    }

    /** One batch in flight: its raw rows, its parsed spectra, what the stage made of them, and their text. */
    private static final class Batch {
        final SpectraChunk raw;
        final RowBlock rows = new RowBlock();
        final Stage stage;
        final TextBuffer text = new TextBuffer(1 << 16);
        SpectraChunk result;

        Batch(SpectraChunk raw, Stage stage) {
            this.raw = raw;
            this.stage = stage;
        }

        Batch process(SpectraReader reader, SpectraWriter writer, Consumer<SpectraChunk> check) {
            reader.parse(raw, rows);
            if (check != null) check.accept(raw);
            result = stage.apply(raw);
            if (writer != null && writer.formatsApart()) writer.format(result, text);
            return this;
        }
    }
}
