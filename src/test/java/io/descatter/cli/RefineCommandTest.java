package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.descatter.model.CorrectionModel;
import io.descatter.model.MemscRefinement;
import io.descatter.model.ModelStore;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import io.descatter.testing.FidelityChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code correct --refine} and {@code evaluate --refine}: ME-EMSC with each spectrum's network correction as the
 * reference, the network's broad shape and ME-EMSC's detail (docs/MODEL.md, "Refinement"). On simulated spectra of
 * the training types it must keep every band ratio at least as close to the truth as the uncorrected input does, which
 * the network alone does not for the 1080/1240 height ratio.
 */
class RefineCommandTest {
    private static final String MODEL = "models/descatter-default.zip";

    @TempDir
    static Path dir;
    static Path raw;
    static Path truth;

    @BeforeAll
    static void heldOutLikeSpectra() {
        raw = dir.resolve("raw.csv");
        truth = dir.resolve("truth.csv");
        assertEquals(0, Cli.run("simulate", "--n", "100", "--seed", "31", "--types", "epithelial,stroma,lipid-rich,glycogen-rich,nucleic-rich,mucinous",
                "--atmosphere", "0.3", "--size-spread", "0.15", "-o", raw.toString(), "--truth", truth.toString(), "--threads", "2").exitCode());
    }

    @Test
    void refinedRatiosAreAtLeastAsCloseAsTheRawInputs() throws Exception {
        Path plain = dir.resolve("plain");
        Path refined = dir.resolve("refined");
        Cli.Run a = Cli.run("evaluate", "--model", MODEL, "--raw", raw.toString(), "--truth", truth.toString(), "-o", plain.toString());
        Cli.Run b = Cli.run("evaluate", "--model", MODEL, "--refine", "--raw", raw.toString(), "--truth", truth.toString(), "-o", refined.toString());
        assertEquals(0, a.exitCode(), a::toString);
        assertEquals(0, b.exitCode(), b::toString);
        JsonNode p = new ObjectMapper().readTree(plain.resolve("evaluation.json").toFile());
        JsonNode q = new ObjectMapper().readTree(refined.resolve("evaluation.json").toFile());
        assertEquals(0, q.get("refined").get("notRefined").asInt());
        assertTrue(Files.readString(refined.resolve("report.md")).contains("refined (`--refine`)"));
        JsonNode net = p.get("fidelity").get("vsTruth").get("groups").get("all").get("agreement").get("network");
        JsonNode ref = q.get("fidelity").get("vsTruth").get("groups").get("all").get("agreement");
        // measured on these 100 spectra: refined below the raw input's figure by 0.006 (ester) to 0.098 (C-H)
        FidelityChecks.everyRatioAsCloseAsTheRawInputs(ref, "refined");
        // the network alone leaves the 1080/1240 height ratio further than the raw input (0.187 vs 0.172); refined 0.126
        assertTrue(ref.get("network").get("phosphate_1080_1240_abs_log").asDouble() < net.get("phosphate_1080_1240_abs_log").asDouble() - 0.03);
        double rNet = p.get("networkVsTruth").get("all").get("meanPearsonR").asDouble();
        double rRef = q.get("networkVsTruth").get("all").get("meanPearsonR").asDouble();
        assertTrue(rRef >= rNet - 0.002, "refined r " + rRef + " vs the network's " + rNet);
    }

    @Test
    void aPlainRunOfFewSpectraSuggestsTheRefinement() throws Exception {
        Cli.Run plain = Cli.run("correct", raw.toString(), "--model", MODEL, "--threads", "2", "-o", dir.resolve("plain.csv").toString());
        assertEquals(0, plain.exitCode(), plain::toString);
        // 100 spectra x 17 ms / 2 threads = 0.85 s
        assertTrue(plain.err().contains("--refine keeps them as measured (about 1 s for these spectra on 2 threads"), plain.err());
        Cli.Run refined = Cli.run("correct", raw.toString(), "--model", MODEL, "--refine", "-o", dir.resolve("tip_refined.csv").toString());
        assertEquals(0, refined.exitCode(), refined::toString);
        assertFalse(refined.err().contains("tip:"), refined.err());
    }

