package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.descatter.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descatter stability} on a tiny model (200 simulated pairs on 1000–4000 cm⁻¹ by 8, a 376-32-376 network
 * trained for 3 epochs) with tiny settings: the outputs, the measured quantities, and the usage errors.
 */
class StabilityCommandTest {
    @TempDir
    static Path dir;

    static Path raw;
    static Path truth;
    static Path model;
    static Path out;
    static Path smallLr;
    static Cli.Run run;
    static byte[] modelBytes;

    @BeforeAll
    static void trainTinyModelAndAnalyseIt() throws IOException {
        raw = dir.resolve("raw.csv");
        truth = dir.resolve("truth.csv");
        model = dir.resolve("tiny.zip");
        Cli.Run sim = Cli.run("simulate", "--n", "200", "--seed", "3", "--axis", "1000:4000:8", "-o", raw.toString(), "--truth", truth.toString());
        assertEquals(0, sim.exitCode(), sim::toString);
        Cli.Run train = Cli.run("train", "--raw", raw.toString(), "--target", truth.toString(), "--hidden", "32", "--epochs", "3",
                "--batch", "32", "--seed", "5", "-o", model.toString());
        assertEquals(0, train.exitCode(), train::toString);
        modelBytes = Files.readAllBytes(model);
        // Two runs serve all tests: DL4J's per-step overhead dominates these tiny networks.
        out = dir.resolve("out");
        run = stability(out, "--layer", "1", "--lr", "1e-3");
        smallLr = dir.resolve("small_lr");
        Cli.Run small = stability(smallLr, "--layer", "1", "--lr", "1e-4");
        assertEquals(ExitCode.OK, small.exitCode(), small::toString);
    }

    static Cli.Run stability(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("stability", "--fixed", "--model", model.toString(), "--raw", raw.toString(),
                "--target", truth.toString(), "--steps", "120", "--window", "80", "--every", "1", "--batch", "16",
                "--modes", "6", "--loss-subset", "64", "-o", out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    static JsonNode summary(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    static double[] variances(JsonNode summary) {
        JsonNode modes = summary.get("modes");
        double[] v = new double[modes.size()];
        for (int i = 0; i < v.length; i++) v[i] = modes.get(i).get("variance").asDouble();
        return v;
    }

    @Test
    void writesSummaryModesAndPlots() throws IOException {
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        for (String f : new String[] {"summary.json", "modes.csv", "variance_spectrum.png", "variance_flatness.png", "loss.png"})
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        assertArrayEquals(modelBytes, Files.readAllBytes(model), "the model file is left alone");

        JsonNode s = summary(out);
        double psi = s.get("psi").asDouble();
        double lo = s.get("psi_ci95").get(0).asDouble();
        double hi = s.get("psi_ci95").get(1).asDouble();
        assertTrue(Double.isFinite(psi) && Double.isFinite(lo) && Double.isFinite(hi), s::toString);
        assertTrue(lo < psi && psi < hi, s::toString);
        assertEquals(6, s.get("modes").size());
        assertEquals(6, s.get("modes_used").asInt(), "every mode has a finite flatness: " + s);
        double[] v = variances(s);
        for (int i = 0; i < v.length; i++) {
            assertTrue(v[i] > 0, "variance " + i);
            if (i > 0) assertTrue(v[i] <= v[i - 1], "variances descend: " + java.util.Arrays.toString(v));
            assertTrue(s.get("modes").get(i).get("flatness").asDouble() > 0);
        }
        assertTrue(s.get("base_loss").asDouble() > 0);
        assertEquals(32 * 376, s.get("layer").get("weights").asInt(), "layer 1 is the 32x376 output layer");
        assertEquals(80, s.get("snapshots").asInt());
        JsonNode st = s.get("stationarity");
        assertTrue(st.get("z_limit").asDouble() >= 3, st::toString);
        assertEquals(Math.abs(st.get("z").asDouble()) < st.get("z_limit").asDouble(), st.get("stationary").asBoolean(), st::toString);
        assertTrue(st.get("first_half_standard_error").asDouble() > 0, st::toString);
        assertEquals(7, Files.readAllLines(out.resolve("modes.csv")).size());
        assertTrue(run.out().contains("psi = "), run::toString);
    }

    @Test
    void fluctuationsGrowWithTheLearningRate() throws IOException {
        // The Sgd updater really runs at --lr: SGD's weight variance grows with the step (∝ lr when stationary,
        // ∝ lr² for the drift of an unconverged model like this one).
        double[] small = variances(summary(smallLr));
        double[] large = variances(summary(out));
        assertTrue(large[0] > 5 * small[0], "top variance at 10x the learning rate: " + large[0] + " vs " + small[0]);
    }

    @Test
    void badSettingsAreUsageErrors() {
        for (String[] bad : new String[][] {{"--layer", "2"}, {"--layer", "-1"}, {"--window", "400"}, {"--modes", "2"},
            {"--every", "20"}}) {
            Path out = dir.resolve("never");
            Cli.Run run = stability(out, bad);
            assertEquals(ExitCode.USAGE, run.exitCode(), () -> String.join(" ", bad) + "\n" + run);
            assertTrue(run.err().contains(bad[0]), run::toString);
            assertFalse(Files.exists(out));
        }
    }

    /** The default search on the tiny model ends with an answer either way: a verdict, the reason, the windows, ψ. */
    @Test
    void searchEndsWithAVerdictAndItsWindows() throws IOException {
        Path searched = dir.resolve("search");
        Cli.Run r = Cli.run("stability", "--model", model.toString(), "--raw", raw.toString(), "--target", truth.toString(),
                "--window", "40", "--every", "1", "--batch", "16", "--modes", "4", "--loss-subset", "64", "--lr", "1e-3",
                "--rates", "2", "--time-limit", "15s", "-o", searched.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("stationary: ") && r.out().contains("psi = ") && r.out().contains("meaning: "), r::toString);
        assertTrue(r.err().contains("stability: lr 0.00100, steps 1-40"), r::toString);
        JsonNode search = summary(searched).get("search");
        assertTrue(search.get("windows").size() >= 2, search::toString);
        if (search.get("stationary").asBoolean()) {
            assertTrue(search.get("burn_in_steps").asLong() >= 40, "the first window at a rate is burn-in: " + search);
        } else {
            assertFalse(search.get("advice").asText().isEmpty(), search::toString);
            assertTrue(r.out().contains("next: "), r::toString);
        }
    }

    @Test
    void badSearchSettingsAreUsageErrors() {
        for (String[] bad : new String[][] {{"--shrink", "1.5"}, {"--time-limit", "5x"}, {"--time-limit", "-1m"}, {"--rates", "0"}}) {
            Path out = dir.resolve("never");
            Cli.Run run = Cli.run("stability", "--model", model.toString(), "--raw", raw.toString(), "--target", truth.toString(),
                    "-o", out.toString(), bad[0], bad[1]);
            assertEquals(ExitCode.USAGE, run.exitCode(), () -> String.join(" ", bad) + "\n" + run);
            assertTrue(run.err().contains(bad[0]), run::toString);
            assertFalse(Files.exists(out));
        }
    }
}
