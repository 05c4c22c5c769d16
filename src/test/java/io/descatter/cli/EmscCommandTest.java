package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscOptions;
import io.descatter.emsc.MeEmscResult;
import io.descatter.testing.Cli;
import io.descatter.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emsc command on the gold spectrum (written to a temporary folder, never into the project; the test that needs
 * it is skipped where ../shared is absent) and on spectra made here.
 */
class EmscCommandTest {
    @TempDir
    Path dir;

    private static double[] row(String file, int index) throws Exception {
        String line = Files.readAllLines(SharedData.assumePresent("memsc", "miestd", file)).get(index);
        return Arrays.stream(line.split(",")).skip(1).mapToDouble(Double::parseDouble).toArray();
    }

    private static String joined(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    @Test
    void correctsWritesParametersAndFlagsBadSpectra() throws Exception {
        double[] wn = row("MieStd1_rawSpec.csv", 0);
        double[] raw = row("MieStd1_rawSpec.csv", 1);
        double[] refWn = row("MieStd2_refSpec.csv", 0);
        double[] ref = row("MieStd2_refSpec.csv", 1);
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "id," + joined(wn) + "\ncell," + joined(raw) + "\nblank," + joined(new double[wn.length]) + "\n");
        StringBuilder columnar = new StringBuilder("wavenumber,absorbance\n");
        for (int i = 0; i < refWn.length; i++) columnar.append(refWn[i]).append(',').append(ref[i]).append('\n');
        Path refFile = dir.resolve("ref.csv");
        Files.writeString(refFile, columnar);

        Cli.Run run = Cli.run("emsc", "--reference", refFile.toString(), in.toString(), "-o", dir.resolve("out.csv").toString(),
                "--params", dir.resolve("p.csv").toString(), "--residuals", dir.resolve("r.csv").toString(),
                "--threads", "2");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);

        List<String> out = Files.readAllLines(dir.resolve("out.csv"));
        assertEquals(3, out.size());
        assertTrue(out.get(0).endsWith("emsc_c,emsc_iterations,emsc_rmse,emsc_failure"), out.get(0));
        assertTrue(out.get(2).contains("constant"), out.get(2));
        List<String> params = Files.readAllLines(dir.resolve("p.csv"));
        assertEquals(3, params.size());
        assertTrue(params.get(1).startsWith("cell,"), params.get(1));
        assertEquals(3, Files.readAllLines(dir.resolve("r.csv")).size());

