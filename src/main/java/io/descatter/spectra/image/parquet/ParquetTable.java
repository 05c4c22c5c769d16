package io.descatter.spectra.image.parquet;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.image.SequentialRows;
import io.descatter.spectra.image.SpectralImage;
import io.descatter.spectra.io.DoubleFormatter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Spectra in Parquet, in the layout descatter-spark reads and writes (docs/SPARK.md): a {@code spectrum} column
 * (list of float or double) whose wavenumbers are in Spark's schema in the footer, and any scalar columns as metadata
 * (text, as every format gives it; numbers in their shortest exact form). A file, or a folder of part files as Spark
 * writes it (its {@code *.parquet} files in name order, one axis for all). A plain list of spectra: row after row, read
 * row group by row group, so memory holds one row group at a time, whatever the table's size.
 */
final class ParquetTable implements SpectralImage, SequentialRows {
    private final String name;
    private final List<Path> parts;
    private final WavenumberAxis axis;
    private final List<String> metaNames;
    private final int rows;
    private final Reading reading;

    private ParquetTable(String name, List<Path> parts, WavenumberAxis axis, List<String> metaNames, long rows, MessageType schema) {
        this.name = name;
        this.parts = parts;
        this.axis = axis;
        this.metaNames = metaNames;
        this.rows = (int) rows;
        this.reading = new Reading(schema);
    }

