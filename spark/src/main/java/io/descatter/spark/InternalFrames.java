package io.descatter.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;

/**
 * Frames as Spark holds them inside (Catalyst's {@link InternalRow}, arrays as {@link UnsafeArrayData}), so that a
 * spectrum of a thousand values goes between Parquet and the network without a boxed {@code Float} or a {@link Row}
 * per row: the conversion to and from {@code Row} took two thirds of a job's time (measured). These are the entry
 * points Spark's own data sources use; they are not part of Spark's stable API and are kept to this class.
 */
final class InternalFrames {
    private InternalFrames() {
    }

    /**
     * The frame's rows as Spark computes them. A row may be reused by the iterator for the next one: {@code copy()}
     * what outlives a call of {@code next()}.
     */
    static JavaRDD<InternalRow> rows(Dataset<Row> frame) {
        return ((org.apache.spark.sql.classic.Dataset<Row>) frame).queryExecution().toRdd().toJavaRDD();
    }

    /** A frame of {@code rows} in {@code schema} (internal values: UTF8String, ArrayData, boxed primitives). */
    static Dataset<Row> frame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
    }

    /** {@code n} doubles of {@code values} from {@code offset} as an array<double> cell, copied once. */
    static UnsafeArrayData doubles(double[] values, int offset, int n) {
        return UnsafeArrayData.fromPrimitiveArray(values, Platform.DOUBLE_ARRAY_OFFSET + 8 * offset, n, 8);
    }

    /** {@code n} doubles of {@code values} from {@code offset} as an array<float> cell (the network's precision). */
    static UnsafeArrayData floats(double[] values, int offset, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) values[offset + i];
        return UnsafeArrayData.fromPrimitiveArray(f);
    }
}
