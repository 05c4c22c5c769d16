package io.descatter.spectra.io;

import io.descatter.spectra.RepeatedSpectra;
import io.descatter.spectra.SpectraChunk;
import java.io.IOException;

/**
 * What {@code descatter info} reports about a spectra file, gathered in one streaming pass.
 *
 * @param schema layout, delimiter, axis and metadata columns
 * @param spectra number of spectra
 * @param missing number of NaN (missing) values
 * @param rowsWithMissing number of spectra with at least one NaN
 * @param minValue smallest value (NaN if there are none)
 * @param maxValue largest value
 * @param repeated spectra whose values repeat an earlier spectrum's exactly, with the first {@value #REPEAT_EXAMPLES}
 * @param flagged per 0/1 flag column that correct and evaluate write (a metadata column named {@code *_flag}, in the
 *        file's order): how many spectra have 1 there
 */
public record SpectraSummary(TableSchema schema, long spectra, long missing, long rowsWithMissing, double minValue, double maxValue,
        RepeatedSpectra.Result repeated, java.util.Map<String, Long> flagged) {
    /** How many repeats are named. */
    public static final int REPEAT_EXAMPLES = 5;

    /** Reads the whole source; missing values are counted, not refused. */
    public static SpectraSummary of(InputSource source, ReadOptions options, Progress progress) throws IOException {
        try (SpectraReader reader = SpectraReader.open(source, options.withAllowMissing(true))) {
            SpectraChunk chunk = reader.newChunk(SpectraChunk.rowsFor(reader.schema().axis().size(), SpectraConverter.CHUNK_BYTES));
            long count = 0;
            long missing = 0;
            long rowsWithMissing = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            long total = source.size();
            int points = chunk.points();
            RepeatedSpectra repeats = new RepeatedSpectra();
            java.util.List<MetaColumn> meta = reader.schema().meta();
            int[] flagColumns = java.util.stream.IntStream.range(0, meta.size()).filter(k -> meta.get(k).name().endsWith("_flag")).toArray();
            long[] ones = new long[flagColumns.length];
            while (reader.read(chunk) > 0) {
                double[] v = chunk.values();
                for (int r = 0; r < chunk.rows(); r++) {
                    int nan = 0;
                    for (int i = chunk.offset(r), end = i + points; i < end; i++) {
                        double x = v[i];
                        if (Double.isNaN(x)) nan++;
                        else {
                            if (x < min) min = x;
                            if (x > max) max = x;
                        }
                    }
                    repeats.add(v, chunk.offset(r), points);
                    if (flagColumns.length > 0) {
                        String[] m = chunk.meta(r);
                        for (int k = 0; k < flagColumns.length; k++) if ("1".equals(m[flagColumns[k]])) ones[k]++;
                    }
                    missing += nan;
                    if (nan > 0) rowsWithMissing++;
                }
                count += chunk.rows();
                progress.update(reader.bytesRead(), total);
            }
            boolean any = min <= max;
            java.util.Map<String, Long> flagged = new java.util.LinkedHashMap<>();
            for (int k = 0; k < flagColumns.length; k++) flagged.put(meta.get(flagColumns[k]).name(), ones[k]);
            return new SpectraSummary(reader.schema(), count, missing, rowsWithMissing, any ? min : Double.NaN, any ? max : Double.NaN,
                    repeats.result(REPEAT_EXAMPLES), flagged);
        }
    }
}
