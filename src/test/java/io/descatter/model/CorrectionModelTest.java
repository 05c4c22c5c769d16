package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole model life cycle on a tiny problem (200 simulated pairs on a 1000–4000 cm⁻¹ grid of 8 cm⁻¹, a
 * 376-32-376 network, a few epochs): simulate, train, save, load, correct, and every way a model or its input
 * can be wrong.
 */
class CorrectionModelTest {
    @TempDir
    static Path dir;

    static Path raw;
    static Path truth;
    static Path model;

    @BeforeAll
    static void trainTinyModel() {
        raw = dir.resolve("raw.csv");
        truth = dir.resolve("truth.csv");
        model = dir.resolve("tiny.zip");
        Cli.Run sim = Cli.run("simulate", "--n", "200", "--seed", "3", "--axis", "1000:4000:8", "-o", raw.toString(), "--truth", truth.toString());
        assertEquals(0, sim.exitCode(), sim::toString);
        Cli.Run train = Cli.run("train", "--raw", raw.toString(), "--target", truth.toString(), "--hidden", "32", "--epochs", "4",
                "--batch", "32", "--seed", "5", "--threads", "1", "-o", model.toString());
        assertEquals(0, train.exitCode(), train::toString);
        assertTrue(train.err().contains("epoch   4/4") || train.err().contains("best epoch"), train::toString);
        assertFalse(Files.exists(Path.of(model + ".checkpoint")), "the checkpoint goes once the model is written");
    }

