package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench emsc needs no data but what the project ships or the user names. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void benchEmscDefaultsToTheShippedSamples() {
        String help = Cli.run("bench", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("default: " + BenchCommand.DEFAULT_SPECTRA), help);
        assertTrue(Files.isRegularFile(Path.of(BenchCommand.DEFAULT_SPECTRA)), "the shipped samples are in the project");
    }

    @Test
    void benchEmscTimesAnyLayoutAgainstTheDefaultReference() {
        Path spectra = dir.resolve("few.csv.gz"); // compressed, with metadata columns, as the shipped samples
        assertEquals(ExitCode.OK, Cli.run("simulate", "--n", "3", "--seed", "5", "-o", spectra.toString()).exitCode());
        Cli.Run run = Cli.run("bench", "emsc", "--spectra", spectra.toString(), "--warmups", "0", "--passes", "1",
                "--threads", "1");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("ME-EMSC on 3 spectra of 1556 points"), run.out());
    }

    @Test
    void benchCorrectEnviTimesTheImageInRoundsAndLeavesNoFiles() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Cli.Run run = Cli.run("bench", "correct", "--format", "envi", "--n", "2048", "--work", work.toString(), "--threads", "2");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        String line = run.out().lines().filter(l -> l.contains("ENVI -> ENVI")).findFirst().orElse("");
        assertTrue(line.matches(".*2048 spectra, after a warm-up image; median of 3 rounds.* = \\d+\\.\\d\\d x the network only.*"
                + "rounds \\d+\\.\\d\\d-\\d+\\.\\d\\d x.*"), run.out());
        try (var left = Files.list(work)) {
            assertEquals(java.util.List.of(), left.toList(), "temporary files left behind");
        }
    }

    @Test
    void benchCorrectWithABaselineSaysWhereTheTimeGoes() {
        Cli.Run run = Cli.run("bench", "correct", "--baseline", "models/descatter-default.zip", "--threads", "1");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("where the time goes (one replica on one core, batches of 1024"), run.out());
        String section = run.out().substring(run.out().indexOf("where the time goes"));
        double sum = 0;
        for (io.descatter.model.CorrectionModel.Replica.Stage stage : io.descatter.model.CorrectionModel.Replica.Stage.values()) {
            String line = section.lines().filter(l -> l.trim().startsWith(stage.label)).findFirst().orElse("");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+\\.\\d\\d) / +(\\d+\\.\\d\\d)$").matcher(line);
            assertTrue(m.find(), () -> stage.label + " in:\n" + run.out());
            double micros = Double.parseDouble(m.group(1));
            // the shipped model runs every stage (the same model as its own baseline: the same work)
            assertTrue(micros > 0 && micros < 1000, stage.label + ": " + micros + " us per spectrum");
            sum += micros;
        }
        String all = section.lines().filter(l -> l.trim().startsWith("all ")).findFirst().orElse("");
        double total = Double.parseDouble(all.trim().split("\\s+")[1]);
        assertEquals(sum, total, 0.03, "the stages add up to the whole");
    }

    @Test
    void aMissingFileIsBadInput() {
        Path missing = dir.resolve("missing.csv");
        Cli.Run run = Cli.run("bench", "emsc", "--spectra", missing.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("missing.csv"), run.err());
    }
}
