package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SgdSweepTest {
    static final SgdConfig ONE_LAYER = new SgdConfig(1, 20, 0, 1, 40, 4, 0.05, 1.0, 1000, 100, 3, "fast", BatchSampling.WITH_REPLACEMENT);
    static final SgdConfig ONLINE_TWO = new SgdConfig(2, 6, 4, 1, 0, 4, 0.02, 1e-3, 1000, 100, 3, "fast", BatchSampling.WITH_REPLACEMENT);

    @Test
    void parsesNamesAliasesAndValues() {
        SgdSweep s = SgdSweep.parse("lr=0.01, 0.02,0.04");
        assertEquals(SgdSweep.Parameter.LR, s.parameter());
        assertArrayEquals(new double[] {0.01, 0.02, 0.04}, s.values());
        assertEquals(SgdSweep.Parameter.LR, SgdSweep.parse("eta=1,2").parameter());
        assertEquals(SgdSweep.Parameter.BATCH, SgdSweep.parse("B=2,4").parameter());
        assertEquals(SgdSweep.Parameter.RATIO, SgdSweep.parse("N/d=1.5,2").parameter());
        assertEquals(SgdSweep.Parameter.HIDDEN, SgdSweep.parse("hidden=4,8").parameter());
        assertEquals("4", s.format(4.0));
        assertEquals("0.02", s.format(0.02));
    }

    @Test
    void refusesWhatItCannotSweep() {
        String[][] cases = {
            {"lr0.01,0.02", "NAME=v1,v2"}, {"momentum=0.9,0.5", "unknown parameter 'momentum'"}, {"lr=0.01", "at least 2 values"},
            {"batch=2,2.5", "whole numbers"}, {"lr=0.01,x", "'x' is not a number"}, {"lr=0.01,-1", "positive"}};
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SgdSweep.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SgdSweep.parse("ratio=2,3").configs(ONLINE_TWO))
                .getMessage().contains("needs --samples N"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SgdSweep.parse("hidden=2,3").configs(ONE_LAYER))
                .getMessage().contains("needs --layers 2"));
        // a value the configuration itself refuses (N = 0.5·d ≤ d) is said before any run
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SgdSweep.parse("ratio=2,0.5").configs(ONE_LAYER))
                .getMessage().contains("need --samples N > d"));
    }

    @Test
    void changesOnlyTheSweptParameter() {
        List<SgdConfig> c = SgdSweep.parse("ratio=1.5,5").configs(ONE_LAYER);
        assertEquals(30, c.get(0).samples());
        assertEquals(100, c.get(1).samples());
        assertEquals(ONE_LAYER.eta(), c.get(1).eta());
        assertEquals(ONE_LAYER.seed(), c.get(1).seed());
        assertEquals(8, SgdSweep.parse("batch=2,8").configs(ONE_LAYER).get(1).batch());
        assertEquals(0.04, SgdSweep.parse("lr=0.01,0.04").configs(ONE_LAYER).get(1).eta());
        assertEquals(7, SgdSweep.parse("hidden=3,7").configs(ONLINE_TWO).get(1).hidden());
    }

    /** A tiny sweep end to end: every run measured, its ρ_DB interval from the jackknife holds the exact value. */
    @Test
    void aTinySweepMeasuresEveryValue() {
        SgdConfig base = new SgdConfig(1, 4, 0, 1, 12, 2, 0.05, 1.0, 400_000, 5_000, 3, "fast", BatchSampling.WITH_REPLACEMENT);
        List<SgdResult> runs = SgdSweep.parse("lr=0.02,0.05").run(base, null);
        assertEquals(2, runs.size());
        for (SgdResult r : runs) {
            Interval rho = SweepMeasures.detailedBalance(r);
            assertTrue(rho.low() < rho.value() && rho.value() < rho.high(), rho.toString());
            assertTrue(rho.contains(r.scalars().get("rho_db_exact")), rho + " vs " + r.scalars().get("rho_db_exact"));
            assertTrue(SweepMeasures.totalVariance(r).contains(SweepMeasures.predictedTotalVariance(r)));
        }
        // Σ ∝ η to leading order: the larger step has the larger total variance
        assertTrue(SweepMeasures.totalVariance(runs.get(1)).low() > SweepMeasures.totalVariance(runs.get(0)).high());
    }
}
