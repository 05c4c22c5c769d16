package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** correct and emsc refuse transmittance with the fix, and --input-unit converts it. */
class InputUnitCommandTest {
    @TempDir
    Path dir;

    private Path absorbance;
    private Path transmittance;
    private Path percent;

    @BeforeEach
    void files() throws Exception {
        absorbance = dir.resolve("a.csv");
        assertEquals(ExitCode.OK, Cli.run("simulate", "--n", "12", "--seed", "8", "-o", absorbance.toString()).exitCode());
        SpectraTable a = SpectraTable.read(absorbance.toString());
        transmittance = write(a, "t.csv", 1);
        percent = write(a, "pt.csv", 100);
    }

    /** The spectra of {@code a} as full·10^-A, with ids only. */
    private Path write(SpectraTable a, String name, double full) throws Exception {
        StringBuilder sb = new StringBuilder("id");
        for (double w : a.schema().axis().values()) sb.append(',').append(w);
        sb.append('\n');
        for (int s = 0; s < a.size(); s++) {
            sb.append("s").append(s);
            for (double v : a.spectra().get(s)) sb.append(',').append(full * Math.pow(10, -v));
            sb.append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    @Test
    void correctRefusesTransmittanceAndConvertsItWhenTold() throws Exception {
        Path out = dir.resolve("out.csv");
        Cli.Run refused = Cli.run("correct", transmittance.toString(), "-o", out.toString());
        assertEquals(ExitCode.BAD_INPUT, refused.exitCode(), refused::toString);
        assertEquals(1, refused.errLines().length, refused::toString);
        assertTrue(refused.err().contains("t.csv: the values look like transmittance")
                && refused.err().contains("--input-unit transmittance"), refused.err());
        assertFalse(Files.exists(out), "no output");
        Cli.Run refusedPercent = Cli.run("correct", percent.toString(), "-o", out.toString());
        assertTrue(refusedPercent.err().contains("--input-unit percent-transmittance"), refusedPercent::toString);

        Path fromA = dir.resolve("from_a.csv");
        assertEquals(ExitCode.OK, Cli.run("correct", absorbance.toString(), "-o", fromA.toString()).exitCode());
        for (String[] unit : new String[][] {{"transmittance", transmittance.toString()}, {"percent-transmittance", percent.toString()}}) {
            Cli.Run converted = Cli.run("correct", unit[1], "-o", out.toString(), "--input-unit", unit[0]);
            assertEquals(ExitCode.OK, converted.exitCode(), converted::toString);
            assertSameValues(fromA, out);
        }
        // absorbance switches the check off: the transmittance goes through as it is (the old, silent behaviour)
        assertEquals(ExitCode.OK, Cli.run("correct", transmittance.toString(), "-o", out.toString(), "--input-unit", "absorbance").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("correct", transmittance.toString(), "-o", out.toString(), "--input-unit", "counts").exitCode());
    }

    @Test
    void emscRefusesTransmittanceAndConvertsItWhenTold() throws Exception {
        Path ref = dir.resolve("ref.csv");
        assertEquals(ExitCode.OK, Cli.run("simulate", "--typical", "epithelial", "-o", ref.toString()).exitCode());
        Path out = dir.resolve("out.csv");
        Cli.Run refused = Cli.run("emsc", "--method", "emsc", "--reference", ref.toString(), transmittance.toString(), "-o", out.toString());
        assertEquals(ExitCode.BAD_INPUT, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("t.csv: the values look like transmittance"), refused.err());
        assertFalse(Files.exists(out), "no output");
        Cli.Run converted = Cli.run("emsc", "--method", "emsc", "--reference", ref.toString(), transmittance.toString(),
                "-o", out.toString(), "--input-unit", "transmittance");
        assertEquals(ExitCode.OK, converted.exitCode(), converted::toString);
        Path fromA = dir.resolve("from_a.csv");
        assertEquals(ExitCode.OK, Cli.run("emsc", "--method", "emsc", "--reference", ref.toString(), absorbance.toString(),
                "-o", fromA.toString()).exitCode());
        double[] b = SpectraTable.read(out.toString()).spectra().get(3);
        double[] expected = SpectraTable.read(fromA.toString()).spectra().get(3);
        for (int p = 0; p < b.length; p++) assertEquals(expected[p], b[p], 1e-9, "point " + p);
    }

    private static void assertSameValues(Path expected, Path actual) throws Exception {
        List<double[]> e = SpectraTable.read(expected.toString()).spectra();
        List<double[]> a = SpectraTable.read(actual.toString()).spectra();
        assertEquals(e.size(), a.size());
        // the network computes in float: -log10(10^-A) may differ from A in the last bits of a double, not beyond
        for (int s = 0; s < e.size(); s++) {
            for (int p = 0; p < e.get(s).length; p++) assertEquals(e.get(s)[p], a.get(s)[p], 1e-5, "spectrum " + s + " point " + p);
        }
    }
}
