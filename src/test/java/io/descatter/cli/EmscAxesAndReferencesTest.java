package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.Resampler;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emsc} on the axes labs use (2, 4 and 8 cm⁻¹, the Agilent imaging grid) and with the reference choices
 * {@code --reference mean} and {@code --passes 2}, on spectra simulated here: inside ME-EMSC's model class, so that
 * the fits are determined, with the simulator's typical epithelial spectrum as the reference (a cell-like
 * reference, as Matrigel is for the measured cells).
 */
class EmscAxesAndReferencesTest {
    @TempDir
    static Path dir;
    static Path reference;

    /** The spectra of a wide file, its axis and its emsc_b column (NaN where it has none). */
    record Table(double[] axis, List<double[]> rows, List<Double> b) {
    }

    @BeforeAll
    static void makeReference() {
        reference = dir.resolve("epithelial.csv");
        assertEquals(0, Cli.run("simulate", "--typical", "epithelial", "-o", reference.toString()).exitCode());
    }

    private static Path simulate(String axis) {
        Path raw = dir.resolve("raw_" + axis.replace(':', '_') + ".csv");
        Cli.Run run = Cli.run("simulate", "--n", "20", "--seed", "5", "--memsc-model-class", "--axis", axis, "-o", raw.toString());
        assertEquals(0, run.exitCode(), run::toString);
        return raw;
    }

    static Table read(Path file) throws Exception {
        try (SpectraReader r = SpectraReader.open(InputSource.of(file), ReadOptions.defaults())) {
            int bColumn = -1;
            for (int m = 0; m < r.schema().meta().size(); m++) if (r.schema().meta().get(m).name().equals("emsc_b")) bColumn = m;
            SpectraChunk chunk = r.newChunk(64);
            List<double[]> rows = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            int n;
            while ((n = r.read(chunk)) > 0) {
                for (int i = 0; i < n; i++) {
                    rows.add(Arrays.copyOfRange(chunk.values(), chunk.offset(i), chunk.offset(i) + chunk.points()));
                    b.add(bColumn < 0 ? Double.NaN : Double.parseDouble(chunk.meta(i)[bColumn]));
                }
            }
            return new Table(r.schema().axis().values(), rows, b);
        }
    }