    @Test
    void savedModelCarriesItsMetadataAndPredictsTheSameAfterLoading() throws IOException {
        CorrectionModel m = ModelStore.load(model);
        ModelMetadata meta = m.metadata();
        assertEquals(376, meta.axis().length);
        assertEquals(List.of(32), meta.architecture().hidden());
        assertEquals(200, ((Number) meta.training().get("pairs")).intValue());
        assertEquals(64, meta.training().get("rawSha256").toString().length());
        // 180 training pairs and 4 epochs: far from a useful model, but the validation loss must have improved.
        assertTrue(meta.validation().get("meanPearsonR") > 0.3, "it learned something: " + meta.validation());
        assertTrue(((Number) meta.training().get("bestEpoch")).intValue() >= 3, "validation improved: " + meta.training());
        // Round trip: a copy saved and loaded again predicts bit for bit the same.
        Path copy = dir.resolve("copy.zip");
        ModelStore.save(m.network(), meta, copy, false);
        CorrectionModel again = ModelStore.load(copy);
        double[] x = new double[3 * 376];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.05) + 0.01 * i % 7;
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        m.replica().correct(x, 0, 3, a, 0);
        again.replica().correct(x, 0, 3, b, 0);
        assertArrayEquals(a, b, 0.0);
    }

    @Test
    void trainReadsStandardInputAndRefusesTooFewSpectra() throws IOException {
        Path stdinModel = dir.resolve("stdin.zip");
        Cli.Run run;
        java.io.InputStream saved = System.in;
        try (java.io.InputStream in = Files.newInputStream(raw)) {
            System.setIn(in);
            run = Cli.run("train", "--raw", "-", "--target", truth.toString(), "--hidden", "8", "--epochs", "1", "--threads", "1",
                    "-o", stdinModel.toString());
        } finally {
            System.setIn(saved);
        }
        assertEquals(0, run.exitCode(), run::toString);
        ModelMetadata meta = ModelStore.load(stdinModel).metadata();
        assertEquals("standard input", meta.training().get("rawSha256"));
        assertEquals(64, meta.training().get("targetSha256").toString().length());

        Path one = dir.resolve("one_raw.csv");
        Path oneTruth = dir.resolve("one_truth.csv");
        assertEquals(0, Cli.run("simulate", "--n", "1", "--seed", "3", "--axis", "1000:4000:8", "-o", one.toString(), "--truth",
                oneTruth.toString()).exitCode());
        Path none = dir.resolve("none.zip");
        Cli.Run tooFew = Cli.run("train", "--raw", one.toString(), "--target", oneTruth.toString(), "-o", none.toString());
        assertEquals(3, tooFew.exitCode(), tooFew::toString);
        assertEquals(1, tooFew.errLines().length, tooFew::toString);
        assertTrue(tooFew.err().contains("one_raw.csv: holds 1 spectra: too few"), tooFew::toString);
        assertFalse(Files.exists(none));
    }

    @Test
    void trainingIsDeterministicForASeedOnOneThread() throws IOException {
        Path second = dir.resolve("second.zip");
        Cli.Run train = Cli.run("train", "--raw", raw.toString(), "--target", truth.toString(), "--hidden", "32", "--epochs", "4",
                "--batch", "32", "--seed", "5", "--threads", "1", "-o", second.toString());
        assertEquals(0, train.exitCode(), train::toString);
        assertEquals(ModelStore.readMetadata(model).weightsSha256(), ModelStore.readMetadata(second).weightsSha256());
    }

    @Test
    void correctKeepsIdsMetadataAndOrder() throws IOException {
        Path out = dir.resolve("corrected.csv");
        Cli.Run run = Cli.run("correct", raw.toString(), "-o", out.toString(), "--model", model.toString(), "--batch", "7", "--threads", "2");
        assertEquals(0, run.exitCode(), run::toString);
        List<String> in = Files.readAllLines(raw);
        List<String> got = Files.readAllLines(out);
        assertEquals(in.size(), got.size());
        // the model's confidence score and flag follow the input's own columns
        assertTrue(got.get(0).equals(in.get(0) + ",confidence_ood,ood_flag"), got.get(0));
        for (int i = 1; i < in.size(); i++) {
            String[] a = in.get(i).split(",");
            String[] b = got.get(i).split(",");
            assertEquals(a[0], b[0], "id of row " + i);
            assertEquals(a[a.length - 1], b[b.length - 3], "last parameter column of row " + i);
            assertEquals(a.length + 2, b.length);
        }
        // Same result with one thread and another batch size, up to float rounding: BLAS blocks a batch of 7 rows
        // differently from one of 64, which may move the last bit of a float (relative 6e-8).
        Path single = dir.resolve("single.csv");
        assertEquals(0, Cli.run("correct", raw.toString(), "-o", single.toString(), "--model", model.toString(), "--batch", "64", "--threads", "1").exitCode());
        List<String> other = Files.readAllLines(single);
        for (int i = 1; i < got.size(); i++) {
            String[] a = got.get(i).split(",");
            String[] b = other.get(i).split(",");
            assertEquals(a[0], b[0]);
            for (int k = 2; k < 2 + 376; k++) {
                double x = Double.parseDouble(a[k]);
                double y = Double.parseDouble(b[k]);
                assertEquals(x, y, 1e-5 * (1 + Math.abs(x)), "row " + i + " column " + k);
            }
        }
    }

    @Test
    void inputOnAnotherAxisIsResampledAndOneThatDoesNotCoverIsRefused() throws IOException {
        Path fine = dir.resolve("fine.csv");
        assertEquals(0, Cli.run("convert", raw.toString(), "-o", fine.toString(), "--axis", "1000:4000:4").exitCode());
        Path out = dir.resolve("from_fine.csv");
        Cli.Run ok = Cli.run("correct", fine.toString(), "-o", out.toString(), "--model", model.toString());
        assertEquals(0, ok.exitCode(), ok::toString);
        assertTrue(ok.err().contains("resampled"), ok::toString);
        Path inputAxis = dir.resolve("input_axis.csv");
        assertEquals(0, Cli.run("correct", fine.toString(), "-o", inputAxis.toString(), "--model", model.toString(), "--output-axis", "input").exitCode());
        assertTrue(Files.readAllLines(inputAxis).get(0).startsWith("id,tissue,1000,1004,1008,"));

        // An input reaching beyond the model's range: --output-axis input keeps the input's points inside it, with the
        // same values as for the same spectra cut to the model's range first.
        Path wide = dir.resolve("wide.csv");
        assertEquals(0, Cli.run("simulate", "--n", "20", "--seed", "4", "--axis", "996:4004:4", "-o", wide.toString()).exitCode());
        Path cut = dir.resolve("cut.csv");
        assertEquals(0, Cli.run("convert", wide.toString(), "-o", cut.toString(), "--axis", "1000:4000:4").exitCode());
        Path wideOut = dir.resolve("wide_out.csv");
        Cli.Run wideRun = Cli.run("correct", wide.toString(), "-o", wideOut.toString(), "--model", model.toString(), "--output-axis", "input");
        assertEquals(0, wideRun.exitCode(), wideRun::toString);
        assertTrue(wideRun.err().contains("2 points of the input's axis lie outside"), wideRun::toString);
        Path cutOut = dir.resolve("cut_out.csv");
        assertEquals(0, Cli.run("correct", cut.toString(), "-o", cutOut.toString(), "--model", model.toString(), "--output-axis", "input").exitCode());
        List<String> wideLines = Files.readAllLines(wideOut);
        String header = wideLines.get(0);
        assertTrue(header.startsWith("id,tissue,1000,1004,") && header.contains(",3996,4000,radius_um,") && !header.contains(",4004,"),
                () -> header.substring(0, 40) + " … " + header.substring(header.indexOf(",3992")));
        assertEquals(Files.readAllLines(cutOut), wideLines);

        Path narrow = dir.resolve("narrow.csv");
        assertEquals(0, Cli.run("convert", raw.toString(), "-o", narrow.toString(), "--axis", "1200:3800:8").exitCode());
        Path refused = dir.resolve("refused.csv");
        Cli.Run bad = Cli.run("correct", narrow.toString(), "-o", refused.toString(), "--model", model.toString());
        assertEquals(4, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("narrow.csv: the spectra's axis 1200.0–3800.0 cm-1 does not cover the model's"), bad::toString);
        assertFalse(Files.exists(refused));
    }

    @Test
    void damagedForeignAndMissingModelsGiveOneClearLine() throws IOException {
        Path damaged = dir.resolve("damaged.zip");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path foreign = dir.resolve("foreign.zip");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(foreign))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("configuration.json"));
            zip.write("{}".getBytes());
        }
        Path text = Files.writeString(dir.resolve("notazip.zip"), "hello");
        for (Path p : List.of(damaged, foreign, text)) {
            Path out = dir.resolve("never.csv");
            Cli.Run run = Cli.run("correct", raw.toString(), "-o", out.toString(), "--model", p.toString());
            assertEquals(4, run.exitCode(), run::toString);
            assertEquals(1, run.errLines().length, run::toString);
            assertTrue(run.err().contains(p.getFileName().toString()) && !run.err().contains("Exception"), run::toString);
            assertFalse(Files.exists(out));
        }
        assertThrows(ModelFormatException.class, () -> ModelStore.load(foreign));
        Cli.Run missing = Cli.run("correct", raw.toString(), "-o", dir.resolve("x.csv").toString(), "--model", dir.resolve("absent.zip").toString());
        assertEquals(4, missing.exitCode(), missing::toString);

        // metadata whose axis is not an axis (a repeated wavenumber): a damaged model, not an internal error
        Path badAxis = dir.resolve("bad_axis.zip");
        Files.copy(model, badAxis);
        try (var fs = java.nio.file.FileSystems.newFileSystem(badAxis, java.util.Map.of())) {
            Path entry = fs.getPath(ModelStore.METADATA_ENTRY);
            String json = Files.readString(entry);
            Files.writeString(entry, json.replaceFirst("\"axis\" : \\[ ([0-9.]+), [0-9.]+,", "\"axis\" : [ $1, $1,"));
        }
        Cli.Run damagedAxis = Cli.run("correct", raw.toString(), "-o", dir.resolve("x.csv").toString(), "--model", badAxis.toString());
        assertEquals(4, damagedAxis.exitCode(), damagedAxis::toString);
        assertTrue(damagedAxis.err().contains("bad_axis.zip: damaged model metadata: its axis is not one"), damagedAxis::toString);

        // a default model named explicitly must exist: no silent fall-back to the shipped one
        String saved = System.getProperty("descatter.model");
        System.setProperty("descatter.model", dir.resolve("nowhere.zip").toString());
        try {
            Cli.Run named = Cli.run("correct", raw.toString(), "-o", dir.resolve("x.csv").toString());
            assertEquals(4, named.exitCode(), named::toString);
            assertTrue(named.err().contains("descatter.model=") && named.err().contains("nowhere.zip: no such model file"), named::toString);
        } finally {
            if (saved == null) System.clearProperty("descatter.model");
            else System.setProperty("descatter.model", saved);
        }
    }

    @Test
    void tamperedWeightsAreDetected() throws IOException {
        CorrectionModel m = ModelStore.load(model);
        m.network().params().putScalar(0, m.network().params().getFloat(0) + 1f);
        Path tampered = dir.resolve("tampered.zip");
        ModelStore.save(m.network(), m.metadata(), tampered, false);
        // save() recomputes the checksum; rewrite the metadata entry with the original one to fake a corrupted payload.
        try (var fs = java.nio.file.FileSystems.newFileSystem(tampered, java.util.Map.of())) {
            Path entry = fs.getPath(ModelStore.METADATA_ENTRY);
            String json = Files.readString(entry).replaceAll("\"weightsSha256\" : \"[0-9a-f]+\"",
                    "\"weightsSha256\" : \"" + ModelStore.readMetadata(model).weightsSha256() + "\"");
            Files.writeString(entry, json);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelStore.load(tampered));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void badInputToCorrectFailsCleanly() throws IOException {
        String[] row = Files.readAllLines(raw).get(1).split(",");
        row[10] = "NaN"; // a spectral value (columns 1-2 are id and tissue)
        Path nan = Files.writeString(dir.resolve("nan.csv"), Files.readAllLines(raw).get(0) + "\n" + String.join(",", row) + "\n");
        Path out = dir.resolve("nan_out.csv");
        Cli.Run run = Cli.run("correct", nan.toString(), "-o", out.toString(), "--model", model.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertFalse(Files.exists(out));
        // A full disk: /dev/full refuses every write with ENOSPC.
        if (Files.exists(Path.of("/dev/full"))) {
            Cli.Run full = Cli.run("correct", raw.toString(), "-o", "/dev/full", "--model", model.toString());
            assertEquals(1, full.exitCode(), full::toString);
            assertTrue(full.err().contains("No space left"), full::toString);
        }
    }

    /** Workers parse the batches while the reader goes on: the first bad row in the file must still be the one reported. */
    @Test
    void correctReportsTheFirstBadRowOfTheFile() throws IOException {
        List<String> lines = Files.readAllLines(raw);
        String[][] bad = {{"31", "150"}, {"150", "31"}, {"31", "35"}};
        for (String[] order : bad) {
            List<String> copy = new java.util.ArrayList<>(lines);
            int number = Integer.parseInt(order[0]);
            int ragged = Integer.parseInt(order[1]);
            String[] row = copy.get(number - 1).split(",");
            row[10] = "two";
            copy.set(number - 1, String.join(",", row));
            copy.set(ragged - 1, copy.get(ragged - 1).substring(0, copy.get(ragged - 1).lastIndexOf(',')));
            Path in = Files.write(dir.resolve("bad_" + number + ".csv"), copy);
            Path out = dir.resolve("bad_out.csv");
            Cli.Run run = Cli.run("correct", in.toString(), "-o", out.toString(), "--model", model.toString(), "--batch", "16", "--threads", "2");
            assertEquals(3, run.exitCode(), run::toString);
            String first = number < ragged ? ":" + number + ":11: not a number: \"two\"" : ":" + ragged + ":";
            assertTrue(run.err().contains(first), run::toString);
            assertEquals(number < ragged, run.err().contains("not a number"), run::toString);
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void evaluateAgainstTruthAndMemscWritesItsReport() throws IOException {
        // 6 spectra keep ME-EMSC quick; the numbers of a 4-epoch model only need to be finite and in range.
        Path small = dir.resolve("eval_raw.csv");
        Path smallTruth = dir.resolve("eval_truth.csv");
        assertEquals(0, Cli.run("simulate", "--n", "6", "--seed", "9", "--axis", "1000:4000:8", "-o", small.toString(), "--truth",
                smallTruth.toString()).exitCode());
        // ME-EMSC's Kramers-Kronig pads 200 points at the edge spacing, which on an 8 cm-1 axis would reach below
        // 0 cm-1: it runs on a fine grid instead (KramersKronig), so the coarse axis is evaluated too.
        Cli.Run coarse = Cli.run("evaluate", "--model", model.toString(), "--raw", small.toString(), "--memsc", "-o", dir.resolve("coarse").toString());
        assertEquals(0, coarse.exitCode(), coarse::toString);
        // A finer axis that also reaches beyond the model's range on both sides (ME-EMSC runs on the data's axis,
        // the scores on the model's).
        small = dir.resolve("eval_raw_fine.csv");
        smallTruth = dir.resolve("eval_truth_fine.csv");
        assertEquals(0, Cli.run("simulate", "--n", "6", "--seed", "9", "--axis", "996:4004:4", "-o", small.toString(), "--truth",
                smallTruth.toString()).exitCode());
        Path out = dir.resolve("eval");
        Cli.Run run = Cli.run("evaluate", "--model", model.toString(), "--raw", small.toString(), "--truth", smallTruth.toString(), "--memsc",
                "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        for (String key : List.of("networkVsTruth", "memscVsTruth", "networkVsMemsc")) {
            double r = json.get(key).get("all").get("meanPearsonR").asDouble();
            assertTrue(r > -1 && r <= 1, key + " r " + r);
            assertEquals(6, json.get(key).get("all").get("spectra").asInt());
        }
        assertTrue(Files.readString(out.resolve("report.md")).contains("| networkVsTruth | all | 6 |"));
        // the chemical fidelity against ME-EMSC as against the truth; ME-EMSC itself against the truth
        assertEquals("memsc", json.get("fidelity").get("vsMemsc").get("reference").asText());
        assertTrue(json.get("fidelity").get("vsTruth").get("groups").get("all").get("agreement").has("memsc"));
        assertEquals(List.of("network", "raw"), iterable(json.get("fidelity").get("vsMemsc").get("groups").get("all").get("agreement").fieldNames()));
        String header = Files.readAllLines(out.resolve("per_spectrum.csv")).get(0);
        assertTrue(header.contains(",memsc_r_vs_truth,") && header.contains(",network_r_vs_memsc,") && header.contains(",phosphate_amideI_memsc,"), header);
        assertTrue(Files.size(out.resolve("example_1.png")) > 1000 && Files.size(out.resolve("pearson.png")) > 1000);
        assertEquals(2, Cli.run("evaluate", "--model", model.toString(), "--raw", small.toString(), "-o", out.toString()).exitCode(),
                "nothing to compare with is a usage error");
    }

    @Test
    void plotDrawsAPng() throws IOException {
        Path png = dir.resolve("fig.png");
        Cli.Run run = Cli.run("plot", raw.toString(), "--compare", truth.toString(), "--rows", "1,2", "-o", png.toString());
        assertEquals(0, run.exitCode(), run::toString);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
        assertEquals(3, Cli.run("plot", raw.toString(), "--rows", "999", "-o", png.toString()).exitCode(),
                "a row the file does not have is bad input data");
        Path noSuffix = dir.resolve("figure");
        assertEquals(0, Cli.run("plot", raw.toString(), "-o", noSuffix.toString()).exitCode());
        assertTrue(Files.size(noSuffix) > 1000 && !Files.exists(dir.resolve("figure.png")), "the file is the one named");
        byte[] before = Files.readAllBytes(truth);
        Cli.Run overwrite = Cli.run("plot", raw.toString(), "--compare", truth.toString(), "-o", truth.toString());
        assertEquals(2, overwrite.exitCode(), overwrite::toString);
        assertArrayEquals(before, Files.readAllBytes(truth), "an input is never replaced by the image");
    }

    @Test
    void infoDescribesAModel() {
        Cli.Run run = Cli.run("info", model.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("376-32-376"), run::toString);
        assertTrue(run.out().contains("weightsSha256"), run::toString);
        assertTrue(run.out().contains("\"axis\" : \"376 wavenumbers"), "text lists no axis values: " + run.out());
        Cli.Run json = Cli.run("info", "--json", model.toString());
        assertEquals(0, json.exitCode(), json::toString);
        assertTrue(json.out().contains("\"axis\" : [ "), "--json lists the axis values");
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
