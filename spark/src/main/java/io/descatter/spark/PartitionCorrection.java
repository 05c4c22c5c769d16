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
import io.descatter.spectra.WavenumberAxis;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Corrects one partition in batches: rows are checked, their spectra copied into a {@link SpectraChunk}, corrected
 * by the {@link ChunkStep}'s stage, and written back into rows in their order with every other column passed
 * through. Rows are Spark's internal ones ({@link InternalFrames}): the values go from the input's array cells into
 * the chunk and from the chunk into new array cells without boxing. Rows go out lazily, batch by batch, so a
 * partition of any size runs in the memory of one batch.
 */
final class PartitionCorrection implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;
    private static final String[] NO_META = new String[0];

    private final ChunkStep step;
    private final int points;
    private final int batch;
    private final boolean allowMissing;
    private final BadRows onBadRow;
    private final int spectrumIndex;
    private final boolean floatValues;
    private final int fileIndex;
    private final int rowIndex;
    /** Indices of the input columns that go out, in order, and their types. */
    private final int[] kept;
    private final DataType[] keptTypes;
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
        this.floatValues = ((ArrayType) SpectraFrame.spectrum(in).dataType()).elementType().equals(DataTypes.FloatType);
        this.fileIndex = indexOf(in, SpectraFrame.SOURCE_FILE);
        this.rowIndex = indexOf(in, SpectraFrame.SOURCE_ROW);
        List<Integer> k = new ArrayList<>();
        for (int i = 0; i < in.fields().length; i++) if (i != fileIndex && i != rowIndex) k.add(i);
        this.kept = k.stream().mapToInt(Integer::intValue).toArray();
        this.keptTypes = k.stream().map(i -> in.fields()[i].dataType()).toArray(DataType[]::new);
        this.extras = List.copyOf(extras);
        this.badRows = badRows;
        this.corrected = corrected;
    }

    /** {@code spectra} corrected: this function over each partition, the output in {@code out} on {@code axis}. */
    Dataset<Row> over(Dataset<Row> spectra, StructType out, WavenumberAxis axis) {
        return SpectraFrame.keepAxis(InternalFrames.frame(spectra.sparkSession(), InternalFrames.rows(spectra).mapPartitions(this), out), axis);
    }

    private static int indexOf(StructType s, String name) {
        return java.util.Arrays.asList(s.fieldNames()).indexOf(name);
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        ChunkPipeline.Stage stage = step.stage(batch);
        SpectraChunk raw = new SpectraChunk(batch, points, 0);
        return new Iterator<>() {
            final ArrayDeque<InternalRow> ready = new ArrayDeque<>();
            /** The unit check, on a partition's first spectra only, as the CLI checks a file's first batch (ChunkPipeline). */
            Consumer<SpectraChunk> check = step.check();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && rows.hasNext()) {
                    if (correctBatch(rows, raw, stage, check, ready)) check = null;
                }
                return !ready.isEmpty();
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) throw new NoSuchElementException();
                return ready.poll();
            }
        };
    }

    /** Corrects the next batch of rows into {@code ready}; returns whether it held a spectrum to correct (and check). */
    private boolean correctBatch(Iterator<InternalRow> rows, SpectraChunk raw, ChunkPipeline.Stage stage, Consumer<SpectraChunk> check,
            ArrayDeque<InternalRow> ready) {
        raw.clear();
        List<InternalRow> batchRows = new ArrayList<>(batch);
        List<Boolean> good = new ArrayList<>(batch);
        while (!raw.isFull() && rows.hasNext()) {
            InternalRow r = rows.next();
            String problem = copy(r, raw);
            if (problem == null) {
                batchRows.add(r.copy()); // the input's iterator may reuse r
                good.add(true);
                continue;
            }
            if (onBadRow == BadRows.FAIL) throw new BadInputException(file(r), 0, 0, where(r) + problem);
            badRows.add(1);
            if (onBadRow == BadRows.NULL) {
                batchRows.add(r.copy());
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
        return out != null;
    }

    /** Copies the row's spectrum into the chunk; returns what is wrong with it instead, or null. */
    private String copy(InternalRow r, SpectraChunk raw) {
        if (r.isNullAt(spectrumIndex)) return "no spectrum (null)";
        ArrayData values = r.getArray(spectrumIndex);
        int n = values.numElements();
        if (n != points) return String.format(Locale.ROOT, "the spectrum has %d values, the axis %d wavenumbers", n, points);
        double[] dst = raw.values();
        int off = raw.offset(raw.rows());
        boolean finite = true;
        for (int k = 0; k < n; k++) {
            double v = values.isNullAt(k) ? Double.NaN : floatValues ? values.getFloat(k) : values.getDouble(k);
            dst[off + k] = v;
            finite &= v - v == 0;
        }
        if (!finite && !allowMissing) return notFinite(values);
        raw.addRow(NO_META, line(r));
        return null;
    }

    private String notFinite(ArrayData values) {
        for (int k = 0; k < values.numElements(); k++) {
            if (values.isNullAt(k)) return "a missing value (null) at point " + (k + 1) + " (use --allow-nan to fill missing values)";
            double v = floatValues ? values.getFloat(k) : values.getDouble(k);
            if (!Double.isFinite(v)) return "value " + v + " at point " + (k + 1) + " (use --allow-nan to fill missing values)";
        }
        return "a value that is not a finite number";
    }

    private InternalRow outputRow(InternalRow r, SpectraChunk out, int c) {
        Object[] v = new Object[kept.length + extras.size()];
        for (int i = 0; i < kept.length; i++) {
            v[i] = kept[i] == spectrumIndex ? InternalFrames.floats(out.values(), out.offset(c), out.points()) : r.get(kept[i], keptTypes[i]);
        }
        String[] meta = out.meta(c);
        for (int e = 0; e < extras.size(); e++) v[kept.length + e] = extras.get(e).internal(meta[e]);
        return new GenericInternalRow(v);
    }

    private InternalRow nullRow(InternalRow r) {
        Object[] v = new Object[kept.length + extras.size()];
        for (int i = 0; i < kept.length; i++) v[i] = kept[i] == spectrumIndex ? null : r.get(kept[i], keptTypes[i]);
        return new GenericInternalRow(v);
    }

    private String file(InternalRow r) {
        return fileIndex >= 0 && !r.isNullAt(fileIndex) ? r.getUTF8String(fileIndex).toString() : "spectra";
    }

    private long line(InternalRow r) {
        return rowIndex >= 0 && !r.isNullAt(rowIndex) ? r.getLong(rowIndex) : 0;
    }

    private String where(InternalRow r) {
        return rowIndex >= 0 && !r.isNullAt(rowIndex) ? "row " + r.getLong(rowIndex) + ": " : "";
    }
}
