package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.Layout;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.synth.PureSpectrumGenerator;
import io.descatter.synth.TissueType;
import io.descatter.testing.Cli;
import io.descatter.testing.SharedData;
import io.descatter.testing.SpectraFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void helpListsCommandsAndExitCodes() {
        Cli.Run run = Cli.run("--help");
        assertEquals(0, run.exitCode());
        for (String s : new String[] {"info", "convert", "Exit codes", "3  bad input data"}) {
            assertTrue(run.out().contains(s), () -> "help mentions " + s + ":\n" + run.out());
        }
        Cli.Run convertHelp = Cli.run("convert", "--help");
        assertTrue(convertHelp.out().contains("--axis") && convertHelp.out().contains("Examples"), convertHelp::toString);
    }

    @Test
    void keepingTheDetailNeedsEachTruthsScaleAndTrainsAModelThatSaysSo() throws Exception {
        Path raw = dir.resolve("raw.csv");
        Path truth = dir.resolve("truth.csv");
        assertEquals(0, Cli.run("simulate", "--n", "120", "--seed", "3", "--axis", "1000:1400:4", "-o", raw.toString(),
                "--truth", truth.toString()).exitCode());
        // the truth file has no b column: as raw input it is refused before any work, in one line
        Cli.Run noScale = Cli.run("train", "--raw", truth.toString(), "--target", truth.toString(), "--keep-detail", "40",
                "--architecture", "pca", "--components", "8", "--hidden", "16", "--epochs", "1", "-o", dir.resolve("x.zip").toString());
        assertEquals(3, noScale.exitCode(), noScale::toString);
        assertTrue(noScale.err().contains("has no b column"), noScale.err());
        assertFalse(Files.exists(dir.resolve("x.zip")));
        Path model = dir.resolve("detail.zip");
        Cli.Run train = Cli.run("train", "--raw", raw.toString(), "--target", truth.toString(), "--keep-detail", "40",
                "--architecture", "pca", "--components", "8", "--hidden", "16", "--epochs", "2", "-o", model.toString());
        assertEquals(0, train.exitCode(), train::toString);
        Cli.Run info = Cli.run("info", model.toString());
        assertTrue(info.out().contains("the standardised input's detail"), info.out());
        assertTrue(info.out().contains("\"format\" : 2"), info.out());
    }

    @Test
    void trainHelpExplainsTheArchitecturesAndListTypesMarksTheAugmentation() {
        Cli.Run train = Cli.run("train", "--help");
        assertEquals(0, train.exitCode());
        for (String s : new String[] {"--architecture", "dense:", "pca:", "conv:", "--components", "--channels", "--kernel", "principal components"}) {
            assertTrue(train.out().contains(s), () -> "train --help mentions " + s + ":\n" + train.out());
        }
        Cli.Run types = Cli.run("simulate", "--list-types");
        assertEquals(0, types.exitCode());
        String out = types.out();
        assertTrue(out.contains("Training augmentation") && out.contains("broad") && out.contains("never in held-out tests"), out);
        assertTrue(out.contains("amyloid") && out.indexOf("broad") > out.indexOf("amyloid"),
                "the augmentation comes after the tissue types:\n" + out);
        Cli.Run bad = Cli.run("train", "--raw", "x.csv", "--target", "y.csv", "-o", "m.zip", "--architecture", "lstm");
        assertEquals(ExitCode.USAGE, bad.exitCode(), bad::toString);
    }

    /** An instrument's two-column export without a header, corrected to the same layout: no score becomes its id. */
    @Test
    void aHeaderlessColumnarExportIsCorrectedToAHeaderlessColumnarFile() throws Exception {
        Path typical = dir.resolve("typical.csv");
        assertEquals(0, Cli.run("simulate", "--typical", "epithelial", "-o", typical.toString()).exitCode());
        List<String> lines = Files.readAllLines(typical);
        Path export = dir.resolve("export.dpt");
        StringBuilder text = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) text.append(line.replace(',', '\t')).append("\n"); // no header
        Files.writeString(export, text + "# a comment\n");
        Path out = dir.resolve("corrected.dpt");
        Cli.Run run = Cli.run("correct", export.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("confidence_ood, ood_flag"), "the scores are named as not written: " + run.err());
        String first = Files.readAllLines(out).get(0);
        assertEquals(2, first.split("\t").length, first);
        assertTrue(first.startsWith("1000.89\t"), "the first line is data, not a header of scores: " + first);
    }

    @Test
    void typicalSpectrumIsWrittenAsAColumnarReferenceExactly() throws Exception {
        Path f = dir.resolve("stroma.csv");
        Cli.Run run = Cli.run("simulate", "--typical", "stroma", "--axis", "1000:4000:2", "-o", f.toString());
        assertEquals(0, run.exitCode(), run::toString);
        SpectraTable table = SpectraTable.read(f.toString());
        assertEquals(Layout.COLUMNAR, table.schema().layout());
        assertEquals(1, table.spectra().size());
        assertTrue(Files.readString(f).startsWith("wavenumber,stroma\n"), () -> "header names the type: " + f);
        WavenumberAxis axis = WavenumberAxis.regular(1000, 4000, 2);
        double[] expected = new PureSpectrumGenerator(axis, PureSpectrumGenerator.Jitter.defaults()).typical(TissueType.STROMA);
        assertArrayEquals(expected, table.single(), 0.0, "shortest exact decimals read back bit for bit");
        assertArrayEquals(axis.values(), table.schema().axis().values(), 0.0);

        Path bad = dir.resolve("bad.csv");
        Cli.Run unknown = Cli.run("simulate", "--typical", "bone", "-o", bad.toString());
        assertEquals(ExitCode.USAGE, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("unknown tissue type 'bone'"), unknown::toString);
        assertFalse(Files.exists(bad), "no output for a usage error");

        Cli.Run negativeWarp = Cli.run("simulate", "--n", "5", "--region-warp", "-0.5", "-o", bad.toString());
        assertEquals(ExitCode.USAGE, negativeWarp.exitCode(), negativeWarp::toString);
        assertTrue(negativeWarp.err().contains("--region-warp must be 0 or positive"), negativeWarp::toString);
        assertFalse(Files.exists(bad), "no output for a usage error");
        Cli.Run warpedTemplates = Cli.run("simulate", "--n", "5", "--region-warp", "0.5", "--templates", f.toString(), "-o", bad.toString());
        assertEquals(ExitCode.USAGE, warpedTemplates.exitCode(), warpedTemplates::toString);
        assertTrue(warpedTemplates.err().contains("does not go with --templates"), warpedTemplates::toString);
        assertFalse(Files.exists(bad), "no output for a usage error");
    }

    /** The ranges simulate --help states as defaults are the ones the simulator uses. */
    @Test
    void simulateHelpStatesTheDefaultRanges() {
        io.descatter.synth.DistortionRanges d = io.descatter.synth.DistortionRanges.defaults();
        String help = Cli.run("simulate", "--help").out().replaceAll("\\s+", " ");
        for (String range : new String[] {num(d.radiusMin()) + ":" + num(d.radiusMax()), num(d.n0Min()) + ":" + num(d.n0Max()),
                num(d.snrMin()) + ":" + num(d.snrMax())}) {
            assertTrue(help.contains("(default " + range + ")"), () -> "simulate --help states the default " + range + ":\n" + help);
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Test
    void versionAndMissingCommand() {
        Cli.Run v = Cli.run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("descatter "), v.out());
        assertEquals(ExitCode.USAGE, Cli.run().exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("frobnicate").exitCode());
    }

    /**
     * {@code simulate --compare}: ME-EMSC fits of "measured" spectra (simulated here; the validation cells are not
     * used for this) and of simulated ones side by side; the report folder appears whole, and an unusable one is
     * refused before any work.
     */
    @Test
    void calibrationReportAppearsWhole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path measured = dir.resolve("cells.csv");
        java.nio.file.Path ref = dir.resolve("ref.csv");
        assertEquals(0, Cli.run("simulate", "--n", "4", "--seed", "11", "-o", measured.toString()).exitCode());
        assertEquals(0, Cli.run("simulate", "--typical", "epithelial", "-o", ref.toString()).exitCode());
        java.nio.file.Path report = dir.resolve("reports").resolve("calibration");
        Cli.Run run = Cli.run("simulate", "--compare", measured.toString(), "--reference", ref.toString(), "--n", "4",
                "--report", report.toString());
        assertEquals(0, run.exitCode(), run::toString);
        try (var files = java.nio.file.Files.list(report)) {
            assertEquals(java.util.List.of("calibration.csv", "calibration.md", "calibration.png"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        try (var entries = java.nio.file.Files.list(dir.resolve("reports"))) {
            assertEquals(1, entries.count(), "no staging folder left beside the report");
        }
        assertTrue(java.nio.file.Files.readString(report.resolve("calibration.md")).contains("simulated: 4 spectra"));

        // fingerprint-only data: the statistics of 3750-4000 cm-1 have no values, and the report says so
        java.nio.file.Path fp = dir.resolve("fp.csv");
        java.nio.file.Path fpRef = dir.resolve("fpref.csv");
        assertEquals(0, Cli.run("simulate", "--n", "4", "--seed", "11", "--axis", "900:1800:2", "-o", fp.toString()).exitCode());
        assertEquals(0, Cli.run("simulate", "--typical", "epithelial", "--axis", "900:1800:2", "-o", fpRef.toString()).exitCode());
        java.nio.file.Path fpReport = dir.resolve("fpcal");
        Cli.Run fingerprint = Cli.run("simulate", "--compare", fp.toString(), "--reference", fpRef.toString(), "--n", "4",
                "--report", fpReport.toString());
        assertEquals(0, fingerprint.exitCode(), fingerprint::toString);
        assertTrue(java.nio.file.Files.readString(fpReport.resolve("calibration.md")).contains("| high_end | measured (0) | NaN"),
                fingerprint::toString);

        Cli.Run onAFile = Cli.run("simulate", "--compare", measured.toString(), "--reference", ref.toString(), "--n", "4",
                "--report", measured.toString());
        assertEquals(ExitCode.FAILURE, onAFile.exitCode(), onAFile::toString);
        assertTrue(onAFile.err().contains("cells.csv: is a file; give a folder for the report"), onAFile::toString);
        assertEquals(1, onAFile.errLines().length, onAFile::toString);
    }

    @Test
    void theModelClassRefusesOptionsThatWouldLeaveIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String out = dir.resolve("mc.csv").toString();
        assertEquals(0, Cli.run("simulate", "--n", "2", "--memsc-model-class", "-o", out).exitCode());
        for (String[] extra : new String[][] {{"--radius", "1:3"}, {"--atmosphere", "0.5"}, {"--size-spread", "0.2"}, {"--snr", "20:30"}}) {
            Cli.Run run = Cli.run("simulate", "--n", "2", "--memsc-model-class", extra[0], extra[1], "-o", dir.resolve("x.csv").toString());
            assertEquals(ExitCode.USAGE, run.exitCode(), run::toString);
            assertTrue(run.err().contains("--memsc-model-class fixes the spheres"), run::toString);
        }
    }

    /** --threads 0 is refused alike by every command that takes it (some clamped it to 1, one used 0). */
    @Test
    void zeroThreadsIsAUsageError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String out = dir.resolve("x.csv").toString();
        String sample = "data-samples/sim_raw.csv.gz";
        String[][] lines = {
            {"simulate", "--n", "2", "--threads", "0", "-o", out},
            {"correct", sample, "--threads", "0", "-o", out},
            {"emsc", "--reference", sample, sample, "--threads", "0", "-o", out},
        };
        for (String[] line : lines) {
            Cli.Run run = Cli.run(line);
            assertEquals(ExitCode.USAGE, run.exitCode(), run::toString);
            assertTrue(run.err().contains("--threads must be at least 1, got 0"), run::toString);
            assertFalse(java.nio.file.Files.exists(dir.resolve("x.csv")), line[0]);
        }
    }

    @Test
    void infoDescribesAFile() throws Exception {
        Path f = SpectraFixtures.write(dir, "s.csv", SpectraFixtures.wide(12, 40, 1));
        Cli.Run run = Cli.run("info", f.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("spectra:   12"), run.out());
        assertTrue(run.out().contains("axis:      40 points, 1000.0 to 1078.0 cm-1, ascending"), run.out());
        assertTrue(run.out().contains("regular, mean 2.000"), run.out());
        assertTrue(run.out().contains("metadata:  1 column: id"), run.out());

        JsonNode json = new ObjectMapper().readTree(Cli.run("info", "--json", f.toString()).out());
        assertEquals(12, json.get("spectra").asInt());
        assertEquals("wide", json.get("layout").asText());
        assertEquals(40, json.get("axis").get("points").asInt());
        assertEquals(0, json.get("missingValues").asInt());
        assertEquals(0, json.get("repeatedSpectra").asInt());
        assertTrue(run.out().contains("repeated:  none"), run.out());
    }

    /** On a corrected file, info counts each flag as correct counted it on stderr. */
    @Test
    void infoCountsTheFlagsOfACorrectedFile() throws Exception {
        Path out = dir.resolve("corrected.csv");
        Cli.Run correct = Cli.run("correct", "data-samples/sim_raw.csv.gz", "-o", out.toString());
        assertEquals(0, correct.exitCode(), correct::toString);
        Cli.Run run = Cli.run("info", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) of 300 spectra \\([0-9.]+ %\\) flagged as noisy").matcher(correct.err());
        assertTrue(m.find(), correct::toString);
        assertTrue(run.out().contains("noise_flag " + m.group(1) + " ("), run.out());
        m = java.util.regex.Pattern.compile("(\\d+) of 300 spectra \\([0-9.]+ %\\) flagged as strongly scattering").matcher(correct.err());
        assertTrue(m.find(), correct::toString);
        assertTrue(run.out().contains("scattering_flag " + m.group(1) + " ("), run.out());
        JsonNode json = new ObjectMapper().readTree(Cli.run("info", "--json", out.toString()).out());
        assertEquals(List.of("ood_flag", "scattering_flag", "background_flag", "noise_flag"),
                listOf(json.get("flagged").fieldNames()));
        assertEquals(Long.parseLong(m.group(1)), json.get("flagged").get("scattering_flag").asLong());
    }

    private static List<String> listOf(java.util.Iterator<String> names) {
        List<String> l = new java.util.ArrayList<>();
        names.forEachRemaining(l::add);
        return l;
    }

    @Test
    void infoNamesSpectraThatRepeatAnEarlierOne() throws Exception {
        List<String> lines = new java.util.ArrayList<>(SpectraFixtures.wide(6, 40, 3).lines().toList());
        lines.add(lines.get(2).replace("cell_1,", "cell_6,")); // spectrum 7 under another id, the values of spectrum 2
        lines.add(lines.get(4).replace("cell_3,", "cell_7,")); // spectrum 8 = spectrum 4
        Path f = SpectraFixtures.write(dir, "r.csv", String.join("\n", lines) + "\n");
        Cli.Run run = Cli.run("info", f.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("repeated:  2 spectra repeat an earlier one's values exactly (spectrum 7 = 2, spectrum 8 = 4;"), run.out());
        JsonNode json = new ObjectMapper().readTree(Cli.run("info", "--json", f.toString()).out());
        assertEquals(2, json.get("repeatedSpectra").asInt());
        assertEquals("[[2,7],[4,8]]", json.get("repeatExamples").toString());
    }

    @Test
    void measuredSpectraFromTheValidationSet() {
        // The peers' measured cells (read-only, never copied): 60 spectra, 1556 points, 1000.89–3999.71 cm-1.
        Cli.Run run = Cli.run("info", "--json", SharedData.assumePresent("memsc", "measured_spectra.csv").toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"spectra\" : 60"), run.out());
        assertTrue(run.out().contains("\"points\" : 1556"), run.out());
        // five pairs of identical spectra under different cells' ids (README of the set: 60 spectra, 12 cells)
        assertTrue(run.out().contains("\"repeatedSpectra\" : 5"), run.out());
        Cli.Run ref = Cli.run("info", SharedData.assumePresent("memsc", "matrigel_reference.csv").toString());
        assertTrue(ref.out().contains("layout:    columnar") && ref.out().contains("3001 points"), ref::toString);
    }
}
