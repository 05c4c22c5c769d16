package io.descatter.chemistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FidelityTest {
    @Test
    void logRuleIsSymmetricAndNeedsTwoPositiveRatios() {
        BandRatio.Agreement log = BandRatio.Agreement.ABS_LOG;
        assertEquals(Math.log(2), log.of(0.2, 0.1), 1e-15);
        assertEquals(Math.log(2), log.of(0.1, 0.2), 1e-15); // twice or half: equally far
        assertTrue(Double.isNaN(log.of(-0.1, 0.1)));
        assertTrue(Double.isNaN(log.of(0.1, 0)));
        assertTrue(Double.isNaN(log.of(Double.NaN, 0.1)));
    }

    @Test
    void differenceRuleAcceptsZeroAndNegativeRatios() {
        BandRatio.Agreement diff = BandRatio.Agreement.ABS_DIFF;
        assertEquals(0.05, diff.of(-0.02, 0.03), 1e-15);
        assertEquals(0.0, diff.of(0, 0), 0.0);
        assertTrue(Double.isNaN(diff.of(0.1, Double.NaN)));
    }

    /** Three spectra; only the first two ratios' columns matter here: phosphate (log rule) and ester (difference). */
    private static double[][] ratios(double... phosphateThenEster) {
        int n = phosphateThenEster.length / 2;
        double[][] out = new double[n][BandRatio.values().length];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(out[i], Double.NaN);
            out[i][BandRatio.PHOSPHATE_AMIDE_I.ordinal()] = phosphateThenEster[i];
            out[i][BandRatio.ESTER_AMIDE_I.ordinal()] = phosphateThenEster[n + i];
        }
        return out;
    }

    @Test
    void medianLeavesOutSpectraWhereTheRuleDoesNotApply() {
        double[][] reference = ratios(0.1, 0.1, 0.1, /* ester */ -0.02, 0.0, 0.01);
        double[][] got = ratios(0.2, 0.4, -0.3, /* ester */ 0.03, 0.0, 0.01);
        List<Integer> all = List.of(0, 1, 2);
        Fidelity.Median phosphate = Fidelity.median(BandRatio.PHOSPHATE_AMIDE_I, got, reference, all);
        assertEquals(2, phosphate.compared()); // the negative ratio has no log
        assertEquals(0.5 * (Math.log(2) + Math.log(4)), phosphate.value(), 1e-12);
        Fidelity.Median ester = Fidelity.median(BandRatio.ESTER_AMIDE_I, got, reference, all);
        assertEquals(3, ester.compared());
        assertEquals(0.0, ester.value(), 1e-15); // |0.05|, 0, 0
        Fidelity.Median none = Fidelity.median(BandRatio.CH_STRETCH_AMIDE_I, got, reference, all);
        assertEquals(0, none.compared());
        assertTrue(Double.isNaN(none.value()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void compareReportsEveryCandidateOverallAndPerGroup() {
        double[][] reference = ratios(0.1, 0.1, 0.1, -0.02, 0.0, 0.01);
        Map<String, double[][]> candidates = new LinkedHashMap<>();
        candidates.put("network", ratios(0.2, 0.2, 0.2, 0.0, 0.0, 0.0));
        candidates.put("raw", reference);
        Map<String, Object> c = Fidelity.compare("truth", reference, candidates, List.of("a", "b", "b"));
        assertEquals("truth", c.get("reference"));
        Map<String, Object> groups = (Map<String, Object>) c.get("groups");
        assertEquals(List.of("all", "a", "b"), List.copyOf(groups.keySet()));
        Map<String, Object> all = (Map<String, Object>) groups.get("all");
        Map<String, Object> agreement = (Map<String, Object>) all.get("agreement");
        assertEquals(Math.log(2), (Double) ((Map<String, Object>) agreement.get("network")).get("phosphate_amideI_abs_log"), 1e-12);
        assertEquals(0.0, (Double) ((Map<String, Object>) agreement.get("raw")).get("ester_amideI_abs_diff"), 0.0);
        Map<String, Object> means = (Map<String, Object>) all.get("meanRatios");
        assertEquals(List.of("truth", "network", "raw"), List.copyOf(means.keySet()));
        assertEquals(0.2, (Double) ((Map<String, Object>) means.get("network")).get("phosphate_amideI"), 1e-12);
        Map<String, Object> b = (Map<String, Object>) groups.get("b");
        assertEquals(2, b.get("spectra"));
        assertEquals(0.005, (Double) ((Map<String, Object>) ((Map<String, Object>) b.get("agreement")).get("network")).get("ester_amideI_abs_diff"), 1e-12);
    }
}
