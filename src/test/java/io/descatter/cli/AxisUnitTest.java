package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --axis-unit}: an axis given as wavelength (µm, nm) is read as wavenumbers, and an unmarked µm axis is named as such. */
class AxisUnitTest {
    @TempDir
    static Path dir;
    static Path original;

    @BeforeAll
    static void fiveSampleSpectra() throws Exception {
        SpectraTable t = SpectraTable.read("data-samples/sim_raw.csv.gz");
        original = dir.resolve("cm.csv");
        write(original, t, 5, w -> w);
    }

    /** The first {@code n} spectra of {@code t} with the header's values mapped by {@code axis}. */
    private static void write(Path file, SpectraTable t, int n, DoubleUnaryOperator axis) throws Exception {
        StringBuilder sb = new StringBuilder("id");
        for (double w : t.schema().axis().values()) sb.append(',').append(String.format(Locale.ROOT, "%.9g", axis.applyAsDouble(w)));
        sb.append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(t.ids().get(i));
            for (double v : t.spectra().get(i)) sb.append(',').append(v);
            sb.append('\n');
        }
        Files.writeString(file, sb);
    }

    @Test
    void wavelengthAxesCorrectAsTheirWavenumbers() throws Exception {
        SpectraTable t = SpectraTable.read("data-samples/sim_raw.csv.gz");
        Path um = dir.resolve("um.csv");
        Path nm = dir.resolve("nm.csv");
        write(um, t, 5, w -> 1e4 / w);
        write(nm, t, 5, w -> 1e7 / w);
        Path expected = dir.resolve("cm_corrected.csv");
        assertEquals(0, Cli.run("correct", original.toString(), "-o", expected.toString()).exitCode());
        SpectraTable e = SpectraTable.read(expected.toString());
        for (String[] c : new String[][] {{um.toString(), "um"}, {nm.toString(), "nm"}, {um.toString(), "µm"}}) {
            Path out = dir.resolve("corrected_" + c[1] + ".csv");
            Cli.Run run = Cli.run("correct", c[0], "--axis-unit", c[1], "-o", out.toString());
            assertEquals(0, run.exitCode(), run::toString);
            SpectraTable got = SpectraTable.read(out.toString());
            assertEquals(e.schema().axis(), got.schema().axis(), "written on the model's axis");
            for (int i = 0; i < 5; i++) {
                double[] a = e.spectra().get(i);
                double[] b = got.spectra().get(i);
                double max = 0;
                for (double v : a) max = Math.max(max, Math.abs(v));
                // the 9-digit wavelengths move each point by up to 1e-5 cm-1 before resampling
                for (int p = 0; p < a.length; p++) assertEquals(a[p], b[p], 1e-4 * max, c[1] + " spectrum " + i + " point " + p);
            }
        }
    }

    /** The data's unit is not the reference's: a cm⁻¹ reference stays cm⁻¹ beside µm data. */
    @Test
    void aReferenceKeepsItsOwnUnit() throws Exception {
        SpectraTable t = SpectraTable.read("data-samples/sim_raw.csv.gz");
        Path um = dir.resolve("um_emsc.csv");
        write(um, t, 5, w -> 1e4 / w);
        Path reference = dir.resolve("epithelial.csv");
        assertEquals(0, Cli.run("simulate", "--typical", "epithelial", "-o", reference.toString()).exitCode());
        Path expected = dir.resolve("cm_emsc_out.csv");
        Path got = dir.resolve("um_emsc_out.csv");
        assertEquals(0, Cli.run("emsc", original.toString(), "--reference", reference.toString(), "-o", expected.toString()).exitCode());
        Cli.Run run = Cli.run("emsc", um.toString(), "--axis-unit", "um", "--reference", reference.toString(), "-o", got.toString());
        assertEquals(0, run.exitCode(), run::toString);
        SpectraTable e = SpectraTable.read(expected.toString());
        SpectraTable g = SpectraTable.read(got.toString());
        double[] ea = e.schema().axis().values();
        double[] ga = g.schema().axis().values();
        // the converted axis may lose an end point that rounding put a hair outside the reference
        assertTrue(ga.length >= ea.length - 2, ga.length + " of " + ea.length + " points");
        for (int i = 0; i < 5; i++) {
            double[] a = e.spectra().get(i);
            double[] b = g.spectra().get(i);
            double[] same = new double[ga.length];
            for (int p = 0; p < ga.length; p++) {
                int q = nearest(ea, ga[p]);
                assertEquals(ea[q], ga[p], 1e-3, "the same point");
                same[p] = a[q];
            }
            // ME-EMSC fits the one-point-shorter axis a little differently (up to 5 % of the peak at its end)
            double r = io.descatter.model.Metrics.pearson(same, b);
            assertTrue(r > 0.999, "spectrum " + i + ": r " + r + " with the cm-1 file's correction");
        }
    }

    private static int nearest(double[] axis, double w) {
        int best = 0;
        for (int k = 1; k < axis.length; k++) if (Math.abs(axis[k] - w) < Math.abs(axis[best] - w)) best = k;
        return best;
    }

    @Test
    void anUnmarkedMicrometreAxisIsNamedAndBadUnitsRefused() throws Exception {
        SpectraTable t = SpectraTable.read("data-samples/sim_raw.csv.gz");
        Path um = dir.resolve("um_plain.csv");
        write(um, t, 5, w -> 1e4 / w);
        Cli.Run run = Cli.run("correct", um.toString(), "-o", dir.resolve("x.csv").toString());
        assertEquals(4, run.exitCode(), run::toString);
        assertTrue(run.err().contains("looks like wavelength in µm") && run.err().contains("--axis-unit um"), run.err());
        assertTrue(!run.err().contains("descatter simulate"), "no advice to train a model on a wavelength axis: " + run.err());

        Cli.Run unit = Cli.run("correct", um.toString(), "--axis-unit", "mm", "-o", dir.resolve("y.csv").toString());
        assertEquals(2, unit.exitCode(), unit::toString);
        assertTrue(unit.err().contains("--axis-unit must be cm-1, um or nm, not 'mm'"), unit.err());

        Path zero = dir.resolve("zero.csv");
        write(zero, t, 2, w -> w > 3999 ? 0 : 1e4 / w); // the last wavelength 0, the order kept
        Cli.Run bad = Cli.run("info", zero.toString(), "--axis-unit", "um");
        assertEquals(3, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("zero.csv: wavelength 0.0 um has no wavenumber"), bad.err());
    }
}
