package io.descatter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.cli.Main;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ME-EMSC on Spark gives the numbers of {@code descatter emsc} (its defaults) on the same spectra, to 1e-6 of the largest value. */
class EmscSameNumbersTest {
    @TempDir
    Path dir;

    @Test
    void sparkEmscCorrectsAsTheCliDoes() throws Exception {
        Path raw = dir.resolve("raw.csv");
        Path reference = dir.resolve("epithelial.csv");
        assertEquals(0, Main.execute("simulate", "--n", "6", "--seed", "5", "-o", raw.toString()));
        assertEquals(0, Main.execute("simulate", "--typical", "epithelial", "-o", reference.toString()));
        Path cli = dir.resolve("cli.csv");
        assertEquals(0, Main.execute("emsc", "--threads", "2", raw.toString(), "-o", cli.toString(), "--reference", reference.toString()));
        Map<String, double[]> expected = new HashMap<>();
        Map<String, String> expectedIterations = new HashMap<>();
        int points;
        try (SpectraReader r = SpectraReader.open(InputSource.of(cli), ReadOptions.defaults())) {
            int iterations = r.schema().meta().stream().map(m -> m.name()).toList().indexOf("emsc_iterations");
            points = r.schema().axis().size();
            SpectraChunk c = r.newChunk(100);
            r.read(c);
            for (int i = 0; i < c.rows(); i++) {
                expected.put(c.meta(i)[0], Arrays.copyOfRange(c.values(), c.offset(i), c.offset(i) + c.points()));
                if (iterations >= 0) expectedIterations.put(c.meta(i)[0], c.meta(i)[iterations]);
            }
        }
        assertEquals(6, expected.size());

        LocalSpark.get();
        String out = dir.resolve("emsc.parquet").toString();
        assertEquals(0, DescatterSpark.execute("emsc", raw.toString(), out, "--reference", reference.toString()));
        var back = SpectraSources.parquet(LocalSpark.get(), out);
        assertEquals(points, SpectraFrame.axis(back).size(), "the CLI's output axis");
        List<Row> rows = back.collectAsList();
        assertEquals(6, rows.size());
        double largest = 0, worst = 0;
        for (Row row : rows) {
            String id = row.getString(row.fieldIndex("id"));
            double[] want = expected.get(id);
            List<Float> got = row.getList(row.fieldIndex(SpectraFrame.SPECTRUM));
            assertEquals(want.length, got.size(), id);
            for (int k = 0; k < want.length; k++) {
                largest = Math.max(largest, Math.abs(want[k]));
                worst = Math.max(worst, Math.abs(want[k] - got.get(k)));
            }
            if (expectedIterations.containsKey(id)) {
                assertEquals(expectedIterations.get(id), String.valueOf(row.getInt(row.fieldIndex("emsc_iterations"))), id);
            }
        }
        System.out.printf("emsc same numbers: largest difference %.3g, largest value %.3g%n", worst, largest);
        assertTrue(worst <= 1e-6 * largest, "largest difference " + worst + " of largest value " + largest);
    }
}
