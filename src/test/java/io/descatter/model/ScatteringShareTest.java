package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scattering share: its calibration, and the shipped model flagging strongly scattering spectra more often. */
class ScatteringShareTest {
    @TempDir
    Path dir;

    @Test
    void theThresholdIsTheValidationSharesEightiethPercentile() {
        ScatteringShare s = ScatteringShare.calibrate(IntStream.rangeClosed(1, 100).asDoubleStream().toArray());
        assertEquals(80.2, s.threshold(), 1e-12); // numpy's linear interpolation: position 0.8 × 99
        assertTrue(s.flags(81));
        assertFalse(s.flags(80));
        assertFalse(s.flags(Double.NaN), "a spectrum without detail has no share and no flag");
        assertEquals(100.0, s.validationQuantiles().get("max"));
    }

    /** The mean share and the flagged fraction of {@code correct} on 200 simulated spectra of one sphere index range. */
    private double[] shareAndFlagged(String n0) throws Exception {
        Path raw = dir.resolve("raw" + n0 + ".csv");
        Path out = dir.resolve("out" + n0 + ".csv");
        assertEquals(0, Cli.run("simulate", "--n", "200", "--seed", "5", "--n0", n0, "-o", raw.toString()).exitCode());
        Cli.Run run = Cli.run("correct", raw.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("flagged as strongly scattering"), run.err());
        SpectraTable t = SpectraTable.read(InputSource.of(out.toString()), ReadOptions.defaults());
        List<String> shares = t.metaColumn(io.descatter.model.BatchCorrection.SHARE_COLUMN);
        List<String> flags = t.metaColumn(io.descatter.model.BatchCorrection.SHARE_FLAG_COLUMN);
        return new double[] {shares.stream().mapToDouble(Double::parseDouble).average().orElseThrow(),
                flags.stream().mapToInt(Integer::parseInt).average().orElseThrow()};
    }

    @Test
    void theShippedModelFlagsStronglyScatteringSpectraMoreOften() throws Exception {
        double[] weak = shareAndFlagged("1.05:1.1");   // spheres of low refractive index: weak scattering
        double[] strong = shareAndFlagged("1.4:1.45");
        assertTrue(strong[0] > weak[0], "mean share " + strong[0] + " vs " + weak[0]);
        // measured: 19.5 % against 5.0 % flagged
        assertTrue(strong[1] > weak[1] + 0.08, "flagged " + strong[1] + " vs " + weak[1]);
    }
}
