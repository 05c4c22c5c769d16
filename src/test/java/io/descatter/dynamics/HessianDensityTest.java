package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HessianDensityTest {
    /** The χ² ⊛ MP density is a density: it integrates to 1, for h ≥ d (no zero modes) and h < d (‖w₂‖² alone for d − h). */
    @Test
    void predictedDensityIntegratesToOne() {
        for (int[] dh : new int[][] {{80, 160}, {40, 20}}) {
            double[] range = HessianDensity.support(dh[0], dh[1]);
            int n = 4000;
            double step = (range[1] - range[0]) / n;
            double sum = 0;
            for (int i = 0; i < n; i++) sum += HessianDensity.density(range[0] + (i + 0.5) * step, dh[0], dh[1]) * step;
            assertEquals(1, sum, 2e-3, "d = " + dh[0] + ", h = " + dh[1]);
        }
    }

    /** The mean eigenvalue is E‖w₂‖² + E eig(W₁ᵀW₁) = 1 + h/d, both in the prediction and in the sampled spectra. */
    @Test
    void meanEigenvalueMatchesTheTeachers() {
        int d = 20;
        int h = 40;
        HessianDensity m = HessianDensity.measure(d, h, 40, 20, 5, null);
        double[] e = m.edges();
        double predicted = 0;
        double measured = 0;
        for (int b = 0; b < m.predicted().length; b++) {
            double c = 0.5 * (e[b] + e[b + 1]);
            predicted += c * m.predicted()[b] * (e[1] - e[0]);
            measured += c * m.measured()[b].value() * (e[1] - e[0]);
        }
        assertEquals(1 + (double) h / d, predicted, 0.02);
        assertEquals(1 + (double) h / d, measured, 0.1);
    }
}
