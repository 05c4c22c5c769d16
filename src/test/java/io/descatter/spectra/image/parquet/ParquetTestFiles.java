package io.descatter.spectra.image.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Parquet files written by parquet-java's own example writer, not by descatter's: other tools' layouts (two-level
 * lists, double elements, no wavenumbers), broken tables, and Spark's footer written by hand.
 */
public final class ParquetTestFiles {
    /** Spark's 3-level list of float, as Spark writes an {@code array<float>} column, after an id. */
    public static final String SPARK_LIKE = "message spark_schema { optional binary id (STRING); "
            + "optional group spectrum (LIST) { repeated group list { required float element; } } }";

    private ParquetTestFiles() {
    }

    /** Spark's footer entry for an id column and the spectrum with these wavenumbers. */
    public static Map<String, String> sparkFooter(double... wavenumbers) {
        return Map.of(SparkRowSchema.FOOTER_KEY, SparkRowSchema.of(List.of(new SparkRowSchema.Field("id", "string")), wavenumbers));
    }

    /** Writes rows filled by {@code fill} (called with each new row and its index) under {@code schema}. */
    public static Path write(Path file, String schema, Map<String, String> footer, int rows, RowFiller fill) throws IOException {
        return write(file, MessageTypeParser.parseMessageType(schema), footer, rows, fill);
    }

    /** As {@link #write(Path, String, Map, int, RowFiller)}, for a schema built in code (column names the parser refuses). */
    public static Path write(Path file, MessageType type, Map<String, String> footer, int rows, RowFiller fill) throws IOException {
        return write(file, type, footer, rows, fill, ParquetWriter.DEFAULT_BLOCK_SIZE);
    }

    /** As {@link #write(Path, MessageType, Map, int, RowFiller)}, in row groups of about {@code rowGroupBytes}. */
    public static Path write(Path file, MessageType type, Map<String, String> footer, int rows, RowFiller fill, long rowGroupBytes)
            throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> w = new ParquetTableWriter.Builder<>(new LocalOutputFile(file), new Support(type, footer))
                .withConf(new PlainParquetConfiguration()).withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize(rowGroupBytes).withPageSize(1024).build()) {
            for (int r = 0; r < rows; r++) {
                Group g = groups.newGroup();
                fill.fill(g, r);
                w.write(g);
            }
        }
        return file;
    }

    /** Fills one row. */
    public interface RowFiller {
        void fill(Group row, int index);
    }

    /** A 3-level list of float values under {@code spectrum}. */
    public static void floats(Group row, float... values) {
        Group list = row.addGroup("spectrum");
        for (float v : values) list.addGroup("list").append("element", v);
    }

    /** parquet-java's example group writer, with footer entries. */
    private static final class Support extends WriteSupport<Group> {
        private final MessageType schema;
        private final Map<String, String> footer;
        private GroupWriter writer;

        Support(MessageType schema, Map<String, String> footer) {
            this.schema = schema;
            this.footer = footer;
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) { return new WriteContext(schema, footer); }

        @Override
        public WriteContext init(ParquetConfiguration conf) { return new WriteContext(schema, footer); }

        @Override
        public void prepareForWrite(RecordConsumer consumer) { writer = new GroupWriter(consumer, schema); }

        @Override
        public void write(Group record) { writer.write(record); }
    }
}
