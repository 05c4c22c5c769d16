package io.descatter.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
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
 * arrays of float or double. It sends Parquet the same record events as Spark's (same schema, same 3-level lists, same
 * footer with Spark's schema and the axis), from one loop per array instead of a chain of closures per value: writing
 * a spectrum of 1,000 floats took about 75 us through Spark's writers and takes about 35 us here (parquet-java's own
 * cost; measured). Any other schema, or Spark's legacy list format, is written by Spark's code unchanged.
 */
public final class SpectraWriteSupport extends ParquetWriteSupport {
    private Column[] columns;
    private RecordConsumer out;

    @Override
    public WriteContext init(Configuration conf) {
        WriteContext context = super.init(conf);
        String spark = conf.get(ParquetWriteSupport.SPARK_ROW_SCHEMA());
        boolean legacy = Boolean.parseBoolean(conf.get("spark.sql.parquet.writeLegacyFormat", "false"));
        columns = spark == null || legacy ? null : columns((StructType) DataType.fromJson(spark), context.getSchema());
        return context;
    }

    @Override
    public void prepareForWrite(RecordConsumer consumer) {
        super.prepareForWrite(consumer);
        out = consumer;
    }

    @Override
    public void write(InternalRow row) {
        if (columns == null) {
            super.write(row);
            return;
        }
        out.startMessage();
        for (int i = 0; i < columns.length; i++) {
            if (row.isNullAt(i)) continue;
            Column c = columns[i];
            out.startField(c.name, i);
            switch (c.kind) {
                case STRING -> out.addBinary(Binary.fromReusedByteArray(row.getUTF8String(i).getBytes()));
                case DOUBLE -> out.addDouble(row.getDouble(i));
                case FLOAT -> out.addFloat(row.getFloat(i));
                case INT -> out.addInteger(row.getInt(i));
                case LONG -> out.addLong(row.getLong(i));
                case BOOLEAN -> out.addBoolean(row.getBoolean(i));
                case FLOATS, DOUBLES -> array(row.getArray(i), c.kind == Kind.FLOATS);
            }
            out.endField(c.name, i);
        }
        out.endMessage();
    }

    /** A 3-level list, as Spark writes it: group { repeated group list { element } }, a null element as an empty group. */
    private void array(ArrayData values, boolean floats) {
        out.startGroup();
        int n = values.numElements();
        if (n > 0) {
            out.startField("list", 0);
            for (int k = 0; k < n; k++) {
                out.startGroup();
                if (!values.isNullAt(k)) {
                    out.startField("element", 0);
                    if (floats) out.addFloat(values.getFloat(k));
                    else out.addDouble(values.getDouble(k));
                    out.endField("element", 0);
                }
                out.endGroup();
            }
            out.endField("list", 0);
        }
        out.endGroup();
    }

    private enum Kind { STRING, DOUBLE, FLOAT, INT, LONG, BOOLEAN, FLOATS, DOUBLES }

    record Column(String name, Kind kind) {
    }

    /** The columns' kinds, or null when a column is of another type (or laid out otherwise) than this class writes. */
    static Column[] columns(StructType spark, MessageType parquet) {
        if (spark.fields().length != parquet.getFieldCount()) return null;
        Column[] c = new Column[spark.fields().length];
        for (int i = 0; i < c.length; i++) {
            Type p = parquet.getType(i);
            Kind k = kind(spark.fields()[i].dataType(), p);
            if (k == null || !p.getName().equals(spark.fields()[i].name())) return null;
            c[i] = new Column(p.getName(), k);
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
