package io.descatter.spectra.image.parquet;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
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
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Spectra in Parquet, in the layout descatter-spark reads and writes (docs/SPARK.md): a {@code spectrum} column
 * (list of float or double) whose wavenumbers are in Spark's schema in the footer, and any scalar columns as metadata
 * (text, as every format gives it; numbers in their shortest exact form). A file, or a folder of part files as Spark
 * writes it (its {@code *.parquet} files in name order, one axis for all). A plain list of spectra: row after row, read
 * row group by row group, so memory holds one row group at a time, whatever the table's size.
 */
final class ParquetTable implements SpectralImage {
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
     * The reading position: part by part, row group by row group, record by record. Blocks come in order from the
     * image reader; a block before the position starts again from the first part.
     */
    private final class Reading {
        private final MessageColumnIO columns;
        private final Rows rowsOut;
        private int part = -1;
        private ParquetFileReader file;
        private RecordReader<Object> records;
        private long leftInGroup;
        /** The table row the next record read is. */
        private long position;

        Reading(MessageType schema) {
            this.columns = new ColumnIOFactory().getColumnIO(schema);
            this.rowsOut = new Rows(schema);
        }

        void read(int firstRow, int count, double[] values, String[][] meta) throws IOException {
            if (firstRow < position) close();
            rowsOut.target(values, meta);
            while (position < firstRow) {
                nextRecord(false);
            }
            for (int r = 0; r < count; r++) {
                rowsOut.row(r);
                nextRecord(true);
                rowsOut.finish(position);
            }
        }

        /** Reads the record at {@link #position}, into the target row when {@code keep}, and advances. */
        private void nextRecord(boolean keep) throws IOException {
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
                records = columns.getRecordReader(group, rowsOut);
            }
            rowsOut.keep(keep);
            try {
                records.read();
            } catch (BadInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new BadInputException(partName(), 0, 0, "damaged Parquet data near row " + (position + 1) + " (" + oneLine(e) + ")");
            }
            leftInGroup--;
            position++;
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
     * Parquet's record assembly writing straight into the block's arrays: the spectrum's values into its row of
     * {@code values} (null elements and a null spectrum as NaN, missing values), each scalar as text into its row of
     * {@code meta}.
     */
    private final class Rows extends RecordMaterializer<Object> {
        private final GroupConverter root;
        private double[] values;
        private String[][] meta;
        private int row;
        private int count;
        private boolean keep;
        private boolean elementSeen;
        private String[] rowMeta;

        Rows(MessageType schema) {
            Converter[] children = new Converter[schema.getFieldCount()];
            int m = 0;
            for (int i = 0; i < children.length; i++) {
                Type t = schema.getType(i);
                children[i] = t.getName().equals(SparkRowSchema.SPECTRUM) ? spectrumConverter(t.asGroupType()) : scalarConverter(m++);
            }
            root = new GroupConverter() {
                @Override
                public Converter getConverter(int field) { return children[field]; }

                @Override
                public void start() {
                    count = 0;
                    if (keep && meta != null) {
                        rowMeta = new String[metaNames.size()];
                        Arrays.fill(rowMeta, "");
                    }
                }

                @Override
                public void end() {
                }
            };
        }

        void target(double[] values, String[][] meta) {
            this.values = values;
            this.meta = metaNames.isEmpty() ? null : meta;
        }

        void row(int r) { row = r; }

        void keep(boolean keep) { this.keep = keep; }

        /** Completes the row just read ({@code position} is the next one): a spectrum of another length is an error. */
        void finish(long position) {
            int n = axis.size();
            if (count == 0) {
                Arrays.fill(values, row * n, (row + 1) * n, Double.NaN); // a null spectrum: every value missing
            } else if (count != n) {
                throw new BadInputException(name, 0, 0, "row " + position + ": its spectrum has " + count + " values, the axis "
                        + n + " wavenumbers");
            }
            if (meta != null) meta[row] = rowMeta;
        }

        private void add(double v) {
            if (keep && count < axis.size()) values[row * axis.size() + count] = v;
            count++;
        }

        private Converter spectrumConverter(GroupType list) {
            Type repeated = list.getType(0);
            PrimitiveConverter element = new PrimitiveConverter() {
                @Override
                public void addFloat(float v) {
                    elementSeen = true;
                    add(v);
                }

                @Override
                public void addDouble(double v) {
                    elementSeen = true;
                    add(v);
                }
            };
            if (repeated.isPrimitive()) {
                return new GroupConverter() {
                    @Override
                    public Converter getConverter(int field) { return element; }

                    @Override
                    public void start() {
                    }

                    @Override
                    public void end() {
                    }
                };
            }
            GroupConverter entry = new GroupConverter() {
                @Override
                public Converter getConverter(int field) { return element; }

                @Override
                public void start() { elementSeen = false; }

                @Override
                public void end() {
                    if (!elementSeen) add(Double.NaN); // a null element
                }
            };
            return new GroupConverter() {
                @Override
                public Converter getConverter(int field) { return entry; }

                @Override
                public void start() {
                }

                @Override
                public void end() {
                }
            };
        }

        private Converter scalarConverter(int m) {
            return new PrimitiveConverter() {
                private void set(String s) {
                    if (keep && rowMeta != null) rowMeta[m] = s;
                }

                @Override
                public void addBinary(Binary v) { set(v.toStringUsingUTF8()); }

                @Override
                public void addBoolean(boolean v) { set(Boolean.toString(v)); }

                @Override
                public void addDouble(double v) { set(DoubleFormatter.exact().format(v)); }

                @Override
                public void addFloat(float v) { set(DoubleFormatter.exact().format(Double.parseDouble(Float.toString(v)))); }

                @Override
                public void addInt(int v) { set(Integer.toString(v)); }

                @Override
                public void addLong(long v) { set(Long.toString(v)); }
            };
        }

        @Override
        public Object getCurrentRecord() { return null; }

        @Override
        public GroupConverter getRootConverter() { return root; }
    }
}
