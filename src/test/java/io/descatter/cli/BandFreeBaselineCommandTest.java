package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.model.BandFreeBaseline;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code correct --baseline band-free} and {@code evaluate --baseline band-free} on the shipped samples. */
class BandFreeBaselineCommandTest {
    private static final String RAW = "data-samples/sim_raw.csv.gz";

    @TempDir
    Path dir;

    @Test
    void correctSubtractsTheBaselineFromTheNetworksCorrectionAndKeepsItsScores() throws Exception {
        Path plain = dir.resolve("plain.csv");
        Path flat = dir.resolve("flat.csv");
        assertEquals(0, Cli.run("correct", RAW, "--baseline", "none", "-o", plain.toString()).exitCode());
        Cli.Run run = Cli.run("correct", RAW, "--baseline", "band-free", "-o", flat.toString());
        assertEquals(0, run.exitCode(), run::toString);
        SpectraTable a = SpectraTable.read(plain.toString());
        SpectraTable b = SpectraTable.read(flat.toString());
        WavenumberAxis axis = b.schema().axis();
        BandFreeBaseline baseline = BandFreeBaseline.on(axis);
        double[] w = axis.values();
        for (int s = 0; s < a.size(); s++) {
            double[] expected = a.spectra().get(s).clone();
            baseline.subtract(expected, 0);
            // both written as floats: the baseline taken from the doubles, or from the floats read back
            assertArrayEquals(expected, b.spectra().get(s), 2e-6, "spectrum " + s);
            assertArrayEquals(a.meta().get(s), b.meta().get(s), "id, tissue and the scores of the network's correction");
            double silent = 0;
            int n = 0;
            for (int i = 0; i < w.length; i++) {
                if (w[i] >= 1800 && w[i] <= 2000) {
                    silent += b.spectra().get(s)[i];
                    n++;
                }
            }
            assertEquals(0, silent / n, 1e-6, "the silent window of spectrum " + s);
        }
    }

    /** The default subtracts the baseline for the default model, whose axis has both windows; the fingerprint model's does not. */
    @Test
    void theDefaultIsTheBaselineWhereTheModelsAxisHasTheWindows() throws Exception {
        Path byDefault = dir.resolve("default.csv");
        Path flat = dir.resolve("flat.csv");
        assertEquals(0, Cli.run("correct", RAW, "-o", byDefault.toString()).exitCode());
        assertEquals(0, Cli.run("correct", RAW, "--baseline", "band-free", "-o", flat.toString()).exitCode());
        assertEquals(Files.readString(flat), Files.readString(byDefault), "the default model: band-free");
        Path fpDefault = dir.resolve("fp_default.csv");
        Path fpNone = dir.resolve("fp_none.csv");
        Cli.Run fp = Cli.run("correct", RAW, "--model", "models/descatter-fingerprint.zip", "-o", fpDefault.toString());
        assertEquals(0, fp.exitCode(), fp::toString);
        assertTrue(fp.err().contains("no band-free baseline subtracted: descatter-fingerprint.zip's axis (1000.89-1799.29 cm-1) does not "
                + "reach both band-free windows"), fp::toString);
        assertEquals(0, Cli.run("correct", RAW, "--model", "models/descatter-fingerprint.zip", "--baseline", "none", "-o",
                fpNone.toString()).exitCode());
        assertEquals(Files.readString(fpNone), Files.readString(fpDefault), "the fingerprint model: no window above 1800 cm-1, none");
        assertTrue(BandFreeBaseline.Choice.AUTO.subtractsOn(SpectraTable.read(RAW).schema().axis()));
    }