        // the command is a thin layer: its numbers are the library's (reference normalised by its maximum)
        MeEmscResult expected = new MeEmscCorrector(wn, refWn, ref, MeEmscOptions.defaults()).correct(raw);
        String[] cells = out.get(1).split(",");
        for (int i = 0; i < wn.length; i += 97) {
            assertEquals(expected.corrected()[i], Double.parseDouble(cells[1 + i]), 0.0, "point " + i);
        }
    }

    /**
     * ME-EMSC.md §6: the data are cropped to the reference's range (with a note); a reference that does not overlap
     * the data at all is refused, naming it.
     */
    @Test
    void theDataAreCroppedToTheReferenceAndOneOutsideThemIsAMismatch() throws Exception {
        Path in = dir.resolve("in.csv");
        StringBuilder header = new StringBuilder("id");
        StringBuilder values = new StringBuilder("a");
        for (int i = 0; i <= 1000; i++) {
            double w = 1000 + 2 * i;
            header.append(',').append((int) w);
            values.append(',').append(0.1 + Math.exp(-Math.pow((w - 1650) / 30, 2)) + 0.5 * Math.exp(-Math.pow((w - 2900) / 40, 2)));
            if (w == 2000) { // a metadata column between wavenumber columns keeps its place
                header.append(",note");
                values.append(",x");
            }
        }
        Files.writeString(in, header + "\n" + values + "\n");
        StringBuilder partial = new StringBuilder("wavenumber,absorbance\n");
        for (int w = 1500; w <= 3500; w += 5) {
            partial.append(w).append(',').append(0.05 + Math.exp(-Math.pow((w - 1650) / 30.0, 2))).append('\n');
        }
        Path partialRef = dir.resolve("partial.csv");
        Files.writeString(partialRef, partial);
        Path cropped = dir.resolve("cropped.csv");
        Cli.Run ok = Cli.run("emsc", "--reference", partialRef.toString(), in.toString(), "-o", cropped.toString());
        assertEquals(ExitCode.OK, ok.exitCode(), ok::toString);
        assertTrue(ok.err().contains("partial.csv covers 1500.0-3500.0 cm-1: the 250 points of"), ok::toString);
        String outHeader = Files.readAllLines(cropped).get(0);
        assertTrue(outHeader.startsWith("id,1500,1502,") && outHeader.contains(",1998,2000,note,2002,")
                && outHeader.contains(",2998,3000,emsc_b,"), outHeader.substring(0, 40));

        StringBuilder ref = new StringBuilder("wavenumber,absorbance\n");
        for (int i = 0; i < 20; i++) ref.append(3100 + 50 * i).append(',').append(1 + i % 3).append('\n');
        Path refFile = dir.resolve("ref.csv");
        Files.writeString(refFile, ref);
        Cli.Run run = Cli.run("emsc", "--reference", refFile.toString(), in.toString(), "-o", dir.resolve("o.csv").toString());
        assertEquals(ExitCode.MISMATCH, run.exitCode(), run::toString);
        assertTrue(run.err().contains("ref.csv: covers 3100.0–4050.0 cm⁻¹ but the data spans 1000.0–3000.0"), run.err());

        // problems of the reference are said of its file, by both methods
        StringBuilder zero = new StringBuilder("wavenumber,absorbance\n");
        for (int i = 0; i < 20; i++) zero.append(900 + 150 * i).append(",0\n");
        Path zeroFile = dir.resolve("zero.csv");
        Files.writeString(zeroFile, zero);
        for (String method : new String[] {"me-emsc", "emsc"}) {
            Cli.Run bad = Cli.run("emsc", "--method", method, "--reference", zeroFile.toString(), in.toString(), "-o",
                    dir.resolve("o.csv").toString());
            assertEquals(ExitCode.BAD_INPUT, bad.exitCode(), bad::toString);
            assertTrue(bad.err().contains("zero.csv: has no positive value"), bad::toString);
            assertEquals(1, bad.errLines().length, bad::toString);
        }
    }

    /**
     * {@code --method emsc}: a spectrum made exactly as the EMSC model says (b·r + quadratic baseline, r the
     * reference divided by its maximum) is corrected back to r, and a constant one is flagged. The model is exact,
     * so only rounding of the 200 × 4 least-squares fit on O(1) values remains (≈1e-14); 1e-10 leaves room. The
     * id with a comma checks that the parameter table quotes (it is read back with commons-csv).
     */
    @Test
    void plainEmscCorrectsAnExactModelAndWritesQuotedParameters() throws Exception {
        int k = 200;
        double[] wn = new double[k];
        double[] ref = new double[k];
        double max = 0;
        for (int i = 0; i < k; i++) {
            wn[i] = 1000 + 5 * i;
            ref[i] = 2 * Math.exp(-Math.pow((wn[i] - 1400) / 60, 2)) + 1.2 * Math.exp(-Math.pow((wn[i] - 1650) / 30, 2)) + 0.1;
            max = Math.max(max, ref[i]);
        }
        double[] r = new double[k];
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            r[i] = ref[i] / max;
            double x = wn[i] - 1500;
            z[i] = 1.5 * r[i] + 0.1 + 2e-4 * x + 3e-8 * x * x;
        }
        Path in = dir.resolve("in.csv");
        double[] constant = new double[k];
        Arrays.fill(constant, 0.5);
        Files.writeString(in, "id," + joined(wn) + "\n\"dish 1, well A\"," + joined(z) + "\nflat," + joined(constant) + "\n");
        StringBuilder columnar = new StringBuilder("wavenumber,absorbance\n");
        for (int i = 0; i < k; i++) columnar.append(wn[i]).append(',').append(ref[i]).append('\n');
        Path refFile = dir.resolve("ref.csv");
        Files.writeString(refFile, columnar);

        Cli.Run run = Cli.run("emsc", "--method", "emsc", "--reference", refFile.toString(), in.toString(),
                "-o", dir.resolve("out.csv").toString(), "--params", dir.resolve("p.csv").toString(),
                "--residuals", dir.resolve("r.csv").toString(), "--threads", "1");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);

        List<CSVRecord> out = records(dir.resolve("out.csv"));
        assertEquals(3, out.size());
        assertTrue(String.join(",", out.get(0)).endsWith("emsc_b,emsc_c0,emsc_c1,emsc_c2,emsc_rmse,emsc_failure"));
        assertEquals("dish 1, well A", out.get(1).get(0));
        for (int i = 0; i < k; i++) assertEquals(r[i], Double.parseDouble(out.get(1).get(1 + i)), 1e-10, "point " + i);
        List<CSVRecord> residuals = records(dir.resolve("r.csv"));
        for (int i = 0; i < k; i++) assertEquals(0, Double.parseDouble(residuals.get(1).get(1 + i)), 1e-10, "residual " + i);

        List<CSVRecord> params = records(dir.resolve("p.csv"));
        assertEquals(List.of("id", "emsc_b", "emsc_c0", "emsc_c1", "emsc_c2", "emsc_rmse", "emsc_failure"),
                params.get(0).toList());
        assertEquals(3, params.size());
        assertEquals("dish 1, well A", params.get(1).get(0));
        assertEquals(1.5, Double.parseDouble(params.get(1).get(1)), 1e-10, "b");
        assertEquals("", params.get(1).get(6));
        assertEquals("flat", params.get(2).get(0));
        assertTrue(params.get(2).get(6).contains("constant"), params.get(2).get(6));
    }

    private static List<CSVRecord> records(Path file) throws Exception {
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    @Test
    void unknownMethodIsAUsageError() throws Exception {
        // checked before the (missing) files are read: a missing input would be exit 3
        Cli.Run run = Cli.run("emsc", "--method", "magic", "--reference", "r.csv", "in.csv", "-o", "o.csv");
        assertEquals(ExitCode.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--method must be me-emsc or emsc, got 'magic'"), run::toString);
    }
}
