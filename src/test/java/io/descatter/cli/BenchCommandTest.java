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
    void aMissingFileIsBadInput() {
        Path missing = dir.resolve("missing.csv");
        Cli.Run run = Cli.run("bench", "emsc", "--spectra", missing.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("missing.csv"), run.err());
    }
}