    /** With a refinement (and so a fallback) the baseline is subtracted from what replaced the network's correction. */
    @Test
    void aRefinedCorrectionLosesTheBaselineAfterItsRefinement() throws Exception {
        Path few = dir.resolve("few.csv");
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                Files.newInputStream(Path.of(RAW))), java.nio.charset.StandardCharsets.UTF_8))) {
            Files.write(few, in.lines().limit(13).toList()); // the header and 12 spectra
        }
        Path plain = dir.resolve("refined_none.csv");
        Path byDefault = dir.resolve("refined.csv");
        assertEquals(0, Cli.run("correct", few.toString(), "--refine", "--baseline", "none", "-o", plain.toString()).exitCode());
        assertEquals(0, Cli.run("correct", few.toString(), "--refine", "-o", byDefault.toString()).exitCode());
        SpectraTable a = SpectraTable.read(plain.toString());
        SpectraTable b = SpectraTable.read(byDefault.toString());
        BandFreeBaseline baseline = BandFreeBaseline.on(b.schema().axis());
        assertEquals(12, b.size());
        for (int s = 0; s < a.size(); s++) {
            double[] expected = a.spectra().get(s).clone();
            baseline.subtract(expected, 0);
            assertArrayEquals(expected, b.spectra().get(s), 2e-6, "refined spectrum " + s);
        }
    }

    @Test
    void evaluateScoresWhatCorrectWrites() throws Exception {
        Path out = dir.resolve("eval");
        Cli.Run run = Cli.run("evaluate", "--raw", RAW, "--truth", "data-samples/sim_truth.csv.gz", "--baseline", "band-free",
                "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        Path flat = dir.resolve("flat.csv");
        assertEquals(0, Cli.run("correct", RAW, "--baseline", "band-free", "-o", flat.toString()).exitCode());
        SpectraTable corrected = SpectraTable.read(flat.toString());
        SpectraTable truth = SpectraTable.read("data-samples/sim_truth.csv.gz");
        java.util.List<String> lines = Files.readAllLines(out.resolve("per_spectrum.csv"));
        int column = java.util.Arrays.asList(lines.get(0).split(",")).indexOf("network_r_vs_truth");
        java.util.List<String> r = lines.subList(1, lines.size()).stream().map(l -> l.split(",")[column]).toList();
        double[] w = corrected.schema().axis().values();
        for (int s = 0; s < corrected.size(); s++) {
            double expected = io.descatter.model.Evaluation.score(w, corrected.spectra().get(s), truth.spectra().get(s), null).pearson();
            assertEquals(expected, Double.parseDouble(r.get(s)), 1e-5, "r of spectrum " + s);
        }
        assertTrue(Files.readString(out.resolve("evaluation.json")).contains("\"baseline\" : \"band-free\""), "the report says which");
        assertTrue(Files.readString(out.resolve("report.md")).contains("less its straight baseline through the band-free windows"));
        // the default is the same baseline for the default model; none says so
        Path plain = dir.resolve("eval_none");
        assertEquals(0, Cli.run("evaluate", "--raw", RAW, "--truth", "data-samples/sim_truth.csv.gz", "--baseline", "none",
                "-o", plain.toString()).exitCode());
        assertTrue(Files.readString(plain.resolve("evaluation.json")).contains("\"baseline\" : \"none\""));
    }

    @Test
    void anUnknownMethodOrAModelWithoutTheWindowsIsRefusedBeforeAnyWork() {
        Cli.Run bogus = Cli.run("correct", RAW, "--baseline", "rubberband", "-o", dir.resolve("x.csv").toString());
        assertEquals(ExitCode.USAGE, bogus.exitCode(), bogus::toString);
        assertTrue(bogus.err().contains("--baseline must be auto, band-free or none, not 'rubberband'"), bogus::toString);
        Path out = dir.resolve("fingerprint.csv");
        Cli.Run fingerprint = Cli.run("correct", RAW, "--model", "models/descatter-fingerprint.zip", "--baseline", "band-free",
                "-o", out.toString());
        assertEquals(ExitCode.MISMATCH, fingerprint.exitCode(), fingerprint::toString);
        assertEquals(1, fingerprint.errLines().length, fingerprint::toString);
        assertTrue(fingerprint.err().contains("misses a band-free window"), fingerprint::toString);
        assertFalse(Files.exists(out));
    }
}
