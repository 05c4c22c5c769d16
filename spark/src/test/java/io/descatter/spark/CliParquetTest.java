package io.descatter.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.descatter.cli.Main;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's Parquet and descatter-spark's are one format: a file `descatter correct -o x.parquet` writes is read by
 * Spark with its axis and typed columns, converted by descatter-spark, and Spark's folder of part files read back by
 * the CLI's reader with every value and cell as written (the core's Parquet code running on Spark's libraries).
 */
class CliParquetTest {
    private record Rows(List<String> columns, List<String[]> cells, List<double[]> spectra, double[] axis) {
    }

    private static Rows readWithTheCli(Path file) throws IOException {
        try (SpectraReader r = SpectraReader.open(file.toString(), ReadOptions.defaults())) {
            int points = r.schema().axis().size();
            SpectraChunk chunk = r.newChunk(64);
            List<String[]> cells = new ArrayList<>();
            List<double[]> spectra = new ArrayList<>();
            int n;
            while ((n = r.read(chunk)) > 0) {
                for (int i = 0; i < n; i++) {
                    cells.add(chunk.meta(i).clone());
                    spectra.add(java.util.Arrays.copyOfRange(chunk.values(), i * points, (i + 1) * points));
                }
            }
            return new Rows(r.schema().meta().stream().map(m -> m.name()).toList(), cells, spectra, r.schema().axis().values());
        }
    }

    @Test
    void theCliAndSparkReadEachOthersParquet(@TempDir Path dir) throws IOException {
        Path cli = dir.resolve("cli.parquet");
        assertEquals(0, Main.newCommandLine().execute("correct", SameNumbersTest.SAMPLE, "-o", cli.toString(), "--model",
                SameNumbersTest.MODEL.toString(), "--threads", "2"));
        Rows written = readWithTheCli(cli);

        SparkSession spark = LocalSpark.get();
        Dataset<Row> frame = SpectraSources.parquet(spark, cli.toString());
        assertArrayEquals(written.axis(), SpectraFrame.axis(frame).values(), 0.0, "the axis from the spectrum column's metadata");
        assertEquals(DataTypes.DoubleType, frame.schema().apply("confidence_ood").dataType());
        assertEquals(DataTypes.IntegerType, frame.schema().apply("ood_flag").dataType());
        assertEquals(written.spectra().size(), frame.count());

        // Spark writes it again (Parquet to Parquet), as a folder of part files, which the CLI reads back whole
        Path folder = dir.resolve("spark.parquet");
        assertEquals(0, DescatterSpark.execute("convert", cli.toString(), folder.toString()));
        Rows back = readWithTheCli(folder);
        // the spectra's values carry no statistics (nothing filters on them); the other columns keep theirs
        java.nio.file.Path part;
        try (var parts = java.nio.file.Files.list(folder)) {
            part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        try (var r = org.apache.parquet.hadoop.ParquetFileReader.open(new org.apache.parquet.io.LocalInputFile(part))) {
            for (var column : r.getFooter().getBlocks().get(0).getColumns()) {
                boolean values = column.getPath().toDotString().equals("spectrum.list.element");
                assertEquals(values, column.getStatistics() == null || column.getStatistics().isEmpty(), column.getPath().toDotString());
            }
        }
        assertEquals(written.columns(), back.columns());
        assertArrayEquals(written.axis(), back.axis(), 0.0);
        // Spark keeps no row order across tasks: match rows by id
        java.util.Map<String, Integer> byId = new java.util.HashMap<>();
        for (int i = 0; i < back.cells().size(); i++) byId.put(back.cells().get(i)[0], i);
        assertEquals(written.cells().size(), byId.size());
        for (int i = 0; i < written.cells().size(); i++) {
            int j = byId.get(written.cells().get(i)[0]);
            assertArrayEquals(written.cells().get(i), back.cells().get(j), "row " + i);
            assertArrayEquals(written.spectra().get(i), back.spectra().get(j), 0.0, "row " + i);
        }
    }
}
