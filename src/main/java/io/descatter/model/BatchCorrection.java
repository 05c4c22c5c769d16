package io.descatter.model;

import io.descatter.spectra.Resampler;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.Progress;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.RowCells;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.SpectraWriter;
import io.descatter.spectra.io.TableSchema;
import io.descatter.spectra.io.TextBuffer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Corrects a spectra file in constant memory: the calling thread splits the input into batches of cells, worker
 * threads each holding their own network replica parse them (resampling onto the model's axis when the file has
 * another), correct them and format the results, and the calling thread writes those in input order with ids and
 * metadata unchanged. On two cores the calling thread's share of the work must stay small: parsing and formatting
 * cost as much as the network. The output appears only on success.
 */
public final class BatchCorrection {
    /** Which axis the corrected spectra are written on. */
    public enum OutputAxis { MODEL, INPUT }

    /**
     * @param batch spectra per network call (hundreds to thousands amortise DL4J's per-call cost)
     * @param threads worker threads, one network replica each
     */
    public record Request(InputSource input, ReadOptions read, OutputTarget output, CorrectionModel model, int threads,
            int batch, OutputAxis outputAxis, DoubleFormatter format) {
    }

    /** What was done. */
    public record Result(TableSchema input, TableSchema output, long spectra, boolean resampled) {
    }

    private BatchCorrection() {
    }

    public static Result run(Request req, Progress progress) throws IOException {
        int threads = Math.max(1, req.threads());
        // One replica per core with one BLAS thread each beats one replica using every core (measured by
        // 'descatter bench correct'); with several replicas, more BLAS threads would only oversubscribe the cores.
        if (threads > 1) {
            Nd4j.factory().blas().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxThreads(1);
        }
        try (SpectraReader reader = SpectraReader.open(req.input(), req.read())) {
            TableSchema in = reader.schema();
            WavenumberAxis modelAxis = req.model().axis();
            Resampler toModel = Resampler.linear(in.axis(), modelAxis); // refuses an input that does not cover the model's range
            Resampler back = req.outputAxis() == OutputAxis.INPUT ? Resampler.linear(modelAxis, in.axis()) : null;
            TableSchema out = back == null ? in.withAxis(modelAxis) : in;
            int points = modelAxis.size();
            int pool = 2 * threads + 1;
            BlockingQueue<Job> free = new ArrayBlockingQueue<>(pool);
            for (int i = 0; i < pool; i++) free.add(new Job(reader.newChunk(req.batch()), req.batch(), points, out.axis().size(), in.meta().size()));
            ThreadLocal<CorrectionModel.Replica> replicas = ThreadLocal.withInitial(() -> req.model().replica());
            ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "correct");
                t.setDaemon(true);
                return t;
            });
            long total = req.input().size();
            try (SpectraWriter writer = SpectraWriter.open(req.output(), out, req.format())) {
                Deque<Future<Job>> pending = new ArrayDeque<>();
                boolean more = true;
                while (more || !pending.isEmpty()) {
                    while (more && !free.isEmpty()) {
                        Job job = free.poll();
                        if (readCells(reader, job, pending) == 0) {
                            more = false;
                            free.add(job);
                            break;
                        }
                        pending.add(workers.submit(() -> job.correct(reader, toModel, replicas.get(), back, writer)));
                    }
                    if (pending.isEmpty()) break;
                    Job done = take(pending.poll());
                    if (writer.formatsApart()) writer.write(done.text, done.result.rows());
                    else writer.write(done.result);
                    free.add(done);
                    progress.update(reader.bytesRead(), total);
                }
                writer.commit();
                return new Result(in, out, writer.written(), !toModel.isIdentity());
            } finally {
                workers.shutdownNow();
            }
        }
    }

    /**
     * Reads the next batch's cells, leaving their numbers to the workers. A bad row the reader meets first is
     * thrown only after the batches before it, which may hold an earlier one, so the first error in the file wins.
     */
    private static int readCells(SpectraReader reader, Job job, Deque<Future<Job>> pending) throws IOException {
        try {
            return reader.readCells(job.raw, job.cells);
        } catch (RuntimeException | IOException e) {
            while (!pending.isEmpty()) take(pending.poll());
            throw e;
        }
    }

    private static Job take(Future<Job> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One batch in flight: the raw chunk and its cells, its values on the model axis, the corrected chunk and its text. */
    private static final class Job {
        final SpectraChunk raw;
        final double[] onModel;
        final double[] corrected;
        final SpectraChunk result;
        final RowCells cells = new RowCells();
        final TextBuffer text = new TextBuffer(1 << 16);
        final int points;

        Job(SpectraChunk raw, int rows, int points, int outPoints, int metaColumns) {
            this.raw = raw;
            this.points = points;
            this.onModel = new double[rows * points];
            this.corrected = new double[rows * points];
            this.result = new SpectraChunk(rows, outPoints, metaColumns);
        }

        /** Parses, corrects and (where the layout streams) formats the batch: all in parallel on the workers. */
        Job correct(SpectraReader reader, Resampler toModel, CorrectionModel.Replica replica, Resampler back, SpectraWriter writer) {
            reader.parse(raw, cells);
            int rows = raw.rows();
            for (int r = 0; r < rows; r++) toModel.apply(raw.values(), raw.offset(r), onModel, r * points);
            replica.correct(onModel, 0, rows, corrected, 0);
            result.clear();
            for (int r = 0; r < rows; r++) {
                int row = result.addRow(raw.meta(r), raw.line(r));
                if (back == null) System.arraycopy(corrected, r * points, result.values(), result.offset(row), points);
                else back.apply(corrected, r * points, result.values(), result.offset(row));
            }
            if (writer.formatsApart()) writer.format(result, text);
            return this;
        }
    }
}
