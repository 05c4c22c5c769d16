package io.descatter.emsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.BadInputException;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.SharedData;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Options, batch processing and bad input of ME-EMSC, on the gold spectrum. */
class MeEmscBehaviourTest {
    private static double[] wn;
    private static double[] raw;
    private static double[] refWn;
    private static double[] ref;
    private static MeEmscCorrector defaults;

    /** Each test is skipped, with the reason, where the gold data are absent (a fresh clone). */
    @BeforeEach
    void needsTheGoldData() {
        SharedData.assumePresent("memsc", "miestd");
    }

    @BeforeAll
    static void load() {
        if (!SharedData.present("memsc", "miestd")) return;
        wn = MieStdGold.row("MieStd1_rawSpec.csv", 0);
        raw = MieStdGold.row("MieStd1_rawSpec.csv", 1);
        refWn = MieStdGold.row("MieStd2_refSpec.csv", 0);
        ref = MieStdGold.row("MieStd2_refSpec.csv", 1);
        defaults = new MeEmscCorrector(wn, refWn, ref, MeEmscOptions.builder().maxIterations(6).build());
    }

    @Test
    void batchResultsDoNotDependOnTheThreadCount() {
        double[][] spectra = new double[5][];
        for (int s = 0; s < spectra.length; s++) {
            spectra[s] = raw.clone();
            for (int i = 0; i < raw.length; i++) spectra[s][i] = raw[i] * (1 + 0.1 * s) + 0.01 * s * Math.sin(i / 40.0);
        }
        spectra[2][100] = Double.NaN;
        MeEmscResult[] one = defaults.correctAll(spectra, 1);
        MeEmscResult[] three = defaults.correctAll(spectra, 3);
        for (int s = 0; s < spectra.length; s++) {
            MeEmscResult single = defaults.correct(spectra[s]);
            // the same operations in the same order: bit-for-bit equal
            assertArrayEquals(single.corrected(), one[s].corrected());
            assertArrayEquals(single.corrected(), three[s].corrected());
            assertArrayEquals(single.parametersMatlabOrder(), three[s].parametersMatlabOrder());
            assertEquals(single.iterations(), three[s].iterations());
        }
        assertTrue(three[2].failed());
    }

    @Test
    void nanSpectrumIsFlaggedWithNaNOutputs() {
        double[] z = raw.clone();
        z[3] = Double.NaN;
        assertFailed(defaults.correct(z), "NaN");
    }

    @Test
    void allZeroAndConstantSpectraAreFlagged() {
        assertFailed(defaults.correct(new double[wn.length]), "constant");
        double[] c = new double[wn.length];
        Arrays.fill(c, 0.4);
        assertFailed(defaults.correct(c), "constant");
    }

    private static void assertFailed(MeEmscResult r, String reasonContains) {
        assertTrue(r.failed());
        assertTrue(r.failure().contains(reasonContains), r.failure());
        assertTrue(Arrays.stream(r.corrected()).allMatch(Double::isNaN));
        assertTrue(Arrays.stream(r.residuals()).allMatch(Double::isNaN));
        assertTrue(Arrays.stream(r.parametersMatlabOrder()).allMatch(Double::isNaN));
        assertTrue(Double.isNaN(r.rmse()));
    }

    @Test
    void referenceNotCoveringTheDataIsAMismatch() {
        double[] shortAxis = Arrays.copyOfRange(refWn, 10, refWn.length);
        double[] shortRef = Arrays.copyOfRange(ref, 10, ref.length);
        AxisMismatchException e = assertThrows(AxisMismatchException.class,
                () -> new MeEmscCorrector(wn, shortAxis, shortRef, MeEmscOptions.defaults()));
        assertTrue(e.getMessage().contains("covers"), e.getMessage());
    }

    @Test
    void tooShortReferenceIsBadInput() {
        double[] axis = {1000, 1500, 2000, 2500, 3000, 3500, 3800, 3900, 4000};
        double[] values = {1, 2, 3, 2, 1, 2, 3, 2, 1};
        BadInputException e = assertThrows(BadInputException.class,
                () -> new MeEmscCorrector(wn, axis, values, MeEmscOptions.defaults()));
        assertTrue(e.getMessage().contains("at least 10"), e.getMessage());
    }

    @Test
    void unusableReferencesAreBadInput() {
        double[] nan = ref.clone();
        nan[5] = Double.NaN;
        assertThrows(BadInputException.class, () -> new MeEmscCorrector(wn, refWn, nan, MeEmscOptions.defaults()));
        double[] negative = Arrays.stream(ref).map(v -> -Math.abs(v) - 1).toArray();
        assertThrows(BadInputException.class,
                () -> new MeEmscCorrector(wn, refWn, negative, MeEmscOptions.defaults()));
        double[] shuffled = refWn.clone();
        shuffled[7] = shuffled[3];
        assertThrows(BadInputException.class, () -> new MeEmscCorrector(wn, shuffled, ref, MeEmscOptions.defaults()));
    }

    @Test
    void tooManyComponentsIsRejected() {
        MeEmscOptions o = MeEmscOptions.builder().components(101).build();
        assertThrows(IllegalArgumentException.class, () -> new MeEmscCorrector(wn, refWn, ref, o));
    }

