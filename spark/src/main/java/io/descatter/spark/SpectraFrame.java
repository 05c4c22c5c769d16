package io.descatter.spark;

import io.descatter.spectra.WavenumberAxis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The layout of spectra in a DataFrame and in Parquet: one row per spectrum, the values in the float array column
 * {@value #SPECTRUM}, every other column (id, labels, pixel coordinates) metadata that is passed through. The
 * wavenumbers, cm-1, in the order of the array, are the {@value #WAVENUMBERS} entry of that column's metadata, which
 * Spark keeps in the Parquet file's schema (so one file carries its own axis).
 *
 * <p>The readers of this module add {@value #SOURCE_FILE} and {@value #SOURCE_ROW} (the file and its 1-based row or
 * line), which error messages name; the corrections drop them from their output.
 */
public final class SpectraFrame {
    /** The spectrum column: array of float (double is accepted on input). */
    public static final String SPECTRUM = "spectrum";
    /** The metadata key of {@value #SPECTRUM} holding the wavenumbers (array of double). */
    public static final String WAVENUMBERS = "wavenumbers";
    /** The file a row came from (added by the readers, dropped by the corrections). */
    public static final String SOURCE_FILE = "_descatter_file";
    /** The row's 1-based row (Parquet) or line (CSV) in its file. */
    public static final String SOURCE_ROW = "_descatter_row";

    private SpectraFrame() {
    }

    /** The spectrum column's field, carrying {@code axis}. */
    public static StructField spectrumField(WavenumberAxis axis) {
        Metadata m = new MetadataBuilder().putDoubleArray(WAVENUMBERS, axis.values()).build();
        return new StructField(SPECTRUM, DataTypes.createArrayType(DataTypes.FloatType, false), true, m);
    }

    /** The axis of spectra in {@code frame}, from its {@value #SPECTRUM} column's metadata. */
    public static WavenumberAxis axis(Dataset<Row> frame) {
        return axis(frame.schema());
    }

    /** As {@link #axis(Dataset)}, from a schema. */
    public static WavenumberAxis axis(StructType schema) {
        StructField f = spectrum(schema);
        if (!f.metadata().contains(WAVENUMBERS)) {
            throw new IllegalArgumentException("the column '" + SPECTRUM + "' has no '" + WAVENUMBERS
                    + "' metadata: the axis is unknown (docs/SPARK.md, \"Layout\")");
        }
        return WavenumberAxis.of(f.metadata().getDoubleArray(WAVENUMBERS));
    }

    /** The spectrum column of {@code schema}, checked to be an array of float or double. */
    static StructField spectrum(StructType schema) {
        if (!Arrays.asList(schema.fieldNames()).contains(SPECTRUM)) {
            throw new IllegalArgumentException("no column '" + SPECTRUM + "' (the spectra, an array of float): columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        StructField f = schema.apply(SPECTRUM);
        DataType t = f.dataType();
        if (!(t instanceof ArrayType a) || !(a.elementType().equals(DataTypes.FloatType) || a.elementType().equals(DataTypes.DoubleType))) {
            throw new IllegalArgumentException("the column '" + SPECTRUM + "' must be an array of float or double, not " + t.simpleString());
        }
        return f;
    }

    /** {@code schema} with the spectrum column on {@code axis}, without the source columns, and with {@code added} at the end. */
    static StructType output(StructType schema, WavenumberAxis axis, List<StructField> added) {
        List<StructField> fields = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (f.name().equals(SOURCE_FILE) || f.name().equals(SOURCE_ROW)) continue;
            fields.add(f.name().equals(SPECTRUM) ? spectrumField(axis) : f);
        }
        fields.addAll(added);
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** The frame without the source columns. */
    public static Dataset<Row> withoutSource(Dataset<Row> frame) {
        return frame.drop(SOURCE_FILE, SOURCE_ROW);
    }

    /** {@code frame} with its spectrum column's metadata set to {@code axis} (a mapped frame's encoder may drop it). */
    static Dataset<Row> keepAxis(Dataset<Row> frame, WavenumberAxis axis) {
        return frame.withColumn(SPECTRUM, org.apache.spark.sql.functions.col(SPECTRUM).as(SPECTRUM, spectrumField(axis).metadata()));
    }
}
