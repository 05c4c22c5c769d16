package io.descatter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.cli.Main;
import io.descatter.model.BatchCorrection;
import io.descatter.model.MemscRefinement;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same spectra corrected by the CLI and on Spark (CSV in, through Parquet and back): the same numbers, within
 * 1e-6 of the largest value, and the same confidence scores.
 */
class SameNumbersTest {
    static final String SAMPLE = "data-samples/sim_raw.csv.gz";
    static final Path MODEL = Path.of("models/descatter-default.zip");

    @TempDir
    Path dir;

    /**
     * The defaults (the band-free baseline subtracted, as the model's axis has both windows), the network's output as
     * it is ({@code --baseline none}), refined by ME-EMSC with each network correction as the reference
     * ({@code --refine}), and with the baseline asked for ({@code --baseline band-free}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "none", "refine", "band-free"})
    void sparkCorrectsAsTheCliDoes(String mode) throws Exception {
        boolean refine = mode.equals("refine");
        io.descatter.model.BandFreeBaseline.Choice baseline = switch (mode) {
            case "none" -> io.descatter.model.BandFreeBaseline.Choice.NONE;
            case "band-free" -> io.descatter.model.BandFreeBaseline.Choice.BAND_FREE;
            default -> io.descatter.model.BandFreeBaseline.Choice.AUTO;
        };
        Path cli = dir.resolve("cli.csv");
        // two threads: one BLAS thread per network replica, as on Spark
        List<String> args = new java.util.ArrayList<>(List.of("correct", SAMPLE, "-o", cli.toString(), "--model", MODEL.toString(), "--threads", "2"));
        if (refine) args.add("--refine");
        if (!mode.equals("auto") && !refine) args.addAll(List.of("--baseline", mode));
        assertEquals(0, Main.execute(args.toArray(new String[0])));
        Map<String, double[]> expected = new HashMap<>();
        Map<String, Double> expectedScore = new HashMap<>();
        Map<String, String> expectedTissue = new HashMap<>();
        Map<String, String[]> expectedFit = new HashMap<>();
        try (SpectraReader r = SpectraReader.open(InputSource.of(cli), ReadOptions.defaults())) {
            List<String> names = r.schema().meta().stream().map(m -> m.name()).toList();
            int score = names.indexOf(BatchCorrection.SCORE_COLUMN);
            int fit = names.indexOf(BatchCorrection.FIT_COLUMN);
            int fitFlag = names.indexOf(BatchCorrection.FIT_FLAG_COLUMN);
            assertEquals(refine, fit >= 0 && fitFlag >= 0, "the refinement's fit columns go with --refine");
            SpectraChunk c = r.newChunk(1000);
            r.read(c);
            for (int i = 0; i < c.rows(); i++) {
                expected.put(c.meta(i)[0], java.util.Arrays.copyOfRange(c.values(), c.offset(i), c.offset(i) + c.points()));
                expectedScore.put(c.meta(i)[0], Double.parseDouble(c.meta(i)[score]));
                expectedTissue.put(c.meta(i)[0], c.meta(i)[1]);
                if (refine) expectedFit.put(c.meta(i)[0], new String[] {c.meta(i)[fit], c.meta(i)[fitFlag]});
            }
        }

        SparkSession spark = LocalSpark.get();
        // One file is one partition, corrected in one batch as the CLI does: float GEMM results depend on the batch's
        // size in the last bits (the CLI's own --batch 100 and 1024 differ by 3e-6), so the batches are the same here.
        Dataset<Row> frame = SpectraSources.files(spark, SAMPLE, ReadOptions.defaults());
        String parquet = dir.resolve("corrected.parquet").toString();
        SpectraSinks.parquet(SparkCorrection.correct(frame, ModelBroadcast.of(MODEL), SparkCorrection.Options.defaults().withRefine(refine)
                .withBaseline(baseline)).frame(),
                parquet);
        Dataset<Row> back = SpectraSources.parquet(spark, parquet);
        assertEquals(SpectraFrame.axis(back), io.descatter.model.ModelStore.load(MODEL).axis(), "the axis travels in the Parquet schema");
        List<Row> rows = back.collectAsList();
        assertEquals(expected.size(), rows.size());
        double largest = 0, worst = 0;
        for (Row row : rows) {
            String id = row.getString(row.fieldIndex("id"));
            List<Float> got = row.getList(row.fieldIndex(SpectraFrame.SPECTRUM));
            double[] want = expected.get(id);
            assertEquals(want.length, got.size(), id);
            for (int k = 0; k < want.length; k++) {
                largest = Math.max(largest, Math.abs(want[k]));
                worst = Math.max(worst, Math.abs(want[k] - got.get(k)));
            }
            double score = row.getDouble(row.fieldIndex(BatchCorrection.SCORE_COLUMN));
            // the score is written to 4 digits and is float arithmetic over a batch: equal to 1e-3 of the threshold (1)
            assertEquals(expectedScore.get(id), score, 1e-3, id);
            assertEquals(expectedTissue.get(id), row.getString(row.fieldIndex("tissue")), "metadata pass through");
            if (refine) {
                assertEquals(MemscRefinement.NAME, row.getString(row.fieldIndex(BatchCorrection.BY_COLUMN)), id);
                // the fit's RMSE as a typed double (the CLI writes it to 4 digits) and its flag as an int
                double rmse = Double.parseDouble(expectedFit.get(id)[0]);
                assertEquals(rmse, row.getDouble(row.fieldIndex(BatchCorrection.FIT_COLUMN)), 1e-3 * rmse, id);
                assertEquals(Integer.parseInt(expectedFit.get(id)[1]), row.getInt(row.fieldIndex(BatchCorrection.FIT_FLAG_COLUMN)), id);
            }
        }
        System.out.printf("same numbers: largest difference %.3g, largest value %.3g%n", worst, largest);
        assertTrue(worst <= 1e-6 * largest, "largest difference " + worst + " of largest value " + largest);
    }
}
