package io.descatter.spectra.image.parquet;

import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.ImageSpec;
import io.descatter.spectra.image.SpectralImageWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Parquet tables of spectra (descatter-spark's layout, docs/SPARK.md) in the {@link ImageFormats} registry: a file
 * read by its magic number, a folder of part files (as Spark writes) by its {@code .parquet} files; written for
 * {@code .parquet} with every metadata column. A table, not an image: an image written to it becomes rows with
 * {@code map_x} and {@code map_y}.
 */
public final class ParquetFormat {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    public static final ImageFormats.Reading READING = new ImageFormats.Reading("Parquet", ParquetFormat::recognises, ParquetTable::open);

    public static final ImageFormats.Writing WRITING = new ImageFormats.Writing("Parquet", List.of(".parquet"), "float32", true, false,
            ParquetFormat::create);

    /** The file's own metadata entry that holds the wavenumbers as a JSON list (read where Spark's schema has none). */
    public static final String WAVENUMBERS_ENTRY = SparkRowSchema.WAVENUMBERS;

    private ParquetFormat() {
    }

    /** The wavenumbers of a {@link #WAVENUMBERS_ENTRY} value. @throws IllegalArgumentException where it is not a list of numbers */
    public static double[] wavenumbersEntry(String json) {
        return SparkRowSchema.numbers(json);
    }

    /**
     * The wavenumber a column of numbers in a wide table is named by ("1000.89": pandas' frame of one column per
     * wavenumber), or NaN for a name that is not a positive finite number.
     */
    public static double wavenumberNamed(String columnName) {
        try {
            double w = Double.parseDouble(columnName.trim());
            return w > 0 && w < Double.POSITIVE_INFINITY ? w : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A file that starts with Parquet's magic number, or a folder that holds {@code .parquet} part files. */
    static boolean recognises(Path file, byte[] head) {
        if (Files.isDirectory(file)) {
            try {
                return !ParquetTable.partsOf(file).isEmpty();
            } catch (IOException unreadable) {
                return false;
            }
        }
        return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private static SpectralImageWriter create(String outputName, ImageSpec spec) throws IOException {
        return ParquetTableWriter.create(Path.of(outputName), spec.axis(), spec.metaNames());
    }
}