    private static Cli.Run emsc(String... args) {
        List<String> all = new ArrayList<>(List.of("emsc", "--threads", "2"));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(new String[0]));
    }

    private static double max(double[] v) {
        return Arrays.stream(v).map(Math::abs).max().orElseThrow();
    }

    /**
     * 4 and 8 cm⁻¹ data (the simulator's 2 cm⁻¹ spectra at every 2nd or 4th point) are corrected, and agree with the
     * 2 cm⁻¹ correction at their points. Not to rounding: the least squares fit 4× fewer points, the Mie loadings
     * come from curves sampled there, and the MATLAB stop rule (4-decimal RMSE) may stop a few iterations apart
     * (one spectrum: 20 iterations at 2 cm⁻¹, 30 at 4). Measured on these 20 spectra: RMS difference at most 0.5 %
     * of the spectrum's maximum at 8 cm⁻¹ and 1.9 % at 4 cm⁻¹ (whose Kramers-Kronig step is the ports' own, on its
     * points), r ≥ 0.9995 and ≥ 0.9958. Bounds: 2.5 % and r ≥ 0.995 for every spectrum, median 0.5 %. Spectra whose
     * 2 cm⁻¹ fit leaves b < 0.15 (3 of 20 here: the reference's share is near zero or negative, so the corrected
     * spectrum, a residual divided by b, is not determined by the data) are only required to be corrected.
     */
    @Test
    void fourAndEightCmAxesAgreeWithTwoCm() throws Exception {
        Table fine = correct(simulate("1000:4000:2"), "fine");
        for (String axis : List.of("1000:4000:4", "1000:4000:8")) {
            Table coarse = correct(simulate(axis), axis.replace(':', '_'));
            // the reference covers 1000.89-3999.71: both outputs are cropped to it, the coarse one from 1004
            int[] at = new int[coarse.axis().length];
            for (int j = 0; j < at.length; j++) {
                at[j] = (int) Math.round((coarse.axis()[j] - fine.axis()[0]) / 2);
                assertEquals(fine.axis()[at[j]], coarse.axis()[j], 0.0);
            }
            List<Double> rms = new ArrayList<>();
            for (int s = 0; s < fine.rows().size(); s++) {
                double[] c = coarse.rows().get(s);
                assertTrue(Arrays.stream(c).allMatch(Double::isFinite), axis + " spectrum " + s + " corrected");
                if (!(fine.b().get(s) >= 0.15)) continue;
                double[] f = new double[c.length];
                for (int j = 0; j < c.length; j++) f[j] = fine.rows().get(s)[at[j]];
                double sq = 0;
                for (int j = 0; j < c.length; j++) sq += (c[j] - f[j]) * (c[j] - f[j]);
                double relativeRms = Math.sqrt(sq / c.length) / max(f);
                rms.add(relativeRms);
                assertTrue(relativeRms <= 0.025, axis + " spectrum " + s + ": RMS difference " + relativeRms);
                double r = pearson(c, f);
                assertTrue(r >= 0.995, axis + " spectrum " + s + ": r " + r);
            }
            assertTrue(rms.size() >= 15, "determined fits: " + rms.size());
            double median = rms.stream().sorted().toList().get(rms.size() / 2);
            assertTrue(median <= 0.005, axis + ": median RMS difference " + median);
        }
    }

    private static Table correct(Path raw, String name) throws Exception {
        Path out = dir.resolve("corrected_" + name + ".csv");
        Cli.Run run = emsc("--reference", reference.toString(), raw.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("(0 could not be corrected)"), run::toString);
        return read(out);
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** The Agilent imaging grid (1428 points, 948.8-3700.7 cm⁻¹): cropped to the reference's range and corrected. */
    @Test
    void agilentGridIsCroppedToTheReferenceAndCorrected() throws Exception {
        Table wide = read(simulate("940:3710:2"));
        double[] agilent = new double[1428];
        for (int i = 0; i < agilent.length; i++) agilent[i] = 948.8 + i * (3700.7 - 948.8) / 1427;
        agilent[1427] = 3700.7;
        Resampler onto = Resampler.linear(WavenumberAxis.of(wide.axis()), WavenumberAxis.of(agilent));
        StringBuilder csv = new StringBuilder("id");
        for (double w : agilent) csv.append(',').append(w);
        for (int s = 0; s < wide.rows().size(); s++) {
            csv.append("\ncell").append(s);
            for (double v : onto.apply(wide.rows().get(s))) csv.append(',').append(v);
        }
        Path in = Files.writeString(dir.resolve("agilent.csv"), csv.append('\n'));
        Path out = dir.resolve("agilent_corrected.csv");
        Cli.Run run = emsc("--reference", reference.toString(), in.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("outside it are left out") && run.err().contains("(0 could not be corrected)"), run::toString);
        Table corrected = read(out);
        assertTrue(corrected.axis()[0] >= 1000.89 && corrected.axis()[0] < 1000.89 + 1.93, "from " + corrected.axis()[0]);
        assertEquals(3700.7, corrected.axis()[corrected.axis().length - 1], 0.0);
        for (double[] row : corrected.rows()) assertTrue(Arrays.stream(row).allMatch(Double::isFinite));
    }

    /**
     * --reference mean is the input's mean (the same output as that mean given as a file), and --passes 2 is a
     * second correction against the mean of the first one's output (the same output as running that by hand), which
     * differs from the first.
     */
    @Test
    void meanReferenceAndSecondPassUseTheReferencesTheySay() throws Exception {
        Path raw = simulate("1000:4000:8");
        Table input = read(raw);
        Path meanFile = writeColumnar("input_mean.csv", input.axis(), mean(input.rows()));

        Path byMean = dir.resolve("by_mean.csv");
        Cli.Run run = emsc("--reference", "mean", raw.toString(), "-o", byMean.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("the reference is the mean of 20 spectra of"), run::toString);
        Path byFile = dir.resolve("by_file.csv");
        assertEquals(0, emsc("--reference", meanFile.toString(), raw.toString(), "-o", byFile.toString()).exitCode());
        Table first = read(byMean);
        assertEquals(Files.readAllLines(byFile), Files.readAllLines(byMean));

        Path secondMean = writeColumnar("pass1_mean.csv", first.axis(), mean(first.rows()));
        Path byHand = dir.resolve("by_hand.csv");
        assertEquals(0, emsc("--reference", secondMean.toString(), raw.toString(), "-o", byHand.toString()).exitCode());
        Path twoPasses = dir.resolve("two_passes.csv");
        run = emsc("--reference", "mean", "--passes", "2", raw.toString(), "-o", twoPasses.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("pass 1 of 2 corrected 20 spectra; the next pass's reference is the mean of 20 spectra"),
                run::toString);
        assertEquals(Files.readAllLines(byHand), Files.readAllLines(twoPasses));
        Table second = read(twoPasses);
        double largest = 0;
        for (int s = 0; s < first.rows().size(); s++) {
            for (int j = 0; j < first.axis().length; j++) {
                largest = Math.max(largest, Math.abs(first.rows().get(s)[j] - second.rows().get(s)[j]));
            }
        }
        assertTrue(largest > 1e-3, "the second pass changes the output: " + largest);

        // the input is read more than once: standard input cannot be
        Cli.Run stdin = emsc("--reference", "mean", "-", "-o", dir.resolve("x.csv").toString());
        assertEquals(ExitCode.USAGE, stdin.exitCode(), stdin::toString);
        assertTrue(stdin.err().contains("not standard input"), stdin::toString);
        assertEquals(ExitCode.USAGE, emsc("--reference", reference.toString(), "--passes", "0", raw.toString(), "-o",
                dir.resolve("y.csv").toString()).exitCode());
    }

    /** The mean as the command takes it: the sum in file order, divided by the count. */
    private static double[] mean(List<double[]> rows) {
        double[] sum = new double[rows.get(0).length];
        for (double[] r : rows) for (int i = 0; i < sum.length; i++) sum[i] += r[i];
        for (int i = 0; i < sum.length; i++) sum[i] /= rows.size();
        return sum;
    }

    private static Path writeColumnar(String name, double[] axis, double[] values) throws Exception {
        StringBuilder csv = new StringBuilder("wavenumber,absorbance\n");
        for (int i = 0; i < axis.length; i++) csv.append(axis[i]).append(',').append(values[i]).append('\n');
        return Files.writeString(dir.resolve(name), csv);
    }
}
