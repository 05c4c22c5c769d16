package io.descatter.spark;

import org.apache.hadoop.mapreduce.Job;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.StructType;

/**
 * Spark's Parquet file format, written through {@link SpectraWriteSupport}: the same files, Spark's options, output
 * committers and task retries, with less CPU time per value. Used by name: {@code write().format(SpectraParquetFormat.NAME)}.
 */
public final class SpectraParquetFormat extends ParquetFileFormat {
    private static final long serialVersionUID = 1L;
    static final String NAME = SpectraParquetFormat.class.getName();

    @Override
    public OutputWriterFactory prepareWrite(SparkSession spark, Job job, scala.collection.immutable.Map<String, String> options,
            StructType schema) {
        OutputWriterFactory f = super.prepareWrite(spark, job, options, schema); // sets Spark's write support: replaced here
        job.getConfiguration().setClass(ParquetOutputFormat.WRITE_SUPPORT_CLASS, SpectraWriteSupport.class, WriteSupport.class);
        return f;
    }
}
