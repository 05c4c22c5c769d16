package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.descatter.testing.Cli;
import io.descatter.testing.FidelityChecks;
import io.descatter.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped model keeps real cell chemistry (docs/MODEL.md, "Real chemistry"): its two checks, run on the team's
 * validation data (skipped where ../shared is absent). Validation only: nothing here trains or tunes anything. The
 * bounds sit between the shipped model's measured figures and the previous default's, which rewrote the chemistry
 * (semi-synthetic r 0.92, ester +0.064 where ME-EMSC has -0.024, r 0.883 against ME-EMSC), so a model that goes back
 * to rewriting it fails.
 */
class RealChemistryTest {
    @TempDir
    Path dir;

    /** The cells corrected by {@code emsc} with the Matrigel reference, the real chemistry of both checks. */
    private Path cellsByMemsc(Path cells, Path matrigel) {
        Path emsc = dir.resolve("cells_emsc.csv");
        assertEquals(0, Cli.run("emsc", "--reference", matrigel.toString(), cells.toString(), "-o", emsc.toString()).exitCode());
        return emsc;
    }

    @Test
    void theShippedModelKeepsTheChemistryOfMeasuredCells() throws Exception {
        Path cells = SharedData.assumePresent("memsc", "measured_spectra.csv");
        Path matrigel = SharedData.assumePresent("memsc", "matrigel_reference.csv");
        Path emsc = cellsByMemsc(cells, matrigel);

        // (1) semi-synthetic: the cells' ME-EMSC output as truth, distorted by the simulator's physics
        Path raw = dir.resolve("semi_raw.csv");
        Path truth = dir.resolve("semi_truth.csv");
        assertEquals(0, Cli.run("simulate", "--n", "300", "--seed", "99", "--templates", emsc.toString(), "--atmosphere", "0.3",
                "--size-spread", "0.15", "-o", raw.toString(), "--truth", truth.toString()).exitCode());
        Path semi = dir.resolve("semi");
        Cli.Run run = Cli.run("evaluate", "--raw", raw.toString(), "--truth", truth.toString(), "-o", semi.toString());
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode s = new ObjectMapper().readTree(semi.resolve("evaluation.json").toFile());
        double r = s.get("networkVsTruth").get("all").get("meanPearsonR").asDouble();
        assertTrue(r >= 0.978, "semi-synthetic mean r " + r + " (shipped model: 0.983 on 600, previous default 0.980)");
        JsonNode agreement = s.get("fidelity").get("vsTruth").get("groups").get("all").get("agreement");
        // Kept about as well as the raw input keeps them, within how far the raw input's own figure moves between
        // halves of the 600-spectrum set (phosphate 0.237 / 0.316, amide II 0.120 / 0.107); the C-H stretch strictly.
        // The previous default (no detail pass-through) redrew phosphate and amide II in the simulator's chemistry:
        // 0.603 and 0.189 against the raw input's 0.281 and 0.112 on the 600.
        String[] ratios = {"ch_stretch_amideI_abs_log", "phosphate_amideI_abs_log", "amideII_amideI_abs_log"};
        double[] slack = {0, 0.05, 0.02};
        for (int i = 0; i < ratios.length; i++) {
            double net = agreement.get("network").get(ratios[i]).asDouble();
            double raw0 = agreement.get("raw").get(ratios[i]).asDouble();
            assertTrue(net <= raw0 + slack[i], ratios[i] + " kept as well as the raw input keeps it (+" + slack[i] + "): " + net
                    + " vs " + raw0);
        }

        // The same set refined (correct --refine): every ratio at least as close to the truth as the raw input's, the
        // issue's target (measured on these 300: below the raw input's figures by 0.005 (ester) to 0.085 (phosphate)).
        Path refined = dir.resolve("semi_refined");
        run = Cli.run("evaluate", "--refine", "--raw", raw.toString(), "--truth", truth.toString(), "-o", refined.toString());
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode q = new ObjectMapper().readTree(refined.resolve("evaluation.json").toFile());
        double rRefined = q.get("networkVsTruth").get("all").get("meanPearsonR").asDouble();
        assertTrue(rRefined >= 0.98, "refined semi-synthetic mean r " + rRefined + " (0.985 on these 300)");
        FidelityChecks.everyRatioAsCloseAsTheRawInputs(q.get("fidelity").get("vsTruth").get("groups").get("all").get("agreement"),
                "refined semi-synthetic");

        // (2) the measured spectra against ME-EMSC with the Matrigel reference
        Path measured = dir.resolve("cells");
        run = Cli.run("evaluate", "--raw", cells.toString(), "--memsc", "--reference", matrigel.toString(), "-o", measured.toString());
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode m = new ObjectMapper().readTree(measured.resolve("evaluation.json").toFile());
        double rm = m.get("networkVsMemsc").get("all").get("meanPearsonR").asDouble();
        assertTrue(rm >= 0.90, "mean r against ME-EMSC " + rm + " (shipped model: 0.908 with the default band-free baseline)");
        // the default baseline brings the corrections closer to ME-EMSC's, which has no floor in the band-free windows
        Path asItIs = dir.resolve("cells_none");
        run = Cli.run("evaluate", "--raw", cells.toString(), "--memsc", "--reference", matrigel.toString(), "--baseline", "none",
                "-o", asItIs.toString());
        assertEquals(0, run.exitCode(), run::toString);
        double rNone = new ObjectMapper().readTree(asItIs.resolve("evaluation.json").toFile()).get("networkVsMemsc").get("all")
                .get("meanPearsonR").asDouble();
        assertTrue(rNone + 0.005 < rm, "r against ME-EMSC with the default baseline " + rm + ", without " + rNone + " (0.908, 0.896)");
        JsonNode all = m.get("fidelity").get("vsMemsc").get("groups").get("all");
        double ester = all.get("medianRatios").get("network").get("ester_amideI").asDouble();
        double esterMemsc = all.get("medianRatios").get("memsc").get("ester_amideI").asDouble();
        assertTrue(Math.abs(ester - esterMemsc) <= 0.03, "median ester / amide I " + ester + " vs ME-EMSC's " + esterMemsc
                + " (previous default: +0.064 against -0.024)");
        double chCells = all.get("agreement").get("network").get("ch_stretch_amideI_abs_log").asDouble();
        assertTrue(chCells <= 0.2, "C-H stretch agreement with ME-EMSC " + chCells + " (shipped 0.177, previous 0.150)");
        double glycogen = all.get("agreement").get("network").get("glycogen_1025_1080_abs_log").asDouble();
        assertTrue(glycogen <= 0.4, "glycogen 1025/1080 agreement with ME-EMSC " + glycogen + " (shipped 0.209, previous 0.869)");

        // background_flag: the corrections that keep a background where cells have no bands are among those furthest
        // from ME-EMSC (measured: 6 flagged, cells 8 and 10, all with r <= 0.855 against ME-EMSC with the default
        // baseline, < 0.85 without it; none of the other 54),
        // and on the semi-synthetic set, whose scattering is the simulator's, next to none
        java.util.List<String> lines = java.nio.file.Files.readAllLines(measured.resolve("per_spectrum.csv"));
        java.util.List<String> header = java.util.Arrays.asList(lines.get(0).split(","));
        int flagColumn = header.indexOf("background_flag");
        int rColumn = header.indexOf("network_r_vs_memsc");
        int flagged = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells0 = line.split(",");
            if (!cells0[flagColumn].equals("1")) continue;
            flagged++;
            assertTrue(Double.parseDouble(cells0[rColumn]) < 0.86, cells0[0] + " flagged with r " + cells0[rColumn] + " against ME-EMSC");
        }
        assertTrue(flagged >= 3 && flagged <= 10, flagged + " of 60 measured spectra flagged as keeping a background");
        int semiFlagged = s.get("confidence").get("flags").get("background_flag").get("flagged").asInt();
        assertTrue(semiFlagged <= 3, semiFlagged + " of 300 semi-synthetic spectra flagged as keeping a background");

