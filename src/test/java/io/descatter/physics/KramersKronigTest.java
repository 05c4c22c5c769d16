package io.descatter.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KramersKronigTest {
    static double[] axis(double from, double step, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = from + i * step;
        return a;
    }

    static double[] band(double[] wn, double centre, double halfWidth) {
        double[] p = new double[wn.length];
        for (int i = 0; i < wn.length; i++) {
            double x = wn[i] - centre;
            p[i] = halfWidth * halfWidth / (x * x + halfWidth * halfWidth);
        }
        return p;
    }

    /** Anomalous dispersion: the real part rises below an absorption band and falls above it. */
    @Test
    void realPartIsPositiveBelowABandAndNegativeAbove() {
        double[] wn = axis(1000, 2, 1000);
        RefractiveIndex ri = new KramersKronig(wn).compute(band(wn, 2000, 20));
        int centre = 500;
        assertTrue(ri.kramersKronig()[centre - 10] > 0, "below the band");
        assertTrue(ri.kramersKronig()[centre + 10] < 0, "above the band");
        assertEquals(1.0 / (100 * 2000), ri.imaginaryScaled()[centre], 1e-15, "n''_s = P/(100ν)");
    }

    /** A reversed axis describes the same sample: n_kk is the same function of wavenumber (to rounding). */
    @Test
    void reversedAxisGivesTheSameIndex() {
        double[] wn = axis(1000.89, 3.857, 778);
        double[] p = band(wn, 1650, 30);
        RefractiveIndex up = new KramersKronig(wn).compute(p);
        double[] wnDown = new double[wn.length];
        double[] pDown = new double[wn.length];
        for (int i = 0; i < wn.length; i++) {
            wnDown[i] = wn[wn.length - 1 - i];
            pDown[i] = p[wn.length - 1 - i];
        }
        RefractiveIndex down = new KramersKronig(wnDown).compute(pDown);
        for (int i = 0; i < wn.length; i++) {
            // the values are ~1e-6; the FFTs of the two orders round differently at ~1e-16 relative
            assertEquals(up.kramersKronig()[i], down.kramersKronig()[wn.length - 1 - i], 1e-18);
        }
    }
}
