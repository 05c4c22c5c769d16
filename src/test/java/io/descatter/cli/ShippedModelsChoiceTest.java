package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.model.ShippedModels;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without --model, correct, evaluate and 'descatter models --for' choose among the shipped models by the input's axis: a
 * temporary models folder ({@value ShippedModels#DIR_PROPERTY}) holds two tiny models, a narrow one (1000–1800 cm-1)
 * and a wide one (1000–3000 cm-1); an input on the narrow axis gets the narrow model, one covering both the wider, one
 * covering neither exit 4 with the models' ranges and the commands for its own axis; --model wins.
 */
class ShippedModelsChoiceTest {
    @TempDir
    static Path dir;

    static Path models;
    static Path narrowInput;
    static Path bothInput;
    static Path neitherInput;

    @BeforeAll
    static void trainTwoTinyModels() throws Exception {
        models = Files.createDirectory(dir.resolve("models"));
        train("1000:1800:8", models.resolve("descatter-narrow.zip"));
        train("1000:3000:10", models.resolve("descatter-wide.zip"));
        narrowInput = simulate("1000:1800:8", "narrow.csv");
        bothInput = simulate("1000:3000:10", "both.csv");
        neitherInput = simulate("1200:2800:8", "neither.csv");
    }

    private static void train(String axis, Path model) {
        Path raw = dir.resolve("raw.csv");
        Path truth = dir.resolve("truth.csv");
        ok(Cli.run("simulate", "--n", "200", "--seed", "3", "--axis", axis, "-o", raw.toString(), "--truth", truth.toString()));
        ok(Cli.run("train", "--raw", raw.toString(), "--target", truth.toString(), "--hidden", "8", "--epochs", "1",
                "--batch", "64", "--validation", "0.2", "--seed", "5", "--threads", "1", "-o", model.toString()));
    }

    private static Path simulate(String axis, String name) {
        Path file = dir.resolve(name);
        ok(Cli.run("simulate", "--n", "3", "--seed", "4", "--axis", axis, "-o", file.toString(), "--truth",
                dir.resolve("truth_" + name).toString()));
        return file;
    }

    private static Cli.Run ok(Cli.Run run) {
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        return run;
    }

    @BeforeEach
    void useTheTemporaryModelsFolder() {
        Assumptions.assumeTrue(System.getenv("DESCATTER_MODEL") == null && System.getProperty("descatter.model") == null,
                "DESCATTER_MODEL or descatter.model is set: it replaces the choice this test checks");
        System.setProperty(ShippedModels.DIR_PROPERTY, models.toString());
    }

    @AfterEach
    void forgetIt() {
        System.clearProperty(ShippedModels.DIR_PROPERTY);
    }

    private Cli.Run correct(Path input, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "correct";
        args[1] = input.toString();
        args[2] = "-o";
        args[3] = dir.resolve("out_" + input.getFileName()).toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return Cli.run(args);
    }

    @Test
    void anInputOnTheNarrowAxisGetsTheNarrowModel() throws Exception {
        Cli.Run run = ok(correct(narrowInput));
        assertTrue(run.err().contains(" with descatter-narrow.zip"), run::toString);
        assertEquals(101, SpectraTable.read(dir.resolve("out_narrow.csv").toString()).schema().axis().size());
    }

    @Test
    void anInputCoveringBothGetsTheWiderModel() throws Exception {
        Cli.Run run = ok(correct(bothInput));
        assertTrue(run.err().contains(" with descatter-wide.zip"), run::toString);
        assertEquals(201, SpectraTable.read(dir.resolve("out_both.csv").toString()).schema().axis().size());
    }

    @Test
    void theModelOptionWins() {
        Cli.Run run = ok(correct(bothInput, "--model", models.resolve("descatter-narrow.zip").toString()));
        assertTrue(run.err().contains(" with descatter-narrow.zip"), run::toString);
    }

    @Test
    void anInputCoveringNeitherIsRefusedWithTheRangesAndTheCommandsForItsAxis() {
        Cli.Run run = correct(neitherInput);
        assertEquals(ExitCode.MISMATCH, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().length, run::toString);
        String err = run.err();
        assertTrue(err.contains("covers none of the shipped models' (descatter-wide.zip 1000.0–3000.0 cm-1, 201 points; "
                + "descatter-narrow.zip 1000.0–1800.0 cm-1, 101 points;"), run::toString);
        assertTrue(err.contains("descatter simulate --n 24000") && err.contains("--axis 1200.0:2800.0:8 ")
                && err.contains("descatter train --raw train_raw.csv.gz") && err.contains("--model my-model.zip"), run::toString);
        assertFalse(Files.exists(dir.resolve("out_neither.csv")));
    }

    @Test
    void evaluateChoosesTheSameWay() {
        Cli.Run run = ok(Cli.run("evaluate", "--raw", narrowInput.toString(), "--truth", dir.resolve("truth_narrow.csv").toString(),
                "-o", dir.resolve("eval").toString(), "--threads", "1"));
        assertTrue(run.out().contains("the shipped model (descatter-narrow.zip)"), run::toString);
    }

    @Test
    void modelsListsBothWidestFirstAndSaysWhichAFileWouldUse() {
        Cli.Run all = ok(Cli.run("models"));
        String out = all.out();
        int wide = out.indexOf("descatter-wide.zip");
        int narrow = out.indexOf("descatter-narrow.zip");
        assertTrue(wide > 0 && narrow > wide, all::toString);
        assertTrue(out.contains("1000.00–1800.00") && out.contains("101") && out.contains("101-8-101"), all::toString);

        Cli.Run forNarrow = ok(Cli.run("models", "--for", narrowInput.toString()));
        assertTrue(forNarrow.out().contains("* descatter-narrow.zip"), forNarrow::toString);
        assertTrue(forNarrow.out().contains(narrowInput + " (1000.00–1800.00 cm-1, 101 points) would use descatter-narrow.zip"),
                forNarrow::toString);

        Cli.Run forNeither = Cli.run("models", "--for", neitherInput.toString());
        assertEquals(ExitCode.MISMATCH, forNeither.exitCode(), forNeither::toString);
    }
}
