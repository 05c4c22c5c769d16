package io.descatter.spectra.image.parquet;

import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.SpectralImageWriter;
import io.descatter.spectra.io.StagedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes spectra as a Parquet table in descatter-spark's layout ({@link ParquetTable}): the metadata columns, then
 * {@code spectrum} as a list of float (no null elements: a missing value is NaN), the wavenumbers in Spark's schema in
 * the footer, Snappy-compressed as Spark writes by default, so that {@code spark.read().parquet(...)} and
 * descatter-spark read it as they read their own. The columns descatter adds (pixel position, scores, flags) are
 * typed as descatter-spark types them ({@link #TYPED}); all others are text. Staged beside the target and moved into
 * place at the commit.
 */
final class ParquetTableWriter implements SpectralImageWriter {
    /**
     * Columns written as numbers, with Spark's type name: the pixel position, and the scores and flags that
     * {@code correct} and {@code emsc} add (the names of {@code io.descatter.model.BatchCorrection} and of the emsc
     * command; ParquetFilesTest checks that they agree).
     */
    static final Map<String, String> TYPED = Map.ofEntries(
            Map.entry("map_x", "double"), Map.entry("map_y", "double"),
            Map.entry("confidence_ood", "double"), Map.entry("ood_flag", "integer"),
            Map.entry("scattering_share", "double"), Map.entry("scattering_flag", "integer"),
            Map.entry("background_level", "double"), Map.entry("background_flag", "integer"),
            Map.entry("signal_to_noise", "double"), Map.entry("noise_flag", "integer"),
            Map.entry("refine_change", "double"), Map.entry("refine_rmse", "double"), Map.entry("refine_flag", "integer"),
            Map.entry("emsc_iterations", "integer"), Map.entry("emsc_rmse", "double"));

    /** Row groups of 32 MB, as descatter-spark writes them (about 5,000 spectra of 1,556 float32 values). */
    static final long ROW_GROUP_BYTES = 32L << 20;

    private final StagedFile staged;
    private final ParquetWriter<Integer> writer;
    private final Rows rows;

    private ParquetTableWriter(StagedFile staged, ParquetWriter<Integer> writer, Rows rows) {
        this.staged = staged;
        this.writer = writer;
        this.rows = rows;
    }

    static ParquetTableWriter create(Path target, WavenumberAxis axis, List<String> metaNames) throws IOException {
        return create(target, axis, metaNames, true);
    }

    /** @param direct whether values may go straight to the column writers (false: parquet-java's events, for tests) */
    static ParquetTableWriter create(Path target, WavenumberAxis axis, List<String> metaNames, boolean direct) throws IOException {
        StagedFile staged = StagedFile.beside(target, "");
        try {
            Rows rows = new Rows(axis, metaNames, direct);
            ParquetWriter<Integer> writer = new Builder<>(new LocalOutputFile(staged.temp()), rows)
                    .withConf(new PlainParquetConfiguration())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    // descatter-spark's row groups (a reader holds one at a time; Spark splits files at them), and no
                    // dictionaries, as descatter-spark: measured spectra hardly repeat a value, and neither do most
                    // metadata (ids, fitted parameters); with them, correcting 60,000 simulated spectra with their 21
                    // parameter columns took 5.2 s instead of 4.5-4.7 s
                    .withRowGroupSize(ROW_GROUP_BYTES)
                    .withDictionaryEncoding(false)
                    .withStatisticsEnabled(SparkRowSchema.SPECTRUM + ".list.element", false)
                    .build();
            return new ParquetTableWriter(staged, writer, rows);
        } catch (IOException | RuntimeException | LinkageError e) {
            staged.close();
            if (e instanceof LinkageError) throw new IOException(target + ": Parquet's libraries could not start (" + e + ")", e);
            throw e;
        }
    }

    @Override
    public void write(double[] values, String[][] meta, int pixels) throws IOException {
        rows.values = values;
        rows.meta = meta;
        try {
            for (int p = 0; p < pixels; p++) writer.write(p);
        } catch (IllegalArgumentException e) {
            throw new IOException(staged.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void commit() throws IOException {
        writer.close();
        staged.commit();
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close(); // a no-op after commit
        } finally {
            staged.close();
        }
    }

    /** The rows of the current block, written by index. */
    private static final class Rows extends WriteSupport<Integer> {
        private final int points;
        private final boolean direct;
        private final List<String> metaNames;
        /** Spark's type of each metadata column: "string", "double" or "integer". */
        private final String[] types;
        private final MessageType schema;
        private final String footer;
        private final String wavenumbers;
        private RecordConsumer out;
        /** The row group's column store and a writer per column (the spectrum's last), or null: written by events. */
        private ColumnWriteStore store;
        private ColumnWriter[] columnWriters;
        double[] values;
        String[][] meta;

        Rows(WavenumberAxis axis, List<String> metaNames, boolean direct) {
            this.direct = direct;
            this.points = axis.size();
            this.metaNames = metaNames;
            this.types = new String[metaNames.size()];
            List<SparkRowSchema.Field> fields = new ArrayList<>();
            Types.MessageTypeBuilder b = Types.buildMessage();
            for (int m = 0; m < types.length; m++) {
                String name = metaNames.get(m);
                types[m] = TYPED.getOrDefault(name, "string");
                fields.add(new SparkRowSchema.Field(name, types[m]));
                switch (types[m]) {
                    case "double" -> b.optional(PrimitiveTypeName.DOUBLE).named(name);
                    case "integer" -> b.optional(PrimitiveTypeName.INT32).named(name);
                    default -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
                }
            }
            b.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .repeatedGroup().required(PrimitiveTypeName.FLOAT).named("element").named("list")
                    .named(SparkRowSchema.SPECTRUM);
            this.schema = b.named("spark_schema");
            this.footer = SparkRowSchema.of(fields, axis.values());
            this.wavenumbers = SparkRowSchema.list(axis.values());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            Map<String, String> extra = new HashMap<>();
            extra.put(SparkRowSchema.FOOTER_KEY, footer);
            extra.put(SparkRowSchema.WAVENUMBERS, wavenumbers); // the same, where a reader does not look into Spark's schema
            return new WriteContext(schema, extra);
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return init((ParquetConfiguration) null);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            // called again for each row group, with a new store
            out = recordConsumer;
            store = direct ? ColumnStores.of(recordConsumer) : null;
            if (store != null) {
                columnWriters = new ColumnWriter[types.length + 1];
                for (int i = 0; i < columnWriters.length; i++) columnWriters[i] = store.getColumnWriter(schema.getColumns().get(i));
                FloatValues.install(columnWriters[types.length], schema.getColumns().get(types.length));
            }
        }

        @Override
        public void write(Integer pixel) {
            if (store != null) writeDirect(pixel);
            else writeEvents(pixel);
        }

        /**
         * One row straight to the column writers, with the levels parquet-java's record consumer would work out from
         * its five events per value (start and end of a group and of a field, then the value); that bookkeeping was
         * most of the time of writing a spectrum. A metadata value has definition level 1, a null 0; the spectrum's
         * values all have definition level 2 (list and element present), the first repetition level 0, the others 1.
         */
        private void writeDirect(int p) {
            for (int m = 0; m < types.length; m++) {
                String cell = meta == null || meta[p] == null ? null : meta[p][m];
                ColumnWriter w = columnWriters[m];
                if (cell == null || cell.isEmpty()) {
                    w.writeNull(0, 0);
                    continue;
                }
                switch (types[m]) {
                    case "double" -> w.write(number(m, cell), 0, 1);
                    case "integer" -> w.write((int) number(m, cell), 0, 1);
                    default -> w.write(Binary.fromString(cell), 0, 1);
                }
            }
            ColumnWriter values = columnWriters[types.length];
            int from = p * points;
            values.write((float) this.values[from], 0, 2);
            for (int i = 1; i < points; i++) values.write((float) this.values[from + i], 1, 2);
            store.endRecord();
        }

        /** One row through the record consumer's events: where its column store cannot be reached. */
        private void writeEvents(int p) {
            out.startMessage();
            for (int m = 0; m < types.length; m++) {
                String cell = meta == null || meta[p] == null ? null : meta[p][m];
                if (cell == null || cell.isEmpty()) continue; // null
                out.startField(metaNames.get(m), m);
                switch (types[m]) {
                    case "double" -> out.addDouble(number(m, cell));
                    case "integer" -> out.addInteger((int) number(m, cell));
                    default -> out.addBinary(Binary.fromString(cell));
                }
                out.endField(metaNames.get(m), m);
            }
            int field = types.length;
            out.startField(SparkRowSchema.SPECTRUM, field);
            out.startGroup();
            out.startField("list", 0);
            int from = p * points;
            for (int i = 0; i < points; i++) {
                out.startGroup();
                out.startField("element", 0);
                out.addFloat((float) values[from + i]); // a missing value as NaN, as Spark's frames hold it
                out.endField("element", 0);
                out.endGroup();
            }
            out.endField("list", 0);
            out.endGroup();
            out.endField(SparkRowSchema.SPECTRUM, field);
            out.endMessage();
        }

        private double number(int m, String cell) {
            try {
                double v = Double.parseDouble(cell);
                if (types[m].equals("integer") && v != Math.rint(v)) throw new NumberFormatException();
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column " + metaNames.get(m) + " holds '" + cell + "', not "
                        + (types[m].equals("integer") ? "an integer" : "a number") + " as a Parquet " + types[m] + " column must");
            }
        }

        @Override
        public String getName() { return "descatter"; }
    }

    /** parquet-java's writer builder for a write support made beforehand (its own asks a subclass to make one). */
    static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> support;

        Builder(OutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<T> self() { return this; }

        @Override
        protected WriteSupport<T> getWriteSupport(org.apache.hadoop.conf.Configuration conf) { return support; }

        @Override
        protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) { return support; }
    }
}
