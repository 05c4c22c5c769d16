package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Summaries in the right number, integer counts, and no resampling note for the model's grid written shorter. */
class TidyOutputTest {
    @TempDir
    Path dir;

    @Test
    void summariesSayOneSpectrumAndTwoSpectra() throws Exception {
        for (int n : new int[] {1, 2}) {
            String noun = n == 1 ? "1 spectrum " : "2 spectra ";
            Path raw = dir.resolve("raw" + n + ".csv");
            Cli.Run simulated = Cli.run("simulate", "--n", Integer.toString(n), "--seed", "4", "-o", raw.toString());
            assertTrue(simulated.err().contains("simulated " + noun), simulated::toString);
            Cli.Run corrected = Cli.run("correct", raw.toString(), "-o", dir.resolve("c.csv").toString());
            assertTrue(corrected.err().contains("corrected " + noun), corrected::toString);
            Cli.Run converted = Cli.run("convert", raw.toString(), "-o", dir.resolve("w.csv").toString());
            assertTrue(converted.err().contains("wrote " + noun), converted::toString);
            Path ref = dir.resolve("ref.csv");
            Cli.run("simulate", "--typical", "epithelial", "-o", ref.toString());
            Cli.Run emsc = Cli.run("emsc", "--method", "emsc", "--reference", ref.toString(), raw.toString(), "-o",
                    dir.resolve("e.csv").toString());
            assertTrue(emsc.err().contains("corrected " + noun), emsc::toString);
        }
    }

    @Test
    void infoWritesTheModelsCountsAsIntegers() {
        Cli.Run text = Cli.run("info", "models/descatter-default.zip");
        assertTrue(text.out().matches("(?s).*validation: +spectra \\d+, .*"), text.out());
        assertTrue(text.out().contains("confidence:   out-of-distribution score on 32 principal components"), text.out());
        Cli.Run json = Cli.run("info", "--json", "models/descatter-default.zip");
        assertTrue(json.out().matches("(?s).*\"spectra\" : \\d+,.*"), json.out());
        assertFalse(json.out().matches("(?s).*\"spectra\" : \\d+\\.0.*"), json.out());
    }

    /**
     * The model's computed axis (linspace(1000.89, 3999.71, 1556)) in headers as 1002.8185, not 1002.818501607717:
     * in simulate's output and in correct's on the model's axis. Read back, it is the model's grid (no resampling
     * note) and corrects to the same values as the exact axis would.
     */
    @Test
    void theModelsAxisIsWrittenWithFourDecimalsAndReadsBackAsTheModels() throws Exception {
        Path raw = dir.resolve("raw.csv");
        assertEquals(ExitCode.OK, Cli.run("simulate", "--n", "2", "--seed", "5", "-o", raw.toString()).exitCode());
        assertWrittenShort(raw);
        Path corrected = dir.resolve("c.csv");
        Cli.Run run = Cli.run("correct", raw.toString(), "-o", corrected.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertFalse(run.err().contains("resampled"), run::toString);
        assertWrittenShort(corrected);

        Path twoCm = dir.resolve("2cm.csv");
        assertEquals(ExitCode.OK, Cli.run("convert", raw.toString(), "-o", twoCm.toString(), "--axis", "1002:3998:2").exitCode());
        Path onModel = dir.resolve("m.csv");
        Cli.Run back = Cli.run("correct", twoCm.toString(), "-o", onModel.toString(), "--output-axis", "model");
        assertEquals(ExitCode.OK, back.exitCode(), back::toString);
        assertWrittenShort(onModel);
    }

    private static void assertWrittenShort(Path file) throws Exception {
        String header = Files.readAllLines(file).get(0);
        assertTrue(header.contains(",1000.89,1002.8185,1004.747,"), header.substring(0, 80));
        assertTrue(header.endsWith(",3999.71") || header.contains(",3999.71,"), file::toString);
        assertFalse(header.matches(".*\\.\\d{5,}.*"), "a wavenumber with more than 4 decimals in " + file);
    }

    /**
     * The shipped samples on the model's grid written with 2 decimals, truncated as another lab's software did
     * (3897.4994… as 3897.49): the same grid, so the values pass unchanged and there is no resampling note. Shifted
     * by a quarter step it is another grid, resampled with the note.
     */
    @Test
    void theModelsGridWrittenShorterIsNotResampled() throws Exception {
        Path full = dir.resolve("full.csv");
        assertEquals(ExitCode.OK, Cli.run("simulate", "--n", "3", "--seed", "6", "-o", full.toString()).exitCode());
        Path shorter = withHeader(full, "short.csv", 0);
        Path shifted = withHeader(full, "shifted.csv", 0.48);

        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Cli.Run exact = Cli.run("correct", full.toString(), "-o", a.toString());
        Cli.Run written = Cli.run("correct", shorter.toString(), "-o", b.toString());
        assertEquals(ExitCode.OK, written.exitCode(), written::toString);
        assertFalse(written.err().contains("resampled"), written::toString);
        assertEquals(SpectraTable.read(a.toString()).spectra().get(2)[700], SpectraTable.read(b.toString()).spectra().get(2)[700]);
        assertFalse(exact.err().contains("resampled"), exact::toString);

        Cli.Run other = Cli.run("correct", shifted.toString(), "-o", b.toString());
        assertTrue(other.err().contains("(input resampled onto the model's axis)"), other::toString);
    }

    /**
     * {@code file} with its wavenumbers truncated to 2 decimals, the inner ones moved by {@code shift} (the ends stay,
     * so that the axis still covers the model's).
     */
    private Path withHeader(Path file, String name, double shift) throws Exception {
        List<String> lines = Files.readAllLines(file);
        String[] cells = lines.get(0).split(",");
        List<Integer> wavenumbers = new java.util.ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].matches("[0-9.]+")) wavenumbers.add(i);
        }
        for (int k = 0; k < wavenumbers.size(); k++) {
            int i = wavenumbers.get(k);
            boolean end = k == 0 || k == wavenumbers.size() - 1;
            double w = Double.parseDouble(cells[i]) + (end ? 0 : shift);
            // the decimal text truncated (BigDecimal.valueOf), not the binary double: 1631.51 stays 1631.51
            cells[i] = BigDecimal.valueOf(w).setScale(2, RoundingMode.DOWN).toPlainString();
        }
        lines.set(0, String.join(",", cells));
        return Files.write(dir.resolve(name), lines);
    }
}
