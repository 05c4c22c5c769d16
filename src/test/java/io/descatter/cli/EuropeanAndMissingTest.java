package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** correct reads and writes European spreadsheet exports, and fills or gives up on missing values with --allow-nan. */
class EuropeanAndMissingTest {
    @TempDir
    Path dir;

    private Path raw;

    @BeforeEach
    void simulate() {
        raw = dir.resolve("raw.csv");
        Cli.Run sim = Cli.run("simulate", "--n", "6", "--seed", "3", "-o", raw.toString());
        assertEquals(ExitCode.OK, sim.exitCode(), sim.toString());
    }

    @Test
    void correctReadsAndWritesDecimalCommas() throws Exception {
        Path eu = dir.resolve("eu.csv");
        assertEquals(ExitCode.OK, Cli.run("convert", raw.toString(), "-o", eu.toString(), "--output-decimal", "comma").exitCode());
        assertTrue(Files.readString(eu).startsWith("id;tissue;1000,89;"));
        Path plainOut = dir.resolve("plain_out.csv");
        Path euOut = dir.resolve("eu_out.csv");
        Cli.Run a = Cli.run("correct", raw.toString(), "-o", plainOut.toString());
        Cli.Run b = Cli.run("correct", eu.toString(), "-o", euOut.toString());
        assertEquals(ExitCode.OK, a.exitCode(), a.toString());
        assertEquals(ExitCode.OK, b.exitCode(), b.toString());
        String[] firstRow = Files.readAllLines(euOut).get(1).split(";");
        assertTrue(Files.readString(euOut).startsWith("id;tissue;1000,89;"));
        for (int c = 2; c < 2 + 1556; c++) assertFalse(firstRow[c].contains("."), "written back in the input's style: " + firstRow[c]);
        SpectraTable x = SpectraTable.read(plainOut.toString());
        SpectraTable y = SpectraTable.read(InputSource.of(euOut.toString()), ReadOptions.defaults());
        for (int s = 0; s < x.spectra().size(); s++) org.junit.jupiter.api.Assertions.assertArrayEquals(x.spectra().get(s), y.spectra().get(s));
        Path pointOut = dir.resolve("point_out.csv");
        assertEquals(ExitCode.OK, Cli.run("correct", eu.toString(), "-o", pointOut.toString(), "--output-decimal", "point").exitCode());
        assertTrue(Files.readString(pointOut).startsWith("id;tissue;1000.89;"));
    }

    @Test
    void mixedDecimalMarksAreBadInput() throws Exception {
        Path mixed = Files.writeString(dir.resolve("mixed.csv"), "id;1000,5;1002,5;1004,5\nx;0,1;0.2;0,3\n");
        Cli.Run r = Cli.run("convert", mixed.toString(), "-o", dir.resolve("o.csv").toString());
        assertEquals(ExitCode.BAD_INPUT, r.exitCode());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("mixed.csv:2:3: mixed decimal marks"), r.err());
        assertFalse(Files.exists(dir.resolve("o.csv")));
    }

    @Test
    void helpTeachesTheNewOptions() {
        for (String command : List.of("correct", "convert", "emsc", "simulate")) {
            String help = Cli.run(command, "--help").out();
            assertTrue(help.contains("--output-decimal comma"), command + " --help shows --output-decimal with an example");
        }
        String help = Cli.run("correct", "--help").out();
        assertTrue(help.contains("--decimal-comma") && help.contains("--allow-nan --max-missing"), help);
    }

    /** raw.csv with cells blanked: 3 in spectrum 0, a fifth of spectrum 1. */
    private Path withGaps() throws Exception {
        List<String> lines = Files.readAllLines(raw);
        String[] s0 = lines.get(1).split(",", -1);
        s0[10] = "";
        s0[11] = "NaN";
        s0[500] = "";
        lines.set(1, String.join(",", s0));
        String[] s1 = lines.get(2).split(",", -1);
        for (int k = 2; k < 2 + (s1.length - 2) / 5; k++) s1[k] = "";
        lines.set(2, String.join(",", s1));
        return Files.write(dir.resolve("gaps.csv"), lines);
    }

    @Test
    void withoutAllowNanMissingValuesAreRefused() throws Exception {
        Path gaps = withGaps();
        Cli.Run r = Cli.run("correct", gaps.toString(), "-o", dir.resolve("o.csv").toString());
        assertEquals(ExitCode.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("gaps.csv:2:11: empty or NaN cell") && r.err().contains("--allow-nan"), r.err());
    }

    @Test
    void allowNanFillsAFewAndWritesTooManyAsNaN() throws Exception {
        Path gaps = withGaps();
        Path out = dir.resolve("o.csv");
        Cli.Run r = Cli.run("correct", gaps.toString(), "-o", out.toString(), "--allow-nan");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.err().contains("; 1 spectrum with more than 10 % missing written as NaN"), r.err());
        assertTrue(r.err().contains("filled the missing values of 1 spectrum of " + gaps + " (3 points)"), r.err());
        SpectraTable t = SpectraTable.read(InputSource.of(out.toString()), ReadOptions.defaults().withAllowMissing(true));
        assertTrue(java.util.Arrays.stream(t.spectra().get(0)).allMatch(Double::isFinite), "gaps filled: a whole corrected spectrum");
        assertTrue(java.util.Arrays.stream(t.spectra().get(1)).allMatch(Double::isNaN), "a fifth missing: NaN");
        for (int s = 2; s < t.spectra().size(); s++) assertTrue(java.util.Arrays.stream(t.spectra().get(s)).allMatch(Double::isFinite));
        // the filled spectrum corrects close to the complete one
        Path full = dir.resolve("full.csv");
        assertEquals(ExitCode.OK, Cli.run("correct", raw.toString(), "-o", full.toString()).exitCode());
        double[] a = SpectraTable.read(full.toString()).spectra().get(0);
        double[] b = t.spectra().get(0);
        double worst = 0;
        double scale = 0;
        for (int k = 0; k < a.length; k++) {
            worst = Math.max(worst, Math.abs(a[k] - b[k]));
            scale = Math.max(scale, Math.abs(a[k]));
        }
        assertTrue(worst < 0.05 * scale, "worst difference " + worst + " of " + scale);
        // a larger share allowed: the second is filled too
        Cli.Run wide = Cli.run("correct", gaps.toString(), "-o", dir.resolve("o2.csv").toString(), "--allow-nan", "--max-missing", "0.3");
        assertEquals(ExitCode.OK, wide.exitCode(), wide.toString());
        assertFalse(wide.err().contains("written as NaN"), wide.err());
        assertTrue(wide.err().contains("of 2 spectra of"), wide.err());
    }
}
