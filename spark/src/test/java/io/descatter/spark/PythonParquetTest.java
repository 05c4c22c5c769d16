package io.descatter.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables as Python writes them are read as the CLI reads them: a wide frame (one column of numbers per wavenumber,
 * named by it, as pandas' to_parquet) and a spectrum list whose axis is the file's own "wavenumbers" entry.
 */
class PythonParquetTest {
    private static double[] spectrum(Row row) {
        List<Object> v = row.getList(row.fieldIndex(SpectraFrame.SPECTRUM));
        return v.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    @Test
    void aWideFrameBecomesTheSpectrumWithItsColumnNamesAsTheAxis(@TempDir Path dir) throws Exception {
        SparkSession spark = LocalSpark.get();
        StructType wide = new StructType().add("id", DataTypes.StringType).add("1004.5", DataTypes.DoubleType)
                .add("1002.5", DataTypes.DoubleType).add("1000.5", DataTypes.FloatType).add("n", DataTypes.IntegerType);
        String path = dir.resolve("wide.parquet").toString();
        spark.createDataFrame(List.of(RowFactory.create("a", 1.0, 2.0, 3f, 7), RowFactory.create("b", 4.0, null, 6f, 8)), wide)
                .coalesce(1).write().parquet(path);
        Dataset<Row> d = SpectraSources.parquet(spark, path);
        assertArrayEquals(new double[] {1004.5, 1002.5, 1000.5}, SpectraFrame.axis(d).values(), 0.0);
        List<Row> rows = d.orderBy("id").collectAsList();
        assertArrayEquals(new double[] {1, 2, 3}, spectrum(rows.get(0)), 0.0);
        assertEquals(8, rows.get(1).getInt(rows.get(1).fieldIndex("n")));
        assertEquals(null, rows.get(1).getList(rows.get(1).fieldIndex(SpectraFrame.SPECTRUM)).get(1), "a null value stays missing");
    }

    @Test
    void aListTakesItsAxisFromTheFilesWavenumbersEntry(@TempDir Path dir) throws Exception {
        var schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message m { optional binary id (STRING); optional group spectrum (LIST) { repeated group list { optional double element; } } }");
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("plain.parquet").toUri());
        try (var w = org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(file).withType(schema)
                .withExtraMetaData(Map.of("wavenumbers", "[1000, 1002.25]")).build()) {
            var groups = new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
            for (int i = 0; i < 2; i++) {
                var g = groups.newGroup().append("id", "r" + i);
                var list = g.addGroup("spectrum");
                list.addGroup("list").append("element", 1.0 + i);
                list.addGroup("list").append("element", 5.0);
                w.write(g);
            }
        }
        Dataset<Row> d = SpectraSources.parquet(LocalSpark.get(), dir.resolve("plain.parquet").toString());
        assertArrayEquals(new double[] {1000, 1002.25}, SpectraFrame.axis(d).values(), 0.0);
        assertArrayEquals(new double[] {2, 5}, spectrum(d.orderBy("id").collectAsList().get(1)), 0.0);
        // and the correction runs on it as on descatter's own layout
        String out = dir.resolve("out.parquet").toString();
        assertEquals(0, DescatterSpark.execute("convert", dir.resolve("plain.parquet").toString(), out));
    }
}