    /** The part files of a folder as Spark writes it: its {@code .parquet} files (hidden ones and markers left out), by name. */
    static List<Path> partsOf(Path folder) throws IOException {
        List<Path> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.parquet")) {
            for (Path p : files) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && !n.startsWith("_") && Files.isRegularFile(p)) parts.add(p);
            }
        }
        parts.sort(null);
        return parts;
    }

    static ParquetTable open(Path file, String name) throws IOException {
        List<Path> parts = Files.isDirectory(file) ? partsOf(file) : List.of(file);
        if (parts.isEmpty()) throw new BadInputException(name, 0, 0, "a folder without .parquet part files");
        MessageType schema = null;
        double[] wavenumbers = null;
        long rows = 0;
        for (Path part : parts) {
            String partName = parts.size() == 1 && !Files.isDirectory(file) ? name : name + "/" + part.getFileName();
            try (ParquetFileReader r = openFile(part, partName)) {
                MessageType s = r.getFooter().getFileMetaData().getSchema();
                metaColumns(s, partName); // the columns first: a table without spectra needs no wavenumbers
                double[] w = wavenumbersOf(r, partName);
                if (schema == null) {
                    schema = s;
                    wavenumbers = w;
                } else if (!schema.equals(s)) {
                    throw new BadInputException(partName, 0, 0, "its columns differ from those of " + parts.get(0).getFileName()
                            + ": the part files of a folder must be one table");
                } else if (!Arrays.equals(wavenumbers, w)) {
                    throw new BadInputException(partName, 0, 0, "its wavenumbers differ from those of " + parts.get(0).getFileName()
                            + ": the part files of a folder must share one axis");
                }
                rows += r.getRecordCount();
            }
        }
        if (rows > Integer.MAX_VALUE) throw new BadInputException(name, 0, 0, rows + " rows: more than " + Integer.MAX_VALUE + " spectra in one table");
        List<String> meta = metaColumns(schema, name);
        WavenumberAxis axis;
        try {
            axis = WavenumberAxis.of(wavenumbers);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name, 0, 0, "its wavenumbers are not an axis: " + e.getMessage());
        }
        return new ParquetTable(name, parts, axis, meta, rows, schema);
    }

    private static ParquetFileReader openFile(Path part, String partName) throws IOException {
        try {
            return ParquetFileReader.open(new LocalInputFile(part), ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        } catch (RuntimeException | IOException e) {
            throw new BadInputException(partName, 0, 0, "not a readable Parquet file (" + oneLine(e) + ")");
        }
    }

    private static double[] wavenumbersOf(ParquetFileReader r, String partName) {
        String spark = r.getFooter().getFileMetaData().getKeyValueMetaData().get(SparkRowSchema.FOOTER_KEY);
        double[] w;
        try {
            w = spark == null ? null : SparkRowSchema.wavenumbers(spark);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(partName, 0, 0, e.getMessage());
        }
        if (w == null) {
            throw new BadInputException(partName, 0, 0, "no wavenumbers: descatter reads them from the metadata of the '"
                    + SparkRowSchema.SPECTRUM + "' column (Spark: df.withColumn(\"spectrum\", col(\"spectrum\").as(\"spectrum\", "
                    + "Metadata with \"wavenumbers\")); docs/SPARK.md, \"Layout of spectra\")");
        }
        return w;
    }

    /** The scalar columns, in order; the spectrum column must be a list of numbers, and no other column may be nested. */
    private static List<String> metaColumns(MessageType schema, String name) {
        List<String> meta = new ArrayList<>();
        boolean spectrum = false;
        for (Type t : schema.getFields()) {
            if (t.getName().equals(SparkRowSchema.SPECTRUM)) {
                if (elementOf(t) == null) {
                    throw new BadInputException(name, 0, 0, "its '" + SparkRowSchema.SPECTRUM + "' column is " + describe(t)
                            + ", not a list of float or double");
                }
                spectrum = true;
            } else if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)) {
                meta.add(t.getName());
            } else {
                throw new BadInputException(name, 0, 0, "column '" + t.getName() + "' is " + describe(t) + ": descatter reads a '"
                        + SparkRowSchema.SPECTRUM + "' list and scalar metadata columns; drop or flatten it first");
            }
        }
        if (!spectrum) throw new BadInputException(name, 0, 0, "no '" + SparkRowSchema.SPECTRUM + "' column (docs/SPARK.md, \"Layout of spectra\")");
        return List.copyOf(meta);
    }

    /**
     * The element type of a list column of numbers: three levels ({@code group (LIST) { repeated group list { element } }},
     * as Spark and parquet-java write) or two ({@code group (LIST) { repeated float array }}); null for anything else.
     */
    private static PrimitiveType elementOf(Type t) {
        if (t.isPrimitive() || !(t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) return null;
        GroupType list = t.asGroupType();
        if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) return null;
        Type repeated = list.getType(0);
        Type element = repeated.isPrimitive() ? repeated
                : repeated.asGroupType().getFieldCount() == 1 ? repeated.asGroupType().getType(0) : null;
        if (element == null || !element.isPrimitive()) return null;
        PrimitiveType p = element.asPrimitiveType();
        return switch (p.getPrimitiveTypeName()) {
            case FLOAT, DOUBLE -> p;
            default -> null;
        };
    }

    private static String describe(Type t) {
        return t.isPrimitive() ? "a repeated " + t.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT)
                : "a nested column (" + t.toString().replaceAll("\\s+", " ").trim() + ")";
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).trim();
    }

    @Override
    public String source() { return name; }

    @Override
    public WavenumberAxis axis() { return axis; }

    @Override
    public int width() { return 1; }

    @Override
    public int height() { return rows; }

    @Override
    public PixelGrid grid() { return null; }

    @Override
    public List<String> metaNames() { return metaNames; }

    @Override
    public synchronized void readRows(int firstRow, int count, double[] values, String[][] meta) throws IOException {
        reading.read(firstRow, count, values, meta);
    }

    @Override
    public void close() throws IOException {
        reading.close();
    }

    /**
     * The reading position: part by part, row group by row group, row by row, each column read by its own column
     * reader (parquet-java's record assembly cost about three times as much per value). Blocks come in order from the
     * image reader; a block before the position starts again from the first part.
     */
    private final class Reading {
        private final MessageType schema;
        /** The columns' leaves in schema order; the spectrum's at {@link #spectrumColumn}. */
        private final List<ColumnDescriptor> leaves;
        private final int spectrumColumn;
        /** Definition level at which a list entry exists (an element, null or not, in this row). */
        private final int entryLevel;
        private final ColumnReader[] readers;
        /** Values each reader has consumed in the row group: its last value's repetition level is left stale. */
        private final long[] consumed;
        private int part = -1;
        private ParquetFileReader file;
        private long leftInGroup;
        /** The table row the next row read is. */
        private long position;

        Reading(MessageType schema) {
            this.schema = schema;
            this.leaves = schema.getColumns();
            int s = -1;
            for (int i = 0; i < leaves.size(); i++) if (leaves.get(i).getPath()[0].equals(SparkRowSchema.SPECTRUM)) s = i;
            this.spectrumColumn = s;
            Type spectrum = schema.getType(SparkRowSchema.SPECTRUM);
            this.entryLevel = (spectrum.isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0) + 1;
            this.readers = new ColumnReader[leaves.size()];
            this.consumed = new long[leaves.size()];
        }

        /** Consumes the current value of column {@code c}; whether the next one continues the same row. */
        private boolean consume(int c) {
            readers[c].consume();
            return ++consumed[c] < readers[c].getTotalValueCount() && readers[c].getCurrentRepetitionLevel() > 0;
        }

        void read(int firstRow, int count, double[] values, String[][] meta) throws IOException {
            if (firstRow < position) close();
            while (position < firstRow) {
                nextGroupIfNeeded();
                for (int c = 0; c < readers.length; c++) skipRow(c);
                leftInGroup--;
                position++;
            }
            int points = axis.size();
            boolean withMeta = meta != null && !metaNames.isEmpty();
            for (int row = 0; row < count; row++) {
                nextGroupIfNeeded();
                position++;
                String[] cells = withMeta ? new String[metaNames.size()] : null;
                int m = 0;
                for (int c = 0; c < readers.length; c++) {
                    if (c == spectrumColumn) {
                        readSpectrum(c, values, row * points, points);
                    } else {
                        String cell = cell(c);
                        if (cells != null) cells[m] = cell;
                        m++;
                    }
                }
                if (cells != null) meta[row] = cells;
                leftInGroup--;
            }
        }

        /** The spectrum of the current row into {@code values} from {@code off}: null elements and a null spectrum as NaN. */
        private void readSpectrum(int c, double[] values, int off, int points) {
            ColumnReader r = readers[c];
            int maxDefinition = leaves.get(spectrumColumn).getMaxDefinitionLevel();
            boolean floats = leaves.get(spectrumColumn).getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FLOAT;
            int n = 0;
            do {
                int d = r.getCurrentDefinitionLevel();
                if (d >= entryLevel) {
                    double v = d == maxDefinition ? (floats ? r.getFloat() : r.getDouble()) : Double.NaN;
                    if (n < points) values[off + n] = v;
                    n++;
                }
            } while (consume(c));
            if (n == 0) {
                java.util.Arrays.fill(values, off, off + points, Double.NaN); // a null or empty spectrum: every value missing
            } else if (n != points) {
                throw new BadInputException(name, 0, 0, "row " + position + ": its spectrum has " + n + " values, the axis " + points
                        + " wavenumbers");
            }
        }

        /** The current row's value of a scalar column as text ("" for null), and on to the next row. */
        private String cell(int c) {
            ColumnReader r = readers[c];
            ColumnDescriptor leaf = leaves.get(c);
            String cell = "";
            if (r.getCurrentDefinitionLevel() == leaf.getMaxDefinitionLevel()) {
                cell = switch (leaf.getPrimitiveType().getPrimitiveTypeName()) {
                    case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> r.getBinary().toStringUsingUTF8();
                    case BOOLEAN -> Boolean.toString(r.getBoolean());
                    case INT32 -> Integer.toString(r.getInteger());
                    case INT64 -> Long.toString(r.getLong());
                    case FLOAT -> DoubleFormatter.exact().format(Double.parseDouble(Float.toString(r.getFloat())));
                    case DOUBLE -> DoubleFormatter.exact().format(r.getDouble());
                };
            }
            consume(c);
            return cell;
        }

        /** Steps over the current row of a column. */
        private void skipRow(int c) {
            do {
                readers[c].skip();
            } while (consume(c));
        }

        /** Opens the next row group (and part file) when the current one is read. */
        private void nextGroupIfNeeded() throws IOException {
            while (leftInGroup == 0) {
                PageReadStore group;
                try {
                    group = file == null ? null : file.readNextRowGroup();
                } catch (RuntimeException e) {
                    throw new BadInputException(partName(), 0, 0, "damaged Parquet data (" + oneLine(e) + ")");
                }
                if (group == null) {
                    if (file != null) file.close();
                    file = null;
                    if (++part >= parts.size()) throw new BadInputException(name, 0, 0, "fewer rows than its footers say");
                    file = openFile(parts.get(part), partName());
                    continue;
                }
                leftInGroup = group.getRowCount();
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, new NoRecords(schema), schema,
                        file.getFooter().getFileMetaData().getCreatedBy());
                for (int c = 0; c < readers.length; c++) readers[c] = store.getColumnReader(leaves.get(c));
                java.util.Arrays.fill(consumed, 0);
            }
        }

        private String partName() {
            return parts.size() == 1 ? name : name + "/" + parts.get(Math.max(part, 0)).getFileName();
        }

        void close() throws IOException {
            if (file != null) file.close();
            file = null;
            part = -1;
            leftInGroup = 0;
            position = 0;
        }
    }

    /**
     * The converters a column store asks for (one per leaf, found by path); the columns are read directly, so none is
     * ever given a value.
     */
    private static final class NoRecords extends GroupConverter {
        private final Converter[] fields;

        NoRecords(GroupType group) {
            fields = new Converter[group.getFieldCount()];
            for (int i = 0; i < fields.length; i++) {
                Type t = group.getType(i);
                fields[i] = t.isPrimitive() ? new PrimitiveConverter() {
                } : new NoRecords(t.asGroupType());
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) { return fields[fieldIndex]; }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
