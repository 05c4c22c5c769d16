package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.descatter.chemistry.BandRatio;
import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate}'s chemical fidelity: the shipped model against the truth of a few simulated spectra. */
class EvaluateFidelityTest {
    @TempDir
    Path dir;

    @Test
    void evaluateWritesPerSpectrumRatiosAndFiniteFidelityAgainstTheTruth() throws Exception {
        Path raw = dir.resolve("raw.csv");
        Path truth = dir.resolve("truth.csv");
        assertEquals(0, Cli.run("simulate", "--n", "12", "--seed", "9", "-o", raw.toString(), "--truth", truth.toString()).exitCode());
        Path out = dir.resolve("eval");
        Cli.Run run = Cli.run("evaluate", "--model", "models/descatter-default.zip", "--raw", raw.toString(), "--truth", truth.toString(),
                "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);

        List<String> expected = new ArrayList<>(List.of("id", "group", "network_r_vs_truth", "network_rmse_vs_truth"));
        for (BandRatio r : BandRatio.values()) {
            for (String result : List.of("network", "truth", "raw")) expected.add(r.column() + "_" + result);
        }
        expected.addAll(List.of("confidence_ood", "ood_flag", "scattering_share", "scattering_flag", "background_level", "background_flag",
                "signal_to_noise", "noise_flag"));
        List<String> lines = Files.readAllLines(out.resolve("per_spectrum.csv"));
        assertEquals(String.join(",", expected), lines.get(0));
        assertEquals(13, lines.size(), "a header and one row per spectrum");
        String[] first = lines.get(1).split(",");
        assertEquals("sim_0", first[0], "the id column of the input");
        assertTrue(!first[1].isEmpty(), "the tissue type as group");
        assertTrue(Double.parseDouble(first[2]) > 0.9, "the shipped model's r for a simulated spectrum: " + first[2]);

        JsonNode fidelity = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile()).get("fidelity");
        assertTrue(fidelity.has("vsTruth") && !fidelity.has("vsMemsc"), fidelity::toString);
        JsonNode all = fidelity.get("vsTruth").get("groups").get("all");
        assertEquals(12, all.get("spectra").asInt());
        for (String candidate : List.of("network", "raw")) {
            for (BandRatio r : BandRatio.values()) {
                double v = all.get("agreement").get(candidate).get(r.agreementColumn()).asDouble();
                assertTrue(Double.isFinite(v) && v >= 0, candidate + " " + r.agreementColumn() + " " + v);
                assertTrue(all.get("compared").get(candidate).get(r.agreementColumn()).asInt() > 0);
            }
        }
        assertTrue(fidelity.get("vsTruth").get("groups").size() > 2, "per tissue type as well");
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("### Chemical fidelity vs truth (12 spectra)") && report.contains("`ester_amideI`"), report);
        assertTrue(report.startsWith("# Evaluation of models/descatter-default.zip on " + raw), "files named as given: " + report.lines().findFirst());