        // --fallback memsc re-corrects them by ME-EMSC, those that no other flag marks included (2 of the 6 measured)
        Path fallback = dir.resolve("cells_fallback.csv");
        assertEquals(0, Cli.run("correct", cells.toString(), "--fallback", "memsc", "--reference", matrigel.toString(), "-o",
                fallback.toString()).exitCode());
        io.descatter.spectra.io.SpectraTable t = io.descatter.spectra.io.SpectraTable.read(fallback.toString());
        java.util.List<String> background = t.metaColumn("background_flag");
        java.util.List<String> by = t.metaColumn("corrected_by");
        int onlyBackground = 0;
        for (int i = 0; i < t.size(); i++) {
            if (!background.get(i).equals("1")) continue;
            assertEquals("memsc", by.get(i), t.ids().get(i) + " keeps a background: ME-EMSC corrects it");
            if (t.metaColumn("ood_flag").get(i).equals("0") && t.metaColumn("scattering_flag").get(i).equals("0")) onlyBackground++;
        }
        assertTrue(onlyBackground >= 1, "some spectra are flagged by the background alone: " + onlyBackground);
    }

    /**
     * Reflectance of real cell chemistry (the 60 cells' ME-EMSC output, {@link io.descatter.testing.Reflectance}) is
     * flagged, as R and as percent: measured 60 of 60 (on set (1) 600 of 600).
     */
    @Test
    void reflectanceOfCellChemistryIsFlagged() throws Exception {
        Path emsc = cellsByMemsc(SharedData.assumePresent("memsc", "measured_spectra.csv"),
                SharedData.assumePresent("memsc", "matrigel_reference.csv"));
        io.descatter.spectra.io.SpectraTable pure = io.descatter.spectra.io.SpectraTable.read(emsc.toString());
        double[] axis = pure.schema().axis().values();
        io.descatter.testing.Reflectance reflectance = new io.descatter.testing.Reflectance(axis);
        for (double unit : new double[] {1, 100}) {
            StringBuilder sb = new StringBuilder("id");
            for (double w : axis) sb.append(',').append(w);
            sb.append('\n');
            for (int i = 0; i < pure.size(); i++) {
                sb.append(pure.ids().get(i));
                for (double v : reflectance.of(pure.spectra().get(i))) sb.append(',').append((float) (unit * v));
                sb.append('\n');
            }
            Path in = dir.resolve("reflectance" + (int) unit + ".csv");
            java.nio.file.Files.writeString(in, sb);
            Path out = dir.resolve("reflectance" + (int) unit + "_corrected.csv");
            Cli.Run run = Cli.run("correct", in.toString(), "-o", out.toString());
            assertEquals(0, run.exitCode(), run::toString);
            long flagged = io.descatter.spectra.io.SpectraTable.read(out.toString()).metaColumn("ood_flag").stream()
                    .filter("1"::equals).count();
            assertEquals(pure.size(), flagged, "reflectance x " + unit + " of the cells' chemistry flagged");
        }
    }
}
