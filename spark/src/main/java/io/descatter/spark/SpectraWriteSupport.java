package io.descatter.spark;

import io.descatter.spectra.image.parquet.ColumnStores;
import io.descatter.spectra.image.parquet.FloatValues;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Spark's Parquet write support with a short path for the frames descatter writes: top-level strings, numbers and
 * arrays of float or double. The file is the same as Spark's (same schema, same 3-level lists, same footer with Spark's
 * schema and the axis). Each value goes straight to its column's {@link ColumnWriter} with its repetition and
 * definition levels, which is what parquet-java's record consumer works out from five events per array element
 * (start and end of a group and of a field, then the value): writing a spectrum of 1,000 floats takes about 75 us
 * through Spark's writers and about 35 us through the record consumer's events; given straight to the column writers,
 * a whole job ran 14-21 % faster per core than through those events (docs/SPARK.md). The column writers are reached
 * through the record consumer's store, a private field of parquet-java; where that is not there (another
 * parquet-java, validation switched on), and for any other schema or Spark's legacy list format, Spark's own code
 * writes the rows.
 */
public final class SpectraWriteSupport extends ParquetWriteSupport {
    private Column[] columns;
    private MessageType schema;
    /** The current row group's column store and one writer per column, or null where Spark's code writes. */
    private ColumnWriteStore store;
    private ColumnWriter[] writers;

    @Override
    public WriteContext init(Configuration conf) {
        WriteContext context = super.init(conf);
        String spark = conf.get(ParquetWriteSupport.SPARK_ROW_SCHEMA());
        boolean legacy = Boolean.parseBoolean(conf.get("spark.sql.parquet.writeLegacyFormat", "false"));
        columns = spark == null || legacy ? null : columns((StructType) DataType.fromJson(spark), context.getSchema());
        schema = context.getSchema();
        return context;
    }

    @Override
    public void prepareForWrite(RecordConsumer consumer) {
        super.prepareForWrite(consumer);
        // called again for each row group, with a new store
        store = columns == null ? null : ColumnStores.of(consumer);
        if (store != null) {
            writers = new ColumnWriter[columns.length];
            for (int i = 0; i < columns.length; i++) {
                writers[i] = store.getColumnWriter(schema.getColumns().get(i));
                if (columns[i].kind == Kind.FLOATS) FloatValues.install(writers[i], schema.getColumns().get(i));
            }
        }
    }

    @Override
    public void write(InternalRow row) {
        if (store == null) super.write(row);
        else writeDirect(row);
    }

    /**
     * One row straight to the column writers. Levels, as the record consumer assigns them for these schemas: a value
     * of a top-level column has repetition 0 and the leaf's full definition level; a null has definition 0. In a
     * list, the first element has repetition 0 and the next ones 1; an empty list is a null at the list group's own
     * definition level, a null element one at the level below the element's.
     */
    private void writeDirect(InternalRow row) {
        for (int i = 0; i < columns.length; i++) {
            ColumnWriter w = writers[i];
            Column c = columns[i];
            if (row.isNullAt(i)) {
                w.writeNull(0, 0);
                continue;
            }
            int d = c.definition;
            switch (c.kind) {
                case STRING -> w.write(Binary.fromReusedByteArray(row.getUTF8String(i).getBytes()), 0, d);
                case DOUBLE -> w.write(row.getDouble(i), 0, d);
                case FLOAT -> w.write(row.getFloat(i), 0, d);
                case INT -> w.write(row.getInt(i), 0, d);
                case LONG -> w.write(row.getLong(i), 0, d);
                case BOOLEAN -> w.write(row.getBoolean(i), 0, d);
                case FLOATS, DOUBLES -> {
                    ArrayData values = row.getArray(i);
                    int n = values.numElements();
                    if (n == 0) w.writeNull(0, c.listDefinition);
                    for (int k = 0; k < n; k++) {
                        int r = k == 0 ? 0 : 1;
                        if (values.isNullAt(k)) w.writeNull(r, d - 1);
                        else if (c.kind == Kind.FLOATS) w.write(values.getFloat(k), r, d);
                        else w.write(values.getDouble(k), r, d);
                    }
                }
            }
        }
        store.endRecord();
    }

    private enum Kind { STRING, DOUBLE, FLOAT, INT, LONG, BOOLEAN, FLOATS, DOUBLES }

    /**
     * @param definition the leaf's full definition level (a present value)
     * @param listDefinition for a list, the definition level of an empty one (its group present, no element)
     */
    record Column(Kind kind, int definition, int listDefinition) {
    }

    /** The columns' kinds, or null when a column is of another type (or laid out otherwise) than this class writes. */
    static Column[] columns(StructType spark, MessageType parquet) {
        // one leaf per top-level field, in the same order: the direct path finds each column's writer by position
        if (spark.fields().length != parquet.getFieldCount() || parquet.getColumns().size() != parquet.getFieldCount()) return null;
        Column[] c = new Column[spark.fields().length];
        for (int i = 0; i < c.length; i++) {
            Type p = parquet.getType(i);
            Kind k = kind(spark.fields()[i].dataType(), p);
            if (k == null || !p.getName().equals(spark.fields()[i].name())) return null;
            ColumnDescriptor leaf = parquet.getColumns().get(i);
            if (!leaf.getPath()[0].equals(p.getName())) return null;
            int listDefinition = p.isRepetition(Repetition.OPTIONAL) ? 1 : 0;
            c[i] = new Column(k, leaf.getMaxDefinitionLevel(), listDefinition);
        }
        return c;
    }

    private static Kind kind(DataType t, Type p) {
        if (t instanceof ArrayType a) {
            if (p.isPrimitive() || !standardList(p.asGroupType())) return null;
            return a.elementType() instanceof FloatType ? Kind.FLOATS : a.elementType() instanceof DoubleType ? Kind.DOUBLES : null;
        }
        if (!p.isPrimitive() || p.getLogicalTypeAnnotation() != null && !(t instanceof StringType)) return null;
        if (t instanceof StringType) return Kind.STRING;
        if (t instanceof DoubleType) return Kind.DOUBLE;
        if (t instanceof FloatType) return Kind.FLOAT;
        if (t instanceof IntegerType) return Kind.INT;
        if (t instanceof LongType) return Kind.LONG;
        if (t instanceof BooleanType) return Kind.BOOLEAN;
        return null;
    }

    private static boolean standardList(GroupType g) {
        if (g.getFieldCount() != 1 || g.getType(0).isPrimitive() || !g.getType(0).getName().equals("list")) return false;
        GroupType list = g.getType(0).asGroupType();
        return list.getFieldCount() == 1 && list.getType(0).isPrimitive() && list.getType(0).getName().equals("element");
    }
}