    /**
     * Under the MATLAB stop rule, {@code --return best} is the iterate with the lowest unrounded RMSE. Checked on the
     * measured spectrum (../shared/data/memsc; one of the 60) whose run stops after an iterate better than its last
     * (its rounded RMSE rises again; the others stop on a repeated one, at their best): each iteration's RMSE is found independently, as the last iterate of a run capped at
     * that many iterations (the iterates do not depend on the cap).
     */
    @Test
    void returnBestGivesTheLowestRmseIterate() throws java.io.IOException {
        SpectraTable cells = SpectraTable.read(SharedData.assumePresent("memsc", "measured_spectra.csv").toString());
        SpectraTable reference = SpectraTable.read(SharedData.assumePresent("memsc", "matrigel_reference.csv").toString());
        double[][] matrigel = {reference.schema().axis().values(), reference.single()};
        double[] axis = cells.schema().axis().values();
        double[][] data = cells.spectra().toArray(new double[0][]);
        MeEmscOptions best = MeEmscOptions.builder().returned(ReturnedIterate.BEST).build();
        MeEmscCorrector corrector = new MeEmscCorrector(axis, matrigel[0], matrigel[1], best);
        int checked = 0;
        for (int s = 0; s < data.length && checked == 0; s++) {
            MeEmscResult chosen = corrector.correct(data[s]);
            int n = chosen.iterations();
            if (chosen.selectedIteration() == n) continue; // the last iterate is the best: nothing to tell apart
            double lowest = Double.POSITIVE_INFINITY;
            int argmin = 0;
            for (int k = 1; k <= n; k++) {
                MeEmscOptions capped = best.toBuilder().returned(ReturnedIterate.LAST).maxIterations(k).build();
                MeEmscResult upTo = new MeEmscCorrector(axis, matrigel[0], matrigel[1], capped).correct(data[s]);
                assertEquals(k, upTo.iterations());
                if (upTo.rmse() < lowest) {
                    lowest = upTo.rmse();
                    argmin = k;
                }
            }
            assertEquals(argmin, chosen.selectedIteration(), "spectrum " + s);
            assertEquals(lowest, chosen.rmse(), 0.0, "spectrum " + s);
            checked++;
        }
        assertEquals(1, checked, "a measured spectrum that stops after its best iterate");
    }

    /** With a tolerance no iteration can beat, iteration 1 stays best and the rule stops after patience + 1 more. */
    @Test
    void toleranceRuleStopsAfterPatience() {
        MeEmscOptions o = MeEmscOptions.builder().stopRule(StopRule.TOLERANCE).tolerance(1).patience(2)
                .returned(ReturnedIterate.BEST).build();
        MeEmscResult r = new MeEmscCorrector(wn, refWn, ref, o).correct(raw);
        assertEquals(4, r.iterations());
        assertEquals(1, r.selectedIteration());
        MeEmscResult first = new MeEmscCorrector(wn, refWn, ref, o.toBuilder().maxIterations(1).build()).correct(raw);
        assertArrayEquals(first.corrected(), r.corrected());
    }

    @Test
    void matlabWeightsRunAndHaveTheirShape() {
        double[] w = MatlabReferenceWeights.on(wn);
        // the tanh edges are s = 3.86/0.094 ≈ 41 cm⁻¹ wide: 300 cm⁻¹ from an edge leaves ≈ 1e-4, hence 1e-3
        assertEquals(1, w[index(1200)], 1e-3);
        assertEquals(0, w[index(2200)], 1e-3);
        assertEquals(1, w[index(3000)], 1e-3);
        assertEquals(0, w[index(3900)], 1e-3);
        assertEquals(0.5, w[index(1900)], 0.05, "half way at the inflection point");
        MeEmscOptions o = MeEmscOptions.builder().weighting(ReferenceWeighting.MATLAB_DEFAULT).build();
        MeEmscResult r = new MeEmscCorrector(wn, refWn, ref, o).correct(raw);
        assertFalse(r.failed(), r.failure());
        assertTrue(Arrays.stream(r.corrected()).allMatch(Double::isFinite));
    }

    @Test
    void positiveReferenceOffRuns() {
        MeEmscOptions o = MeEmscOptions.builder().positiveReference(false).maxIterations(5).build();
        MeEmscResult r = new MeEmscCorrector(wn, refWn, ref, o).correct(raw);
        assertFalse(r.failed(), r.failure());
        assertTrue(r.iterations() <= 5);
    }

    @Test
    void roundingIsHalfToEvenLikeNumpy() {
        // 0.00125 is not exact in binary; use a value whose scaled form is exactly .5: 0.5e-4 * ... → 2.5 → 2
        assertEquals(2e-4, MeEmscResult.roundTo4Decimals(2.5e-4), 0.0);
        assertEquals(0.0024, MeEmscResult.roundTo4Decimals(0.00244), 0.0);
    }

    private static int index(double wavenumber) {
        int best = 0;
        for (int i = 0; i < wn.length; i++) if (Math.abs(wn[i] - wavenumber) < Math.abs(wn[best] - wavenumber)) best = i;
        return best;
    }
}