    @Test
    void correctWritesWhatRefinedEachSpectrum() throws Exception {
        Path out = dir.resolve("refined.csv");
        Cli.Run run = Cli.run("correct", raw.toString(), "--model", MODEL, "--refine", "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("100 of 100 spectra refined by ME-EMSC"), run::toString);
        SpectraTable t = SpectraTable.read(out.toString());
        java.util.List<String> by = t.metaColumn("corrected_by");
        assertEquals(100, by.size());
        for (String b : by) assertEquals("network+memsc", b);

        // refine_change, how far the refinement moved the network's correction, marks the least certain refined
        // corrections: measured here, mean r 0.969 for the 20 largest changes against 0.997 for the 20 smallest
        Path eval = dir.resolve("refined_for_change");
        assertEquals(0, Cli.run("evaluate", "--model", MODEL, "--refine", "--raw", raw.toString(), "--truth", truth.toString(), "-o",
                eval.toString()).exitCode());
        java.util.Map<String, Double> r = new java.util.HashMap<>();
        for (String line : Files.readAllLines(eval.resolve("per_spectrum.csv")).subList(1, 101)) {
            String[] cells = line.split(",");
            r.put(cells[0], Double.parseDouble(cells[2])); // id, group, network_r_vs_truth
        }
        java.util.List<String> ids = t.ids();
        java.util.List<String> change = t.metaColumn("refine_change");
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> Double.parseDouble(change.get(i))));
        double least = 0, most = 0;
        for (int k = 0; k < 20; k++) {
            least += r.get(ids.get(order[k])) / 20;
            most += r.get(ids.get(order[order.length - 1 - k])) / 20;
        }
        assertTrue(most < least - 0.01, "mean r of the 20 largest refine_change " + most + " vs the 20 smallest " + least);

        // refine_rmse, the RMSE of the ME-EMSC fit, flags where it is above the threshold, and the flagged refined
        // corrections are the worse ones: measured here, 33 flagged at mean r 0.972, the other 67 at 0.994
        assertTrue(run.err().contains("flagged as poorly fitted (refine_rmse > 0.0024 absorbance)"), run::toString);
        java.util.List<String> fit = t.metaColumn("refine_rmse");
        java.util.List<String> flag = t.metaColumn("refine_flag");
        double flaggedR = 0, otherR = 0;
        int flagged = 0;
        for (int i = 0; i < ids.size(); i++) {
            boolean above = Double.parseDouble(fit.get(i)) > MemscRefinement.RMSE_THRESHOLD;
            assertEquals(above ? "1" : "0", flag.get(i), ids.get(i) + ": refine_rmse " + fit.get(i));
            if (above) {
                flagged++;
                flaggedR += r.get(ids.get(i));
            } else {
                otherR += r.get(ids.get(i));
            }
        }
        assertTrue(flagged >= 10 && flagged <= 60, flagged + " of 100 flagged");
        // evaluate --refine counts the same flags, spectrum by spectrum
        java.util.List<String> evaluated = Files.readAllLines(eval.resolve("per_spectrum.csv"));
        int column = java.util.Arrays.asList(evaluated.get(0).split(",")).indexOf("refine_flag");
        for (int i = 0; i < ids.size(); i++) assertEquals(flag.get(i), evaluated.get(i + 1).split(",")[column], ids.get(i));
        JsonNode counted = new ObjectMapper().readTree(eval.resolve("evaluation.json").toFile()).get("confidence").get("flags").get("refine_flag");
        assertEquals(flagged, counted.get("flagged").asInt());
        flaggedR /= flagged;
        otherR /= ids.size() - flagged;
        assertTrue(flaggedR < otherR - 0.01, "mean r of the flagged " + flaggedR + " vs the others " + otherR);

        Path bad = dir.resolve("bad.csv");
        Cli.Run both = Cli.run("correct", raw.toString(), "--model", MODEL, "--refine", "--fallback", "memsc", "--reference", truth.toString(),
                "-o", bad.toString());
        assertEquals(ExitCode.USAGE, both.exitCode(), both::toString);
        assertTrue(both.err().contains("--refine and --fallback do not go together"), both::toString);
        assertFalse(Files.exists(bad));
    }

    @Test
    void aCorrectionWithNothingPositiveIsNotRefined() throws Exception {
        CorrectionModel m = ModelStore.load(Path.of(MODEL));
        MemscRefinement refinement = new MemscRefinement(m.axis().values(), MemscRefinement.detailOf(m));
        double[] spectrum = SpectraTable.read(raw.toString()).spectra().get(0);
        double[] nothing = new double[spectrum.length];
        java.util.Arrays.fill(nothing, -0.1);
        assertNull(refinement.refine(spectrum, nothing), "no positive reference value: the network's correction stands");
    }
}
