package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.model.ModelMetadata;
import io.descatter.model.ModelStore;
import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adapt} end to end on a small simulated "lab" file (60 spectra, the typical epithelial spectrum as the
 * ME-EMSC reference) with the shipped model as the base, few pairs and one epoch; and {@code train --init}'s refusals.
 */
class AdaptCommandTest {
    private static final String BASE = "models/descatter-default.zip";

    @TempDir
    static Path dir;
    static Path lab;
    static Path reference;

    @BeforeAll
    static void lab() {
        lab = dir.resolve("lab.csv");
        reference = dir.resolve("epithelial.csv");
        assertEquals(0, Cli.run("simulate", "--n", "60", "--seed", "11", "-o", lab.toString(), "--threads", "2").exitCode());
        assertEquals(0, Cli.run("simulate", "--typical", "epithelial", "-o", reference.toString()).exitCode());
    }

    private static Cli.Run adapt(Path out, String... extra) {
        String[] base = {"adapt", "--raw", lab.toString(), "--reference", reference.toString(), "--model", BASE, "-o", out.toString(),
            "--pairs", "200", "--epochs", "1", "--threads", "2", "--seed", "4"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesAModelThatNamesItsBaseAndCarriesHeldOutScores() throws Exception {
        Path out = dir.resolve("adapted.zip");
        Cli.Run run = adapt(out, "--group-column", "tissue");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("measured, vs ME-EMSC"), run.err());

        ModelMetadata m = ModelStore.readMetadata(out);
        ModelMetadata base = ModelStore.readMetadata(Path.of(BASE));
        Map<String, Object> t = m.training();
        assertEquals(BASE, t.get("baseModel"));
        assertEquals(base.weightsSha256(), t.get("baseWeightsSha256"));
        assertEquals(base.weightsSha256(), t.get("initWeightsSha256"));
        assertEquals(reference.toString(), t.get("reference"));
        assertEquals(60, t.get("sample"));
        assertEquals(4, ((Number) t.get("seed")).intValue());
        assertEquals("tissue", t.get("groupColumn"));
        // --measured-share 1 (the default): as many measured spectra with their ME-EMSC correction as template pairs
        assertEquals(50, ((Number) t.get("templatePairs")).intValue(), "200 pairs, 3 simulator pairs per template pair");
        assertEquals(50, ((Number) t.get("measuredPairs")).intValue());
        assertEquals(base.architecture().description(), m.architecture().description());
        // the plain simulator pairs follow the shipped recipe: the six training types and the augmentation, never
        // the held-out amyloid
        assertTrue(((String) t.get("simulator")).startsWith(
                "types [epithelial, stroma, lipid-rich, glycogen-rich, nucleic-rich, mucinous, broad],"), () -> "" + t.get("simulator"));
        Map<String, Object> heldOut = (Map<String, Object>) t.get("heldOut");
        for (String key : new String[] {"baseMeanRVsMemsc", "adaptedMeanRVsMemsc", "baseMeanRSemiSyntheticVsTruth",
            "adaptedMeanRSemiSyntheticVsTruth"}) {
            double r = ((Number) heldOut.get(key)).doubleValue();
            assertTrue(r > 0 && r <= 1, key + " = " + r);
        }
        // grouped by tissue type: the held-out spectra are whole types, so fewer than all and more than none
        int held = ((Number) t.get("heldOutSpectra")).intValue();
        int trained = ((Number) t.get("trainSpectra")).intValue();
        assertEquals(60, held + trained + ((Number) t.get("memscFailed")).intValue());
        assertTrue(held > 0 && trained > 0);
        // the written model corrects like any other
        Path corrected = dir.resolve("corrected.csv");
        assertEquals(0, Cli.run("correct", lab.toString(), "--model", out.toString(), "-o", corrected.toString()).exitCode());
    }

    /** A file per cell (or per spectrum): several files adapt as one table, and --group-column file holds out whole files. */
    @Test
    @SuppressWarnings("unchecked")
    void severalFilesAdaptAsOneTableHeldOutByFile() throws Exception {
        String[] files = new String[3];
        for (int i = 0; i < files.length; i++) {
            files[i] = dir.resolve("cell" + (i + 1) + ".csv").toString();
            assertEquals(0, Cli.run("simulate", "--n", "15", "--seed", String.valueOf(20 + i), "-o", files[i]).exitCode());
        }
        Path out = dir.resolve("by-file.zip");
        Cli.Run run = Cli.run("adapt", "--raw", files[0], files[1], files[2], "--reference", reference.toString(), "--model", BASE,
                "-o", out.toString(), "--pairs", "200", "--epochs", "1", "--threads", "2", "--seed", "4", "--group-column", "file");
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, Object> t = ModelStore.readMetadata(out).training();
        assertEquals(45, t.get("sample"));
        assertEquals("file", t.get("groupColumn"));
        Map<String, Object> sums = (Map<String, Object>) t.get("rawFilesSha256");
        assertEquals(java.util.List.of(files), java.util.List.copyOf(sums.keySet()), "each file as named, in order");
        assertEquals(TrainCommand.sha256(Path.of(files[1])), sums.get(files[1]));
        assertEquals(3, ((Number) t.get("groups")).intValue(), "one group per file");
        assertEquals(files[0] + ", " + files[1] + " and " + files[2], t.get("raw"));
        int held = ((Number) t.get("heldOutSpectra")).intValue();
        int failed = ((Number) t.get("memscFailed")).intValue();
        assertTrue(held > 0 && held <= 15 && held + failed >= 15 && held + failed <= 30, "a whole file held out: " + held);
    }

    @Test
    void aReferenceThatDoesNotCoverTheModelIsOneClearLine() throws Exception {
        Path narrow = dir.resolve("narrow.csv");
        assertEquals(0, Cli.run("simulate", "--typical", "epithelial", "--axis", "1500:3000:2", "-o", narrow.toString()).exitCode());
        Path out = dir.resolve("never.zip");
        Cli.Run run = Cli.run("adapt", "--raw", lab.toString(), "--reference", narrow.toString(), "--model", BASE, "-o", out.toString());
        assertEquals(ExitCode.MISMATCH, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().contains(narrow.toString()), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void tooFewSpectraOrAMissingGroupColumnIsOneClearLine() throws Exception {
        Path few = dir.resolve("few.csv");
        assertEquals(0, Cli.run("simulate", "--n", "5", "--seed", "2", "-o", few.toString()).exitCode());
        Path out = dir.resolve("never.zip");
        Cli.Run run = Cli.run("adapt", "--raw", few.toString(), "--reference", reference.toString(), "--model", BASE, "-o", out.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().contains(few + ": holds 5 spectra"), run.err());
        Cli.Run noColumn = adapt(out, "--group-column", "patient");
        assertEquals(ExitCode.BAD_INPUT, noColumn.exitCode(), noColumn.toString());
        assertEquals(1, noColumn.errLines().length, noColumn.err());
        assertTrue(noColumn.err().contains("'patient'"), noColumn.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void trainInitRefusesAnotherArchitectureAndContinuesWithItsOwn() throws Exception {
        Path raw = dir.resolve("pairs_raw.csv");
        Path truth = dir.resolve("pairs_truth.csv");
        assertEquals(0, Cli.run("simulate", "--n", "40", "--seed", "3", "--axis", "1000:1600:8", "-o", raw.toString(), "--truth",
                truth.toString()).exitCode());
        Path small = dir.resolve("small.zip");
        assertEquals(0, Cli.run("train", "--raw", raw.toString(), "--target", truth.toString(), "--hidden", "8", "--epochs", "1",
                "--threads", "1", "-o", small.toString()).exitCode());

        Path out = dir.resolve("tuned.zip");
        Cli.Run other = Cli.run("train", "--raw", raw.toString(), "--target", truth.toString(), "--init", small.toString(), "--hidden", "16",
                "-o", out.toString());
        assertEquals(ExitCode.MISMATCH, other.exitCode(), other.toString());
        assertEquals(1, other.errLines().length, other.err());
        assertTrue(other.err().contains(small + ": the model's network"), other.err());
        Cli.Run foreignAxis = Cli.run("train", "--raw", raw.toString(), "--target", truth.toString(), "--init", BASE, "-o", out.toString());
        assertEquals(ExitCode.MISMATCH, foreignAxis.exitCode(), foreignAxis.toString());
        assertEquals(1, foreignAxis.errLines().length, foreignAxis.err());
        assertFalse(Files.exists(out));

        // without architecture options the model's own is used (the default --hidden 256,256 would not match)
        Cli.Run ok = Cli.run("train", "--raw", raw.toString(), "--target", truth.toString(), "--init", small.toString(), "--epochs", "1",
                "--threads", "1", "-o", out.toString());
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.err().contains("epoch   0/1  (the initial model)"), ok.err());
        ModelMetadata tuned = ModelStore.readMetadata(out);
        assertEquals(ModelStore.readMetadata(small).weightsSha256(), tuned.training().get("initWeightsSha256"));
        assertEquals(small.toString(), tuned.training().get("init"));
    }
}
