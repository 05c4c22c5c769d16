package io.descatter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** A row that cannot be corrected fails the job naming file and row, or is skipped or nulled and counted. */
class BadRowsTest {
    /** The sample with spectrum 5 made null and spectrum 9 given a NaN (rows 6 and 10 of their file). */
    private static Dataset<Row> withBadRows() throws Exception {
        SparkSession spark = LocalSpark.get();
        Dataset<Row> f = SpectraSources.files(spark, SameNumbersTest.SAMPLE, ReadOptions.defaults());
        var meta = f.schema().apply(SpectraFrame.SPECTRUM).metadata();
        var spectrum = functions.col(SpectraFrame.SPECTRUM);
        var nan = functions.transform(spectrum, x -> functions.lit(Double.NaN));
        return f.withColumn(SpectraFrame.SPECTRUM, functions.when(functions.col("id").equalTo("sim_5"), functions.lit(null))
                .when(functions.col("id").equalTo("sim_9"), nan).otherwise(spectrum).as(SpectraFrame.SPECTRUM, meta));
    }

    private static SparkCorrection.Corrected correct(BadRows b) throws Exception {
        return SparkCorrection.correct(withBadRows(), ModelBroadcast.of(SameNumbersTest.MODEL), SparkCorrection.Options.defaults().withOnBadRow(b));
    }

    @Test
    void failNamesFileAndLine() throws Exception {
        Exception e = assertThrows(Exception.class, () -> correct(BadRows.FAIL).frame().collectAsList());
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof io.descatter.spectra.BadInputException)) t = t.getCause();
        assertTrue(t instanceof io.descatter.spectra.BadInputException, String.valueOf(e));
        assertTrue(t.getMessage().contains("sim_raw.csv.gz") && t.getMessage().contains("row 7: no spectrum (null)"), t.getMessage());
    }

    @Test
    void valuesThatLookLikeTransmittanceAreRefusedAsByTheCli() throws Exception {
        // checked on each partition's first batch, as the CLI checks a file's first batch
        Dataset<Row> f = SpectraSources.files(LocalSpark.get(), SameNumbersTest.SAMPLE, ReadOptions.defaults());
        var spectrum = functions.col(SpectraFrame.SPECTRUM);
        var transmittance = functions.transform(spectrum, a -> functions.pow(functions.lit(10.0), functions.negate(a)));
        Dataset<Row> t = f.withColumn(SpectraFrame.SPECTRUM, transmittance.as(SpectraFrame.SPECTRUM, f.schema().apply(SpectraFrame.SPECTRUM).metadata()));
        var c = SparkCorrection.correct(t, ModelBroadcast.of(SameNumbersTest.MODEL), SparkCorrection.Options.defaults().withBatch(16));
        Exception e = assertThrows(Exception.class, () -> c.frame().collectAsList());
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof io.descatter.spectra.BadInputException)) cause = cause.getCause();
        assertTrue(cause.getMessage().contains("--input-unit transmittance"), cause.getMessage());
    }

    @Test
    void skipLeavesOutAndCounts() throws Exception {
        SparkCorrection.Corrected c = correct(BadRows.SKIP);
        assertEquals(298, c.frame().count());
        assertEquals(2, c.badRows().value());
    }

    @Test
    void nullKeepsTheRowWithoutSpectrum() throws Exception {
        SparkCorrection.Corrected c = correct(BadRows.NULL);
        List<Row> rows = c.frame().collectAsList();
        assertEquals(300, rows.size());
        assertEquals(2, rows.stream().filter(r -> r.isNullAt(r.fieldIndex(SpectraFrame.SPECTRUM))).count());
        assertEquals(2, c.badRows().value());
    }

    @Test
    void entryPointConvertsAndCorrectsBothWays(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        LocalSpark.get();
        String parquet = dir.resolve("cells.parquet").toString();
        assertEquals(0, DescatterSpark.execute("convert", SameNumbersTest.SAMPLE, parquet));
        String corrected = dir.resolve("corrected.csv").toString();
        assertEquals(0, DescatterSpark.execute("correct", parquet, corrected, "--model", SameNumbersTest.MODEL.toString()));
        // the CLI's reader reads the part files back: all rows, on the model's axis
        long rows = 0;
        try (var parts = java.nio.file.Files.list(Path.of(corrected))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                try (var r = io.descatter.spectra.io.SpectraReader.open(io.descatter.spectra.io.InputSource.of(part), ReadOptions.defaults())) {
                    assertEquals(io.descatter.model.ModelStore.load(SameNumbersTest.MODEL).axis().size(), r.schema().axis().size());
                    var chunk = r.newChunk(512);
                    for (int n; (n = r.read(chunk)) > 0; ) rows += n;
                }
            }
        }
        assertEquals(300, rows);
        assertEquals(2, DescatterSpark.execute("convert", SameNumbersTest.SAMPLE, parquet), "an existing output is refused");
        assertEquals(3, DescatterSpark.execute("correct", dir.resolve("absent.parquet").toString(), dir.resolve("x.parquet").toString(),
                "--model", SameNumbersTest.MODEL.toString()));
    }
}