        // without --model: the shipped model by its name, not by the absolute path it was found at
        Path plain = dir.resolve("eval2");
        assertEquals(0, Cli.run("evaluate", "--raw", raw.toString(), "--truth", truth.toString(), "-o", plain.toString()).exitCode());
        String first2 = Files.readAllLines(plain.resolve("report.md")).get(0);
        assertEquals("# Evaluation of the shipped default model (descatter-default.zip) on " + raw, first2);
        JsonNode none = new ObjectMapper().readTree(plain.resolve("evaluation.json").toFile());
        assertEquals(0, none.get("repeatedSpectra").asInt());
        assertEquals(0, none.get("repeatExamples").size());
    }

    /**
     * The confidence section counts the very flags {@code correct} writes for the same spectra, among the corrections
     * that are wrong (r < 0.95) and right (r ≥ 0.99) against the truth.
     */
    @Test
    void evaluateCountsTheFlagsThatCorrectWrites() throws Exception {
        Path raw = dir.resolve("raw.csv");
        Path truth = dir.resolve("truth.csv");
        simulateTissue(80, raw, truth);
        Path corrected = dir.resolve("corrected.csv");
        assertEquals(0, Cli.run("correct", raw.toString(), "--model", "models/descatter-default.zip", "-o", corrected.toString()).exitCode());
        Path out = dir.resolve("eval");
        Cli.Run run = Cli.run("evaluate", "--model", "models/descatter-default.zip", "--raw", raw.toString(), "--truth", truth.toString(),
                "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);

        io.descatter.spectra.io.SpectraTable c = io.descatter.spectra.io.SpectraTable.read(corrected.toString());
        List<String> header = List.of(Files.readAllLines(out.resolve("per_spectrum.csv")).get(0).split(","));
        List<String> rows = Files.readAllLines(out.resolve("per_spectrum.csv")).subList(1, 81);
        JsonNode confidence = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile()).get("confidence");
        assertEquals("truth", confidence.get("against").asText());
        int worst = 0;
        int best = 0;
        for (String flag : List.of("ood_flag", "scattering_flag", "background_flag", "noise_flag")) {
            List<String> written = c.metaColumn(flag);
            int all = 0;
            int ofWorst = 0;
            int ofBest = 0;
            worst = 0;
            best = 0;
            for (int i = 0; i < rows.size(); i++) {
                String[] cells = rows.get(i).split(",");
                assertEquals(c.ids().get(i), cells[0]);
                assertEquals(written.get(i), cells[header.indexOf(flag)], cells[0] + " " + flag + ": correct and evaluate agree");
                double r = Double.parseDouble(cells[header.indexOf("network_r_vs_truth")]);
                boolean flagged = written.get(i).equals("1");
                if (r < 0.95) worst++;
                if (r >= 0.99) best++;
                if (flagged) all++;
                if (flagged && r < 0.95) ofWorst++;
                if (flagged && r >= 0.99) ofBest++;
            }
            JsonNode f = confidence.get("flags").get(flag);
            assertEquals(all, f.get("flagged").asInt(), flag);
            assertEquals(ofWorst, f.get("flaggedOfWorst").asInt(), flag);
            assertEquals(ofBest, f.get("flaggedOfBest").asInt(), flag);
        }
        assertEquals(worst, confidence.get("worstSpectra").asInt());
        assertEquals(best, confidence.get("bestSpectra").asInt());
        assertTrue(confidence.get("flags").get("scattering_flag").get("flagged").asInt() > 0, "some strongly scattering spectra among 80");
        // the two that judge the correction itself, together: a spectrum is counted where either flags it
        List<String> strong = c.metaColumn("scattering_flag");
        List<String> noisy = c.metaColumn("noise_flag");
        int either = 0;
        for (int i = 0; i < strong.size(); i++) if (strong.get(i).equals("1") || noisy.get(i).equals("1")) either++;
        assertEquals(either, confidence.get("flags").get("scattering_or_noise").get("flagged").asInt());
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Confidence flags"));
    }

    @Test
    void evaluateWithFallbackScoresWhatCorrectWithFallbackWrites() throws Exception {
        Path raw = dir.resolve("raw.csv");
        Path truth = dir.resolve("truth.csv");
        simulateTissue(40, raw, truth);
        // a reference of the same chemistry as some of the spectra: the first truth
        List<String> truthLines = Files.readAllLines(truth);
        Path reference = dir.resolve("reference.csv");
        Files.write(reference, List.of(truthLines.get(0), truthLines.get(1)));
        Path corrected = dir.resolve("corrected.csv");
        Cli.Run c = Cli.run("correct", raw.toString(), "--model", "models/descatter-default.zip", "--fallback", "memsc", "--reference",
                reference.toString(), "-o", corrected.toString());
        assertEquals(0, c.exitCode(), c::toString);
        Path alone = dir.resolve("eval_alone");
        assertEquals(0, Cli.run("evaluate", "--model", "models/descatter-default.zip", "--raw", raw.toString(), "--truth", truth.toString(),
                "-o", alone.toString()).exitCode());
        Path out = dir.resolve("eval");
        Cli.Run run = Cli.run("evaluate", "--model", "models/descatter-default.zip", "--raw", raw.toString(), "--truth", truth.toString(),
                "--fallback", "memsc", "--reference", reference.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);

        io.descatter.spectra.io.SpectraTable written = io.descatter.spectra.io.SpectraTable.read(corrected.toString());
        io.descatter.spectra.io.SpectraTable truths = io.descatter.spectra.io.SpectraTable.read(truth.toString());
        List<String> header = List.of(Files.readAllLines(out.resolve("per_spectrum.csv")).get(0).split(","));
        List<String> rows = Files.readAllLines(out.resolve("per_spectrum.csv")).subList(1, 41);
        List<String> aloneHeader = List.of(Files.readAllLines(alone.resolve("per_spectrum.csv")).get(0).split(","));
        List<String> aloneRows = Files.readAllLines(alone.resolve("per_spectrum.csv")).subList(1, 41);
        int reCorrected = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            assertEquals(written.ids().get(i), cells[0]);
            boolean byMemsc = written.metaColumn("corrected_by").get(i).equals("memsc");
            assertEquals(byMemsc ? "1" : "0", cells[header.indexOf("corrected_by_memsc")], cells[0] + ": the spectra correct re-corrects");
            if (byMemsc) reCorrected++;
            // the scored output is correct's output (written as float: 1e-5)
            double r = io.descatter.model.Metrics.pearson(written.spectra().get(i), truths.spectra().get(i));
            assertEquals(r, Double.parseDouble(cells[header.indexOf("network_r_vs_truth")]), 1e-5, cells[0]);
            // the flags are judged on the network's own correction, as without the fallback
            double own = Double.parseDouble(aloneRows.get(i).split(",")[aloneHeader.indexOf("network_r_vs_truth")]);
            assertEquals(own, Double.parseDouble(cells[header.indexOf("network_alone_r_vs_truth")]), 1e-12, cells[0]);
            if (!byMemsc) assertEquals(own, Double.parseDouble(cells[header.indexOf("network_r_vs_truth")]), 1e-12, cells[0]);
        }
        assertTrue(reCorrected > 0 && reCorrected < 40, "some but not all of 40 re-corrected: " + reCorrected);
        JsonNode report = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        assertEquals(reCorrected, report.get("fallback").get("reCorrected").asInt());
        assertEquals(new ObjectMapper().readTree(alone.resolve("evaluation.json").toFile()).get("confidence").toString(),
                report.get("confidence").toString(), "the same flags, judged on the same network corrections");

        Cli.Run both = Cli.run("evaluate", "--raw", raw.toString(), "--truth", truth.toString(), "--fallback", "memsc", "--refine",
                "-o", dir.resolve("e2").toString());
        assertEquals(2, both.exitCode(), both::toString);
        assertTrue(both.err().contains("--refine and --fallback do not go together"), both.err());
    }

    /** {@code n} simulated spectra of the training types as the model card's test sets make them (seed 12). */
    private static void simulateTissue(int n, Path raw, Path truth) {
        assertEquals(0, Cli.run("simulate", "--n", String.valueOf(n), "--seed", "12", "--atmosphere", "0.3", "--size-spread", "0.15",
                "-o", raw.toString(), "--truth", truth.toString()).exitCode());
    }

    @Test
    void evaluateSaysWhichSpectraRepeatAnEarlierOne() throws Exception {
        Path raw = dir.resolve("raw.csv");
        Path truth = dir.resolve("truth.csv");
        assertEquals(0, Cli.run("simulate", "--n", "4", "--seed", "9", "-o", raw.toString(), "--truth", truth.toString()).exitCode());
        for (Path f : List.of(raw, truth)) { // sim_3's row again as sim_4
            List<String> lines = new ArrayList<>(Files.readAllLines(f));
            lines.add(lines.get(4).replaceFirst("^sim_3,", "sim_4,"));
            Files.write(f, lines);
        }
        Path out = dir.resolve("eval");
        Cli.Run run = Cli.run("evaluate", "--raw", raw.toString(), "--truth", truth.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains(raw + ": 1 of 5 spectra repeats an earlier spectrum's values exactly (sim_4 = sim_3)"), run.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        assertEquals(1, report.get("repeatedSpectra").asInt());
        assertEquals("[[\"sim_3\",\"sim_4\"]]", report.get("repeatExamples").toString());
    }
}
