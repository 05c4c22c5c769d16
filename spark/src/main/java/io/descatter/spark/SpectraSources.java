package io.descatter.spark;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.parquet.ParquetFormat;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spectra into a {@link SpectraFrame}: Parquet as Spark reads it, or CSV files in the layouts {@code descatter}
 * reads (wide, Quasar, columnar; decimal commas), one file per task, parsed by the CLI's own reader. Any Hadoop
 * file system path works (file:, hdfs:, s3a:): a CSV file on a remote one is copied to the task's local disk first.
 */
public final class SpectraSources {
    private SpectraSources() {
    }

    /** The pixel's position (image input), as the CLI's image reader names it. */
    public static final String MAP_X = "map_x";
    public static final String MAP_Y = "map_y";
    /** The image a row comes from (image input). */
    public static final String IMAGE = "image";

    /** Whether {@code path} names Parquet: a .parquet file or folder, or a folder of them. */
    public static boolean isParquet(SparkSession spark, String path) throws IOException {
        if (path.toLowerCase(Locale.ROOT).endsWith(".parquet")) return true;
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(p) || !fs.getFileStatus(p).isDirectory()) return false;
        return Arrays.stream(fs.listStatus(p)).anyMatch(s -> s.getPath().getName().endsWith(".parquet"));
    }

    /**
     * Parquet spectra, with the file and 1-based row of each as source columns. Besides the layout above, tables as
     * Python writes them: a wide frame (one column of numbers per wavenumber, named by it, as pandas' {@code to_parquet}
     * writes; they become the spectrum) and a {@code spectrum} whose axis is only the file's own metadata entry
     * {@value ParquetFormat#WAVENUMBERS_ENTRY} (a JSON list), as the CLI reads them (docs/FORMATS.md, "Parquet").
     */
    public static Dataset<Row> parquet(SparkSession spark, String path) throws IOException {
        Dataset<Row> d = spark.read().parquet(path)
                .withColumn(SpectraFrame.SOURCE_FILE, functions.col("_metadata.file_path"))
                .withColumn(SpectraFrame.SOURCE_ROW, functions.col("_metadata.row_index").plus(1));
        d = inSparksLayout(spark, path, d);
        SpectraFrame.axis(d); // fails now, naming what is missing, rather than in a task
        return d;
    }

    /** A wide frame's wavenumber columns as the spectrum, or a spectrum's axis from the file's own metadata entry. */
    private static Dataset<Row> inSparksLayout(SparkSession spark, String path, Dataset<Row> d) throws IOException {
        StructType schema = d.schema();
        if (Arrays.asList(schema.fieldNames()).contains(SpectraFrame.SPECTRUM)) {
            if (schema.apply(SpectraFrame.SPECTRUM).metadata().contains(SpectraFrame.WAVENUMBERS)) return d;
            String entry = footerEntry(spark, path, ParquetFormat.WAVENUMBERS_ENTRY);
            if (entry == null) return d; // the axis check names what is missing
            double[] w;
            try {
                w = ParquetFormat.wavenumbersEntry(entry);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(path, 0, 0, e.getMessage());
            }
            return d.withColumn(SpectraFrame.SPECTRUM, functions.col(SpectraFrame.SPECTRUM).as(SpectraFrame.SPECTRUM,
                    SpectraFrame.spectrumField(WavenumberAxis.of(w)).metadata()));
        }
        List<Column> meta = new ArrayList<>();
        List<Column> values = new ArrayList<>();
        List<Double> wavenumbers = new ArrayList<>();
        for (StructField f : schema.fields()) {
            double w = f.dataType() instanceof NumericType ? ParquetFormat.wavenumberNamed(f.name()) : Double.NaN;
            Column c = functions.col("`" + f.name() + "`");
            if (Double.isNaN(w)) {
                meta.add(c);
            } else {
                values.add(c.cast(DataTypes.DoubleType));
                wavenumbers.add(w);
            }
        }
        if (wavenumbers.size() < 2) return d; // the axis check says that there is no spectrum
        WavenumberAxis axis;
        try {
            axis = WavenumberAxis.of(wavenumbers.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(path, 0, 0, "its columns named by wavenumbers are not an axis: " + e.getMessage());
        }
        meta.add(functions.array(values.toArray(Column[]::new)).as(SpectraFrame.SPECTRUM, SpectraFrame.spectrumField(axis).metadata()));
        return d.select(meta.toArray(Column[]::new));
    }

    /** An entry of the key-value metadata in the footer of the table's first part file, or null. */
    private static String footerEntry(SparkSession spark, String path, String key) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = p.getFileSystem(conf);
        org.apache.hadoop.fs.Path file = p;
        if (fs.getFileStatus(p).isDirectory()) {
            file = Arrays.stream(fs.listStatus(p)).map(FileStatus::getPath)
                    .filter(f -> f.getName().endsWith(".parquet") && !f.getName().startsWith(".") && !f.getName().startsWith("_"))
                    .sorted().findFirst().orElse(null);
            if (file == null) return null;
        }
        try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(file, conf))) {
            return r.getFooter().getFileMetaData().getKeyValueMetaData().get(key);
        }
    }

    /**
     * Spectra in files the CLI reads: {@code path} is a file, a folder of them or a glob, of CSV files or of images
     * (ENVI, Agilent and the other formats registered in {@link io.descatter.spectra.image.ImageFormats}), one file
     * or image per task, each image with its companion files ({@link FileGroup}). All must share the first one's axis
     * and metadata columns (one that does not fails the job, named). CSV metadata columns are strings; an image's
     * rows carry {@value #MAP_X} and {@value #MAP_Y} (double, the pixel's position as the CLI writes it) and
     * {@value #IMAGE} (the image's file). The spectrum is an array of double (the values as the CLI has them).
     */
    public static Dataset<Row> files(SparkSession spark, String path, ReadOptions given) throws IOException {
        // Empty and NaN cells are read as NaN, so that the correction's --on-bad-row decides about them (and --allow-nan
        // fills them); a cell that is not a number at all still fails the job, naming file, line and column.
        ReadOptions options = given.withAllowMissing(true);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<FileGroup> groups = FileGroup.of(files(hadoop, path));
        if (groups.isEmpty()) throw new BadInputException(path, 0, 0, "no such file");
        TableSchema first;
        try (FileGroup.Local local = groups.get(0).local(hadoop); SpectraReader reader = local.open(options)) {
            first = reader.schema();
        }
        boolean images = first.image() != null;
        List<StructField> fields = new ArrayList<>();
        for (MetaColumn c : first.meta()) fields.add(DataTypes.createStructField(c.name(), DataTypes.StringType, true));
        if (images) fields.add(DataTypes.createStructField(IMAGE, DataTypes.StringType, false));
        fields.add(new StructField(SpectraFrame.SPECTRUM, DataTypes.createArrayType(DataTypes.DoubleType, false), true,
                SpectraFrame.spectrumField(first.axis()).metadata()));
        fields.add(DataTypes.createStructField(SpectraFrame.SOURCE_FILE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(SpectraFrame.SOURCE_ROW, DataTypes.LongType, false));
        StructType schema = new StructType(fields.toArray(StructField[]::new));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConf conf = new SerializableConf(hadoop);
        double[] axis = first.axis().values();
        List<String> meta = first.meta().stream().map(MetaColumn::name).toList();
        // ReadOptions is not serializable: its parts travel
        io.descatter.spectra.io.Layout layout = options.layout();
        Character delimiter = options.delimiter();
        boolean comma = options.decimalComma();
        JavaRDD<InternalRow> rows = jsc.parallelize(groups, groups.size()).flatMap(group ->
                new FileRows(group, conf, new ReadOptions(layout, delimiter, true, comma), axis, meta, images));
        Dataset<Row> frame = InternalFrames.frame(spark, rows, schema);
        if (!images || !meta.contains(MAP_X)) return frame;
        var metadata = schema.apply(SpectraFrame.SPECTRUM).metadata();
        return frame.withColumn(MAP_X, functions.col(MAP_X).cast(DataTypes.DoubleType))
                .withColumn(MAP_Y, functions.col(MAP_Y).cast(DataTypes.DoubleType))
                .withColumn(SpectraFrame.SPECTRUM, functions.col(SpectraFrame.SPECTRUM).as(SpectraFrame.SPECTRUM, metadata));
    }

    /** The files a path names: itself, the visible files of a folder, or a glob's matches, sorted. */
    static List<String> files(Configuration conf, String path) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matched = fs.globStatus(p);
        List<String> files = new ArrayList<>();
        if (matched == null) return files;
        for (FileStatus s : matched) {
            if (s.isDirectory()) {
                for (FileStatus f : fs.listStatus(s.getPath())) {
                    String n = f.getPath().getName();
                    if (f.isFile() && !n.startsWith(".") && !n.startsWith("_")) files.add(f.getPath().toString());
                }
            } else {
                files.add(s.getPath().toString());
            }
        }
        files.sort(null);
        return files;
    }

    /** Hadoop's configuration is not serializable; its entries are. */
    static final class SerializableConf implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final java.util.Map<String, String> entries = new java.util.HashMap<>();

        SerializableConf(Configuration conf) {
            for (var e : conf) entries.put(e.getKey(), e.getValue());
        }

        Configuration get() {
            Configuration c = new Configuration(false);
            entries.forEach(c::set);
            return c;
        }
    }

    /** The rows of one CSV file or image, read lazily chunk by chunk by the CLI's reader. */
    private static final class FileRows implements Iterator<InternalRow> {
        private static final int CHUNK = 256;
        private final String file;
        private final FileGroup.Local copy;
        private final UTF8String image;
        private final SpectraReader reader;
        private final SpectraChunk chunk;
        private int next;
        private boolean done;
        /** Spectra handed out: an image's rows are numbered by it, pixel after pixel, from 1. */
        private long ordinal;

        FileRows(FileGroup group, SerializableConf conf, ReadOptions options, double[] axis, List<String> meta, boolean images)
                throws IOException {
            this.file = group.primary();
            this.image = images ? UTF8String.fromString(file) : null;
            this.copy = group.local(conf.get());
            this.reader = copy.open(options);
            TableSchema s = reader.schema();
            List<String> names = s.meta().stream().map(MetaColumn::name).toList();
            if (!Arrays.equals(s.axis().values(), axis) || !names.equals(meta)) {
                close();
                throw new BadInputException(file, 0, 0, "its axis or metadata columns differ from the first file's: "
                        + "correct files (images) of one layout and axis together");
            }
            this.chunk = reader.newChunk(CHUNK);
            TaskContext task = TaskContext.get();
            if (task != null) task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> close());
        }

        @Override
        public boolean hasNext() {
            if (next < chunk.rows()) return true;
            if (done) return false;
            try {
                chunk.clear();
                next = 0;
                if (reader.read(chunk) == 0) {
                    done = true;
                    close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            } catch (BadInputException e) {
                throw e.renamed(copy.path().toString(), file);
            }
            return next < chunk.rows();
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) throw new NoSuchElementException();
            int r = next++;
            String[] m = chunk.meta(r);
            int k = m.length;
            Object[] v = new Object[k + (image == null ? 3 : 4)];
            for (int i = 0; i < k; i++) v[i] = UTF8String.fromString(m[i]);
            if (image != null) v[k++] = image;
            v[k++] = InternalFrames.doubles(chunk.values(), chunk.offset(r), chunk.points());
            v[k++] = UTF8String.fromString(file);
            v[k] = image != null ? ++ordinal : chunk.line(r);
            return new GenericInternalRow(v);
        }

        private void close() {
            try {
                reader.close();
                copy.close();
            } catch (IOException e) {
                // the rows are read; a temporary copy left behind is not worth failing the task
            }
        }
    }
}
