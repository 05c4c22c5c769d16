package io.descatter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SpectraParquetFormat writes what Spark's Parquet writer writes: rows, nulls, empty arrays and the schema's metadata. */
class SpectraParquetFormatTest {
    private static final Metadata AXIS = new MetadataBuilder().putDoubleArray("wavenumbers", new double[] {1000, 1001}).build();
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, true).add("x", DataTypes.DoubleType, true).add("n", DataTypes.IntegerType, true)
            .add("k", DataTypes.LongType, true).add("ok", DataTypes.BooleanType, true).add("f", DataTypes.FloatType, true)
            .add("spectrum", DataTypes.createArrayType(DataTypes.FloatType, false), true, AXIS)
            .add("d", DataTypes.createArrayType(DataTypes.DoubleType, true), true);

    private static Dataset<Row> frame(SparkSession spark) {
        List<Row> rows = List.of(
                RowFactory.create("a", 1.5, 1, 10L, true, 0.5f, new float[] {1.25f, -2f}, new Double[] {1.0, null, 3.0}),
                RowFactory.create(null, null, null, null, null, null, null, null),
                RowFactory.create("c", Double.NaN, -3, Long.MAX_VALUE, false, Float.NaN, new float[0], new Double[0]));
        return spark.createDataFrame(rows, SCHEMA).repartition(1);
    }

    @Test
    void writesAsSparksParquetWriter(@TempDir Path dir) {
        SparkSession spark = LocalSpark.get();
        String ours = dir.resolve("ours.parquet").toString();
        String sparks = dir.resolve("sparks.parquet").toString();
        frame(spark).write().format(SpectraParquetFormat.NAME).save(ours);
        frame(spark).write().parquet(sparks);
        Dataset<Row> a = spark.read().parquet(ours);
        Dataset<Row> b = spark.read().parquet(sparks);
        assertEquals(b.schema().json(), a.schema().json()); // metadata (the axis) included
        assertEquals(AXIS, a.schema().apply("spectrum").metadata());
        assertEquals(rows(b), rows(a));
    }

    @Test
    void writesManyRowGroupsAsSparksParquetWriter(@TempDir Path dir) throws Exception {
        // the column writers change with each row group: rows of 300 floats in row groups of 1 MB
        SparkSession spark = LocalSpark.get();
        StructType schema = new StructType().add("id", DataTypes.StringType, true)
                .add("spectrum", DataTypes.createArrayType(DataTypes.FloatType, false), true, AXIS);
        java.util.Random random = new java.util.Random(3);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            float[] v = new float[i % 97 == 0 ? 0 : 300];
            for (int k = 0; k < v.length; k++) v[k] = (float) random.nextGaussian();
            rows.add(RowFactory.create(i % 13 == 0 ? null : "s" + i, i % 89 == 0 ? null : v));
        }
        Dataset<Row> f = spark.createDataFrame(rows, schema).repartition(1);
        String ours = dir.resolve("ours.parquet").toString();
        f.write().format(SpectraParquetFormat.NAME).option("parquet.block.size", 1 << 20).save(ours);
        f.write().parquet(dir.resolve("sparks.parquet").toString());
        assertEquals(rows(spark.read().parquet(dir.resolve("sparks.parquet").toString())), rows(spark.read().parquet(ours)));
        Path part;
        try (var files = java.nio.file.Files.list(Path.of(ours))) {
            part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(part.toUri()), new org.apache.hadoop.conf.Configuration()))) {
            int groups = reader.getFooter().getBlocks().size();
            org.junit.jupiter.api.Assertions.assertTrue(groups > 1, "row groups: " + groups);
        }
    }

    @Test
    void reachesParquetJavasColumnWriters() {
        // the short path writes to the record consumer's column store; without it every value would take the slower events
        var parquet = new SparkToParquetSchemaConverter(new SQLConf()).convert(SCHEMA);
        var store = new org.apache.parquet.column.impl.ColumnWriteStoreV1(parquet, path -> null,
                org.apache.parquet.column.ParquetProperties.builder().build());
        var consumer = new org.apache.parquet.io.ColumnIOFactory().getColumnIO(parquet).getRecordWriter(store);
        org.junit.jupiter.api.Assertions.assertSame(store, io.descatter.spectra.image.parquet.ColumnStores.of(consumer));
        assertNull(io.descatter.spectra.image.parquet.ColumnStores.of(new org.apache.parquet.io.RecordConsumerLoggingWrapper(consumer)));
    }

    @Test
    void takesItsShortPathForSpectraAndSparksForOtherTypes() {
        var converter = new SparkToParquetSchemaConverter(new SQLConf());
        assertNotNull(SpectraWriteSupport.columns(SCHEMA, converter.convert(SCHEMA)));
        StructType timed = SCHEMA.add("t", DataTypes.TimestampType, true);
        assertNull(SpectraWriteSupport.columns(timed, converter.convert(timed)));
    }

    @Test
    void writesOtherTypesThroughSparksCode(@TempDir Path dir) {
        SparkSession spark = LocalSpark.get();
        String path = dir.resolve("t.parquet").toString();
        Dataset<Row> f = spark.createDataFrame(List.of(RowFactory.create("a", Timestamp.valueOf("2024-01-02 03:04:05"))),
                new StructType().add("id", DataTypes.StringType).add("t", DataTypes.TimestampType));
        f.write().format(SpectraParquetFormat.NAME).save(path);
        assertEquals(rows(f), rows(spark.read().parquet(path)));
    }

    private static List<String> rows(Dataset<Row> f) {
        return f.collectAsList().stream().map(r -> Arrays.deepToString(values(r))).sorted().toList();
    }

    private static Object[] values(Row r) {
        Object[] v = new Object[r.length()];
        for (int i = 0; i < v.length; i++) v[i] = r.get(i) instanceof scala.collection.Seq<?> s ? scala.jdk.javaapi.CollectionConverters.asJava(s).toString() : r.get(i);
        return v;
    }
}
