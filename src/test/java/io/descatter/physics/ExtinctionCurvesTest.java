package io.descatter.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExtinctionCurvesTest {
    private static final MieGrid GRID = MieGrid.of(2.0, 7.1, 1.1, 1.4, 10, 0.25);

    /**
     * Without absorption (n'' = 0, so n_kk = 0 and B = 0) Van de Hulst's formula is
     * Q = 2 − (4/ρ) sin ρ + (4/ρ²)(1 − cos ρ) with ρ = alpha0·100ν. Q is of order 1 and both sides are a few
     * floating-point operations from each other, so 1e-12.
     */
    @Test
    void nonAbsorbingLimit() {
        double[] wn = KramersKronigTest.axis(1000, 2, 1501);
        RefractiveIndex none = new KramersKronig(wn).compute(new double[wn.length]);
        double[][] q = new ExtinctionCurves(GRID, wn).compute(none);
        double[] alpha0 = GRID.alpha0();
        int nGamma = GRID.gamma().length;
        for (int i = 0; i < alpha0.length; i++) {
            for (int j = 0; j < nGamma; j++) {
                double[] single = VanDeHulst.curve(alpha0[i], GRID.gamma()[j], none, wn);
                for (int k = 0; k < wn.length; k++) {
                    double rho = alpha0[i] * 100 * wn[k];
                    double expected = 2 - 4 / rho * Math.sin(rho) + 4 / (rho * rho) * (1 - Math.cos(rho));
                    assertEquals(expected, q[i * nGamma + j][k], 1e-12);
                    assertEquals(expected, single[k], 1e-12);
                }
            }
        }
    }

    /**
     * With absorption the fast generator (shared gamma terms, expanded angle differences) must give the
     * formula as written (atan, then sin/cos of ρ − B and ρ − 2B): 1e-12 on values of order 1.
     */
    @Test
    void fastCurvesEqualTheFormulaAsWritten() {
        assertCurvesMatchFormula(GRID);
    }

    /** A grid whose alpha0 values are not quadratic in their index takes the direct path: same contract. */
    @Test
    void irregularGridEqualsTheFormulaAsWritten() {
        assertCurvesMatchFormula(new MieGrid(new double[] {3e-6, 1.1e-5, 1.2e-5, 3.3e-5}, new double[] {9e4, 2.5e4}));
    }

    private static void assertCurvesMatchFormula(MieGrid grid) {
        double[] wn = KramersKronigTest.axis(1000.89, 1.93, 1556);
        double[] p = KramersKronigTest.band(wn, 1650, 25);
        double[] p2 = KramersKronigTest.band(wn, 2920, 15);
        for (int i = 0; i < p.length; i++) p[i] = 0.8 * p[i] + 0.5 * p2[i];
        RefractiveIndex ri = new KramersKronig(wn).compute(p);
        double[][] q = new ExtinctionCurves(grid, wn).compute(ri);
        int nGamma = grid.gamma().length;
        for (int i = 0; i < grid.alpha0().length; i++) {
            for (int j = 0; j < nGamma; j++) {
                double[] single = VanDeHulst.curve(grid.alpha0()[i], grid.gamma()[j], ri, wn);
                for (int k = 0; k < wn.length; k++) {
                    assertEquals(single[k], q[i * nGamma + j][k], 1e-12);
                }
            }
        }
    }

    /** The default grid of the MATLAB code (ME-EMSC.md §1). */
    @Test
    void defaultGridValues() {
        double[] alpha0 = GRID.alpha0();
        double[] gamma = GRID.gamma();
        // values quoted in the design note to 5 significant digits
        assertEquals(2.513e-6, alpha0[0], 0.0005e-6);
        assertEquals(3.5688e-5, alpha0[9], 0.00005e-5);
        assertEquals(145812.9, gamma[0], 0.05);
        assertEquals(10268.5, gamma[9], 0.05);
        assertEquals(MieGrid.alpha0(4.5, 1.25), 4 * Math.PI * 4.5e-6 * 0.25, 1e-20);
    }
}
