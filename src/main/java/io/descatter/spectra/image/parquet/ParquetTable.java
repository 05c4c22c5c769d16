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

    private ParquetTable(String name, List<Path> parts, WavenumberAxis axis, List<String> metaNames, long rows, MessageType schema,
            boolean wide) {
        this.name = name;
        this.parts = parts;
        this.axis = axis;
        this.metaNames = metaNames;
        this.rows = (int) rows;
        this.reading = new Reading(schema, wide);
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
                Columns columns = Columns.of(s, partName); // the columns first: a table without spectra needs no wavenumbers
                double[] w = columns.wide() ? columns.wavenumbers() : wavenumbersOf(r, partName);
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
        if (rows == 0) throw new BadInputException(name, 0, 0, "no spectra: the table has no rows");
        Columns columns = Columns.of(schema, name);
        WavenumberAxis axis;
        try {
            axis = WavenumberAxis.of(wavenumbers);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name, 0, 0, "its wavenumbers are not an axis: " + e.getMessage());
        }
        return new ParquetTable(name, parts, axis, columns.meta(), rows, schema, columns.wide());
    }

    private static ParquetFileReader openFile(Path part, String partName) throws IOException {
        try {
            return ParquetFileReader.open(new LocalInputFile(part), ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        } catch (RuntimeException | IOException e) {
            throw new BadInputException(partName, 0, 0, "not a readable Parquet file (" + oneLine(e) + ")");
        }
    }

    /**
     * The wavenumbers of a list layout: the {@code spectrum} column's Spark metadata, else the file's own metadata
     * entry {@value SparkRowSchema#WAVENUMBERS} (a JSON list, as pyarrow or any other writer can add).
     */
    private static double[] wavenumbersOf(ParquetFileReader r, String partName) {
        java.util.Map<String, String> footer = r.getFooter().getFileMetaData().getKeyValueMetaData();
        String spark = footer.get(SparkRowSchema.FOOTER_KEY);
        String plain = footer.get(SparkRowSchema.WAVENUMBERS);
        double[] w;
        try {
            w = spark == null ? null : SparkRowSchema.wavenumbers(spark);
            if (w == null && plain != null) w = SparkRowSchema.numbers(plain);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(partName, 0, 0, e.getMessage());
        }
        if (w == null) {
            throw new BadInputException(partName, 0, 0, "no wavenumbers for its '" + SparkRowSchema.SPECTRUM + "' column: give "
                    + "them as the file's metadata entry 'wavenumbers' (a JSON list; pyarrow: table.replace_schema_metadata("
                    + "{'wavenumbers': json.dumps(list(wn))})), as that column's Spark metadata, or write one column per "
                    + "wavenumber, named by it (docs/FORMATS.md, \"Parquet\")");
        }
        return w;
    }

    /**
     * How a table holds its spectra: a {@code spectrum} list column (descatter-spark's layout), or one column of
     * numbers per wavenumber, named by it (a wide frame, as pandas' {@code to_parquet} writes one); every other column
     * is scalar metadata.
     *
     * @param meta the metadata columns' names, in order
     * @param wavenumbers the wide layout's wavenumbers (its columns' names, in order); null for a list layout
     */
    private record Columns(List<String> meta, double[] wavenumbers) {
        boolean wide() { return wavenumbers != null; }

        static Columns of(MessageType schema, String name) {
            List<String> meta = new ArrayList<>();
            List<Double> wide = new ArrayList<>();
            boolean spectrum = schema.containsField(SparkRowSchema.SPECTRUM);
            for (Type t : schema.getFields()) {
                if (t.getName().equals(SparkRowSchema.SPECTRUM)) {
                    if (elementOf(t) == null) {
                        throw new BadInputException(name, 0, 0, "its '" + SparkRowSchema.SPECTRUM + "' column is " + describe(t)
                                + ", not a list of float or double");
                    }
                } else if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)) {
                    double w = spectrum ? Double.NaN : wavenumberNamed(t.asPrimitiveType());
                    if (Double.isNaN(w)) meta.add(t.getName());
                    else wide.add(w);
                } else {
                    throw new BadInputException(name, 0, 0, "column '" + t.getName() + "' is " + describe(t) + ": descatter reads a '"
                            + SparkRowSchema.SPECTRUM + "' list or columns named by wavenumbers, and scalar metadata columns; "
                            + "drop or flatten it first");
                }
            }
            if (spectrum) return new Columns(List.copyOf(meta), null);
            if (wide.size() < 2) {
                throw new BadInputException(name, 0, 0, "no '" + SparkRowSchema.SPECTRUM + "' column and no columns of numbers named "
                        + "by wavenumbers (docs/FORMATS.md, \"Parquet\")");
            }
            return new Columns(List.copyOf(meta), wide.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** The wavenumber a column of numbers is named by ("1000.89"), or NaN for any other column. */
        private static double wavenumberNamed(PrimitiveType t) {
            switch (t.getPrimitiveTypeName()) {
                case FLOAT, DOUBLE, INT32, INT64 -> {
                }
                default -> {
                    return Double.NaN;
                }
            }
            if (t.getLogicalTypeAnnotation() != null) return Double.NaN; // dates, decimals, ...
            return ParquetFormat.wavenumberNamed(t.getName());
        }
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
        if (t.isPrimitive()) return "a repeated " + typeName(t);
        // a list of something else than numbers: name what it holds
        if (t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && t.asGroupType().getFieldCount() == 1) {
            Type repeated = t.asGroupType().getType(0);
            Type element = repeated.isPrimitive() ? repeated : repeated.asGroupType().getFieldCount() == 1 ? repeated.asGroupType().getType(0) : null;
            if (element != null && element.isPrimitive()) return "a list of " + typeName(element);
        }
        return "a nested column (" + t.toString().replaceAll("\\s+", " ").trim() + ")";
    }

    private static String typeName(Type primitive) {
        return primitive.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT);
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
    public synchronized boolean readRows(int firstRow, int count, double[] values, String[][] meta) throws IOException {
        reading.read(firstRow, count, values, meta);
        return false; // not looked at: the reader checks them
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
        /** The list layout's spectrum leaf; -1 in the wide layout. */
        private final int spectrumColumn;
        /** The wide layout: each leaf's point of the axis, -1 for a metadata column; null in the list layout. */
        private final int[] pointOf;
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

        Reading(MessageType schema, boolean wide) {
            this.schema = schema;
            this.leaves = schema.getColumns();
            int s = -1;
            for (int i = 0; i < leaves.size(); i++) if (leaves.get(i).getPath()[0].equals(SparkRowSchema.SPECTRUM)) s = i;
            this.spectrumColumn = wide ? -1 : s;
            if (wide) {
                pointOf = new int[leaves.size()];
                int k = 0;
                for (int i = 0; i < leaves.size(); i++) {
                    pointOf[i] = Double.isNaN(Columns.wavenumberNamed(leaves.get(i).getPrimitiveType())) ? -1 : k++;
                }
                entryLevel = 0;
            } else {
                pointOf = null;
                Type spectrum = schema.getType(SparkRowSchema.SPECTRUM);
                entryLevel = (spectrum.isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0) + 1;
            }
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
                    } else if (pointOf != null && pointOf[c] >= 0) {
                        values[row * points + pointOf[c]] = number(c);
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

        /** The current row's value of a column of numbers (NaN for null, a missing value), and on to the next row. */
        private double number(int c) {
            ColumnReader r = readers[c];
            ColumnDescriptor leaf = leaves.get(c);
            double v = Double.NaN;
            if (r.getCurrentDefinitionLevel() == leaf.getMaxDefinitionLevel()) {
                v = switch (leaf.getPrimitiveType().getPrimitiveTypeName()) {
                    case FLOAT -> r.getFloat();
                    case DOUBLE -> r.getDouble();
                    case INT32 -> r.getInteger();
                    case INT64 -> r.getLong();
                    default -> throw new IllegalStateException("not a column of numbers: " + leaf);
                };
            }
            consume(c);
            return v;
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
