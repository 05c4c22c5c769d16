package io.descatter.spark;

import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.DoubleFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A {@link SpectraFrame} out: Parquet (the spectrum as an array of float, the axis in its metadata), or CSV in
 * descatter's wide layout (metadata columns, then one column per wavenumber, a header per part file) that the CLI
 * reads back. Both go through Spark's file committers: a task's output appears only when the task succeeds, so a
 * task run again after an executor loss writes no row twice.
 */
public final class SpectraSinks {
    static final long ROW_GROUP_BYTES = 32L << 20;

    private SpectraSinks() {
    }

    /** Whether {@code path} asks for CSV output (.csv, .csv.gz, .tsv, .txt) rather than Parquet. */
    public static boolean isCsv(String path) {
        String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        return p.endsWith(".csv") || p.endsWith(".csv.gz") || p.endsWith(".tsv") || p.endsWith(".txt");
    }

    /** Writes {@code frame} to {@code path} as Parquet or CSV ({@link #isCsv}); an existing path is refused. */
    public static void write(Dataset<Row> frame, String path) {
        if (isCsv(path)) csv(frame, path);
        else parquet(frame, path);
    }

    /** Parquet: the spectrum column as an array of float, with the wavenumbers in its metadata. */
    public static void parquet(Dataset<Row> frame, String path) {
        // no dictionary encoding: measured spectra have nearly no repeated values, and building the dictionary before
        // falling back to plain encoding cost more time than the network (profiled)
        // row groups of 32 MB (8,000 spectra of 1,000 points) rather than 128 MB: a file is split between tasks at row
        // groups, so smaller ones let the next job spread a few files evenly over the cores
        asFloats(SpectraFrame.withoutSource(frame)).write().mode(SaveMode.ErrorIfExists)
                .option("parquet.enable.dictionary", "false").option("parquet.block.size", ROW_GROUP_BYTES)
                // no min/max of the spectra's values (nothing filters on them): 8 % more spectra/s on local[2], six runs
                .option("parquet.column.statistics.enabled#spectrum.list.element", "false")
                .format(SpectraParquetFormat.NAME).save(path); // Spark's Parquet with a cheaper writer per value
    }

    /** CSV, wide: metadata columns, then the spectrum's values under their wavenumbers; compressed for a .gz name. */
    public static void csv(Dataset<Row> frame, String path) {
        Dataset<Row> f = SpectraFrame.withoutSource(frame);
        WavenumberAxis axis = SpectraFrame.axis(f);
        DoubleFormatter label = DoubleFormatter.exact();
        List<Column> cols = new ArrayList<>();
        for (StructField field : f.schema().fields()) {
            if (!field.name().equals(SpectraFrame.SPECTRUM)) cols.add(functions.col("`" + field.name() + "`"));
        }
        Column spectrum = functions.col(SpectraFrame.SPECTRUM);
        for (int i = 0; i < axis.size(); i++) cols.add(spectrum.getItem(i).as(label.format(axis.get(i))));
        var writer = f.select(cols.toArray(Column[]::new)).write().mode(SaveMode.ErrorIfExists).option("header", true);
        if (path.toLowerCase(Locale.ROOT).endsWith(".gz")) writer = writer.option("compression", "gzip");
        if (path.toLowerCase(Locale.ROOT).endsWith(".tsv")) writer = writer.option("sep", "\t");
        writer.csv(path);
    }

    /**
     * The frame with its spectrum as an array of float (the network's precision), the axis kept. Elements stay as
     * nullable as they were: Spark reads every Parquet column back as nullable, and refuses to cast nullable elements
     * to non-null ones (a Parquet input written as Parquet again).
     */
    static Dataset<Row> asFloats(Dataset<Row> frame) {
        WavenumberAxis axis = SpectraFrame.axis(frame);
        boolean nullable = ((ArrayType) frame.schema().apply(SpectraFrame.SPECTRUM).dataType()).containsNull();
        Column c = functions.col(SpectraFrame.SPECTRUM).cast(DataTypes.createArrayType(DataTypes.FloatType, nullable));
        return frame.withColumn(SpectraFrame.SPECTRUM, c.as(SpectraFrame.SPECTRUM, SpectraFrame.spectrumField(axis).metadata()));
    }
}
