package io.descatter.spark;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.io.ChunkPipeline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Corrects one partition in batches: rows are checked, packed into a {@link SpectraChunk}, corrected by the
 * {@link ChunkStep}'s stage, and written back into rows in their order with every other column passed through.
 * Rows go out lazily, batch by batch, so a partition of any size runs in the memory of one batch.
 */
final class PartitionCorrection implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final String[] NO_META = new String[0];

    private final ChunkStep step;
    private final int points;
    private final int batch;
    private final boolean allowMissing;
    private final BadRows onBadRow;
    private final int spectrumIndex;
    private final int fileIndex;
    private final int rowIndex;
    /** Indices of the input columns that go out, in order. */
    private final int[] kept;
    private final List<ExtraColumn> extras;
    private final LongAccumulator badRows;
    private final LongAccumulator corrected;

    PartitionCorrection(ChunkStep step, StructType in, int points, int batch, boolean allowMissing, BadRows onBadRow,
            List<ExtraColumn> extras, LongAccumulator badRows, LongAccumulator corrected) {
        this.step = step;
        this.points = points;
        this.batch = batch;
        this.allowMissing = allowMissing;
        this.onBadRow = onBadRow;
        this.spectrumIndex = in.fieldIndex(SpectraFrame.SPECTRUM);
        this.fileIndex = indexOf(in, SpectraFrame.SOURCE_FILE);
        this.rowIndex = indexOf(in, SpectraFrame.SOURCE_ROW);
        List<Integer> k = new ArrayList<>();
        for (int i = 0; i < in.fields().length; i++) if (i != fileIndex && i != rowIndex) k.add(i);
        this.kept = k.stream().mapToInt(Integer::intValue).toArray();
        this.extras = List.copyOf(extras);
        this.badRows = badRows;
        this.corrected = corrected;
    }

    private static int indexOf(StructType s, String name) {
        return java.util.Arrays.asList(s.fieldNames()).indexOf(name);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ChunkPipeline.Stage stage = step.stage(batch);
        Consumer<SpectraChunk> check = step.check();
        SpectraChunk raw = new SpectraChunk(batch, points, 0);
        return new Iterator<>() {
            final ArrayDeque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && rows.hasNext()) correctBatch(rows, raw, stage, check, ready);
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return ready.poll();
            }
        };
    }

    private void correctBatch(Iterator<Row> rows, SpectraChunk raw, ChunkPipeline.Stage stage, Consumer<SpectraChunk> check,
            ArrayDeque<Row> ready) {
        raw.clear();
        List<Row> batchRows = new ArrayList<>(batch);
        List<Boolean> good = new ArrayList<>(batch);
        while (!raw.isFull() && rows.hasNext()) {
            Row r = rows.next();
            String problem = copy(r, raw);
            if (problem == null) {
                batchRows.add(r);
                good.add(true);
                continue;
            }
            if (onBadRow == BadRows.FAIL) throw new BadInputException(file(r), 0, 0, where(r) + problem);
            badRows.add(1);
            if (onBadRow == BadRows.NULL) {
                batchRows.add(r);
                good.add(false);
            }
        }
        SpectraChunk out = null;
        if (raw.rows() > 0) {
            if (check != null) check.accept(raw);
            out = stage.apply(raw);
            corrected.add(raw.rows());
        }
        int c = 0;
        for (int i = 0; i < batchRows.size(); i++) {
            ready.add(good.get(i) ? outputRow(batchRows.get(i), out, c++) : nullRow(batchRows.get(i)));
        }
    }

    /** Copies the row's spectrum into the chunk; returns what is wrong with it instead, or null. */
    private String copy(Row r, SpectraChunk raw) {
        if (r.isNullAt(spectrumIndex)) return "no spectrum (null)";
        Object values = SpectrumValues.array(r.get(spectrumIndex));
        int n = java.lang.reflect.Array.getLength(values);
        if (n != points) return String.format(Locale.ROOT, "the spectrum has %d values, the axis %d wavenumbers", n, points);
        boolean finite = SpectrumValues.copy(values, raw.values(), raw.offset(raw.rows()));
        if (!finite && !allowMissing) return notFinite(values);
        raw.addRow(NO_META, line(r));
        return null;
    }

    private String notFinite(Object values) {
        int n = java.lang.reflect.Array.getLength(values);
        for (int k = 0; k < n; k++) {
            Object cell = java.lang.reflect.Array.get(values, k);
            if (cell == null) return "a missing value (null) at point " + (k + 1) + " (use --allow-nan to fill missing values)";
            double v = ((Number) cell).doubleValue();
            if (!Double.isFinite(v)) return "value " + v + " at point " + (k + 1) + " (use --allow-nan to fill missing values)";
        }
        return "a value that is not a finite number";
    }

    private Row outputRow(Row r, SpectraChunk out, int c) {
        Object[] v = new Object[kept.length + extras.size()];
        for (int i = 0; i < kept.length; i++) {
            v[i] = kept[i] == spectrumIndex ? floats(out.values(), out.offset(c), out.points()) : r.get(kept[i]);
        }
        String[] meta = out.meta(c);
        for (int e = 0; e < extras.size(); e++) v[kept.length + e] = extras.get(e).parse(meta[e]);
        return RowFactory.create(v);
    }

    private Row nullRow(Row r) {
        Object[] v = new Object[kept.length + extras.size()];
        for (int i = 0; i < kept.length; i++) v[i] = kept[i] == spectrumIndex ? null : r.get(kept[i]);
        return RowFactory.create(v);
    }

    private static float[] floats(double[] src, int off, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) src[off + i];
        return f;
    }

    private String file(Row r) {
        return fileIndex >= 0 && !r.isNullAt(fileIndex) ? r.getString(fileIndex) : "spectra";
    }

    private long line(Row r) {
        return rowIndex >= 0 && !r.isNullAt(rowIndex) ? r.getLong(rowIndex) : 0;
    }

    private String where(Row r) {
        return rowIndex >= 0 && !r.isNullAt(rowIndex) ? "row " + r.getLong(rowIndex) + ": " : "";
    }
}
