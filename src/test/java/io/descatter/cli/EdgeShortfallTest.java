package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * correct fills an axis that stops up to two of its steps short of the model's by holding the edge value, with a
 * note; a larger shortfall is refused with the commands that train a model on the spectra's own axis.
 */
class EdgeShortfallTest {
    @TempDir
    Path dir;

    /** Two sample spectra on the model's axis without its last {@code dropped} points. */
    private Path samplesShort(int dropped) throws Exception {
        SpectraTable samples = SpectraTable.read("data-samples/sim_raw.csv.gz");
        double[] axis = samples.schema().axis().values();
        int points = axis.length - dropped;
        StringBuilder sb = new StringBuilder("id");
        for (int p = 0; p < points; p++) sb.append(',').append(axis[p]);
        sb.append('\n');
        for (int s = 0; s < 2; s++) {
            sb.append("cell").append(s);
            for (int p = 0; p < points; p++) sb.append(',').append(samples.spectra().get(s)[p]);
            sb.append('\n');
        }
        return Files.writeString(dir.resolve("short" + dropped + ".csv"), sb);
    }

    @Test
    void twoStepsShortAreFilledWithANote() throws Exception {
        Path out = dir.resolve("out.csv");
        Cli.Run run = Cli.run("correct", samplesShort(2).toString(), "-o", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertTrue(run.err().contains("stops 3.86 cm-1 short at the high end of the model's 1000.89-3999.71 cm-1"), run::toString);
        SpectraTable corrected = SpectraTable.read(out.toString());
        assertEquals(1556, corrected.schema().axis().size());
        assertEquals(2, corrected.size());
        assertTrue(Double.isFinite(corrected.spectra().get(1)[1555]));
    }

    @Test
    void threeStepsShortAreRefusedWithTheCommandsThatTrainAModelForTheAxis() throws Exception {
        // the model named: without it, a shipped model of a narrower range (fingerprint) that the input covers is chosen
        Cli.Run run = Cli.run("correct", samplesShort(3).toString(), "-o", dir.resolve("out.csv").toString(),
                "--model", "models/descatter-default.zip");
        assertEquals(ExitCode.MISMATCH, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().length, run::toString);
        assertTrue(run.err().contains("descatter simulate --n 24000") && run.err().contains("--axis 1000.89:3993.92")
                && run.err().contains("descatter train --raw train_raw.csv.gz") && run.err().contains("--model my-model.zip"),
                run::toString);
        assertTrue(!Files.exists(dir.resolve("out.csv")));
    }
}
