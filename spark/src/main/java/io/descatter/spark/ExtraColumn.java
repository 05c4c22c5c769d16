package io.descatter.spark;

import java.io.Serializable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** A column a correction adds (a score, a flag, a fit parameter): the CLI writes it as text, here it is typed. */
record ExtraColumn(String name, DataType type) implements Serializable {
    static ExtraColumn real(String name) { return new ExtraColumn(name, DataTypes.DoubleType); }

    static ExtraColumn integer(String name) { return new ExtraColumn(name, DataTypes.IntegerType); }

    static ExtraColumn text(String name) { return new ExtraColumn(name, DataTypes.StringType); }

    StructField field() { return DataTypes.createStructField(name, type, true); }

    /** The cell's value, typed (null for an empty cell). */
    Object parse(String cell) {
        if (cell == null || cell.isEmpty()) return null;
        if (type.equals(DataTypes.DoubleType)) return Double.parseDouble(cell);
        if (type.equals(DataTypes.IntegerType)) return Integer.parseInt(cell);
        return cell;
    }

    /** As {@link #parse}, as Spark holds the value inside (text as UTF8String). */
    Object internal(String cell) {
        Object v = parse(cell);
        return v instanceof String s ? org.apache.spark.unsafe.types.UTF8String.fromString(s) : v;
    }
}
