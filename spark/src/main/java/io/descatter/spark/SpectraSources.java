package io.descatter.spark;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
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

    /** Whether {@code path} names Parquet: a .parquet file or folder, or a folder of them. */
    public static boolean isParquet(SparkSession spark, String path) throws IOException {
        if (path.toLowerCase(Locale.ROOT).endsWith(".parquet")) return true;
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(p) || !fs.getFileStatus(p).isDirectory()) return false;
        return Arrays.stream(fs.listStatus(p)).anyMatch(s -> s.getPath().getName().endsWith(".parquet"));
    }

    /** Parquet spectra, with the file and 1-based row of each as source columns. */
    public static Dataset<Row> parquet(SparkSession spark, String path) {
        Dataset<Row> d = spark.read().parquet(path);
        SpectraFrame.axis(d); // fails now, naming what is missing, rather than in a task
        return d.withColumn(SpectraFrame.SOURCE_FILE, functions.col("_metadata.file_path"))
                .withColumn(SpectraFrame.SOURCE_ROW, functions.col("_metadata.row_index").plus(1));
    }

    /**
     * CSV spectra: {@code path} is a file, a folder of them or a glob. All files must share the first one's axis and
     * metadata columns (a file that does not fails the job, named). Metadata columns are strings; the spectrum is
     * an array of double (the values as parsed, as the CLI has them).
     */
    public static Dataset<Row> csv(SparkSession spark, String path, ReadOptions given) throws IOException {
        // Empty and NaN cells are read as NaN, so that the correction's --on-bad-row decides about them (and --allow-nan
        // fills them); a cell that is not a number at all still fails the job, naming file, line and column.
        ReadOptions options = given.withAllowMissing(true);
        List<String> files = files(spark.sparkContext().hadoopConfiguration(), path);
        if (files.isEmpty()) throw new BadInputException(path, 0, 0, "no such file");
        TableSchema first;
        try (LocalCopy copy = LocalCopy.of(files.get(0), spark.sparkContext().hadoopConfiguration());
             SpectraReader reader = SpectraReader.open(InputSource.of(copy.path()), options)) {
            first = reader.schema();
        }
        List<StructField> fields = new ArrayList<>();
        for (MetaColumn c : first.meta()) fields.add(DataTypes.createStructField(c.name(), DataTypes.StringType, true));
        fields.add(new StructField(SpectraFrame.SPECTRUM, DataTypes.createArrayType(DataTypes.DoubleType, false), true,
                SpectraFrame.spectrumField(first.axis()).metadata()));
        fields.add(DataTypes.createStructField(SpectraFrame.SOURCE_FILE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(SpectraFrame.SOURCE_ROW, DataTypes.LongType, false));
        StructType schema = new StructType(fields.toArray(StructField[]::new));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConf conf = new SerializableConf(spark.sparkContext().hadoopConfiguration());
        double[] axis = first.axis().values();
        List<String> meta = first.meta().stream().map(MetaColumn::name).toList();
        // ReadOptions is not serializable: its parts travel
        io.descatter.spectra.io.Layout layout = options.layout();
        Character delimiter = options.delimiter();
        boolean comma = options.decimalComma();
        JavaRDD<InternalRow> rows = jsc.parallelize(files, files.size())
                .flatMap(file -> new FileRows(file, conf, new ReadOptions(layout, delimiter, true, comma), axis, meta));
        return InternalFrames.frame(spark, rows, schema);
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

    /** A file as a local path: itself on the local file system, else a copy in a temporary folder, deleted on close. */
    record LocalCopy(Path path, boolean temporary) implements AutoCloseable {
        static LocalCopy of(String file, Configuration conf) throws IOException {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
            FileSystem fs = p.getFileSystem(conf);
            if (fs.getUri().getScheme() == null || fs.getUri().getScheme().equals("file")) {
                return new LocalCopy(Path.of(p.toUri().getPath()), false);
            }
            Path dir = Files.createTempDirectory("descatter-csv-");
            Path local = dir.resolve(p.getName());
            fs.copyToLocalFile(p, new org.apache.hadoop.fs.Path(local.toUri()));
            return new LocalCopy(local, true);
        }

        @Override
        public void close() throws IOException {
            if (!temporary) return;
            Files.deleteIfExists(path);
            Files.deleteIfExists(path.getParent());
        }
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

    /** The rows of one CSV file, read lazily chunk by chunk by the CLI's reader. */
    private static final class FileRows implements Iterator<InternalRow> {
        private static final int CHUNK = 256;
        private final String file;
        private final LocalCopy copy;
        private final SpectraReader reader;
        private final SpectraChunk chunk;
        private int next;
        private boolean done;

        FileRows(String file, SerializableConf conf, ReadOptions options, double[] axis, List<String> meta) throws IOException {
            this.file = file;
            this.copy = LocalCopy.of(file, conf.get());
            this.reader = SpectraReader.open(InputSource.of(copy.path()), options);
            TableSchema s = reader.schema();
            List<String> names = s.meta().stream().map(MetaColumn::name).toList();
            if (!Arrays.equals(s.axis().values(), axis) || !names.equals(meta)) {
                close();
                throw new BadInputException(file, 0, 0, "its axis or metadata columns differ from the first file's: "
                        + "correct files of one layout and axis together");
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
            Object[] v = new Object[m.length + 3];
            for (int i = 0; i < m.length; i++) v[i] = UTF8String.fromString(m[i]);
            v[m.length] = InternalFrames.doubles(chunk.values(), chunk.offset(r), chunk.points());
            v[m.length + 1] = UTF8String.fromString(file);
            v[m.length + 2] = chunk.line(r);
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
