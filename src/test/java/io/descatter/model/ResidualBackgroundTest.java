package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.WavenumberAxis;
import org.junit.jupiter.api.Test;

/** {@link ResidualBackground}: the corrected spectrum's level where cells have no bands, over its amide I height. */
class ResidualBackgroundTest {
    private static WavenumberAxis axis(double from, double to, double step) {
        return WavenumberAxis.regular(from, to, step);
    }

    private static WavenumberAxis descending(WavenumberAxis a) {
        double[] w = a.values();
        double[] r = new double[w.length];
        for (int i = 0; i < w.length; i++) r[i] = w[w.length - 1 - i];
        return WavenumberAxis.of(r);
    }

    /** An amide I band of height 1 at 1656 cm-1 (a Gaussian of s.d. 15 cm-1) on a constant {@code offset}. */
    private static double[] bandOn(WavenumberAxis axis, double offset) {
        double[] w = axis.values();
        double[] v = new double[w.length];
        for (int i = 0; i < w.length; i++) v[i] = offset + Math.exp(-0.5 * Math.pow((w[i] - 1656) / 15, 2));
        return v;
    }

    @Test
    void theLevelIsTheWindowsMeanOverTheAmideIHeight() {
        WavenumberAxis a = axis(1000, 4000, 2);
        ResidualBackground b = ResidualBackground.on(a);
        // no background: nothing there; a constant c everywhere: c over the band's height plus c, the height being the
        // 5-point mean at the top (1652-1660 cm-1 on this 2 cm-1 grid)
        assertEquals(0, b.level(bandOn(a, 0), 0), 1e-12);
        double c = 0.3;
        double top = (1 + 2 * Math.exp(-0.5 * Math.pow(2.0 / 15, 2)) + 2 * Math.exp(-0.5 * Math.pow(4.0 / 15, 2))) / 5;
        assertEquals(c / (top + c), b.level(bandOn(a, c), 0), 1e-12);
        assertFalse(ResidualBackground.flags(b.level(bandOn(a, 0.1), 0)), "0.1 / 1.1 is below the threshold");
        assertTrue(ResidualBackground.flags(b.level(bandOn(a, c), 0)), "0.3 / 1.3 is above it");
        // from an offset into a batch, and on a descending axis alike
        double[] two = new double[2 * a.size()];
        System.arraycopy(bandOn(a, c), 0, two, a.size(), a.size());
        assertEquals(b.level(bandOn(a, c), 0), b.level(two, a.size()), 0);
        WavenumberAxis down = descending(a);
        assertEquals(c / (top + c), ResidualBackground.on(down).level(bandOn(down, c), 0), 1e-12);
    }

    @Test
    void noLevelWithoutTheWindowOrWithoutAnAmideIBand() {
        assertNull(ResidualBackground.on(axis(948.8, 3700.7, 1.928451)), "the Agilent grid ends below the window");
        assertNull(ResidualBackground.on(axis(1000.89, 1799.29, 1.928502)), "the fingerprint grid");
        WavenumberAxis a = axis(1000, 4000, 2);
        double[] flat = new double[a.size()];
        assertTrue(Double.isNaN(ResidualBackground.on(a).level(flat, 0)));
        assertFalse(ResidualBackground.flags(Double.NaN));
    }
}
