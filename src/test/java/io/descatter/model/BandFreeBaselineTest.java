package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.descatter.chemistry.BandRatio;
import io.descatter.spectra.WavenumberAxis;
import org.junit.jupiter.api.Test;

/** {@link BandFreeBaseline}: what it takes off, where it leaves zero, and what it leaves alone. */
class BandFreeBaselineTest {
    private static WavenumberAxis axis(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = from + i * step;
        return WavenumberAxis.of(w);
    }

    /** Bands that are zero in both windows (amide I and II, C-H, phosphate, amide A): Gaussians cut off at 5 s.d. */
    private static double[] bands(double[] w) {
        double[] v = new double[w.length];
        double[][] b = {{1655, 1, 25}, {1545, 0.4, 25}, {2925, 0.5, 20}, {1080, 0.2, 30}, {3300, 0.3, 60}};
        for (int i = 0; i < w.length; i++) {
            for (double[] band : b) {
                double z = (w[i] - band[0]) / band[2];
                if (Math.abs(z) < 5) v[i] += band[1] * Math.exp(-0.5 * z * z);
            }
        }
        return v;
    }

    @Test
    void aFloorThatIsLinearAboveTheSilentWindowIsTakenOffExactlyAndBandRatiosStay() {
        WavenumberAxis a = axis(1000.89, 3999.71, 1.928502);
        double[] w = a.values();
        double[] clean = bands(w);
        double[] floored = clean.clone();
        // a floor of the baseline's own form: constant below the silent window, a straight line from there on
        for (int i = 0; i < w.length; i++) floored[i] += 0.02 + 1.5e-5 * Math.max(0, w[i] - 1800);
        double[] v = floored.clone();
        BandFreeBaseline.on(a).subtract(v, 0);
        for (int i = 0; i < w.length; i++) assertEquals(clean[i], v[i], 1e-12, "at " + w[i]);
        double[] before = BandRatio.all(w, floored);
        double[] after = BandRatio.all(w, v);
        for (BandRatio r : BandRatio.values()) {
            if (!Double.isNaN(before[r.ordinal()])) assertEquals(before[r.ordinal()], after[r.ordinal()], 1e-9, r.column());
        }
    }

    @Test
    void theWindowsEndAtZeroOnAverageWhateverTheFloorsShape() {
        WavenumberAxis a = axis(1000.89, 3999.71, 1.928502);
        double[] w = a.values();
        double[] v = bands(w);
        for (int i = 0; i < w.length; i++) v[i] += 0.03 * Math.cos(w[i] / 700) + 0.01;
        BandFreeBaseline.on(a).subtract(v, 0);
        double silent = 0;
        int ns = 0;
        double high = 0;
        int nh = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] >= 1800 && w[i] <= 2000) {
                silent += v[i];
                ns++;
            }
            if (w[i] >= 3800) {
                high += v[i];
                nh++;
            }
        }
        assertEquals(0, silent / ns, 1e-12);
        assertEquals(0, high / nh, 1e-12);
    }

    @Test
    void anAxisThatMissesAWindowHasNone() {
        assertNull(BandFreeBaseline.on(axis(1000.89, 1799.29, 1.928502)), "the fingerprint grid");
        assertNull(BandFreeBaseline.on(axis(948.8, 3700.7, 1.928451)), "the Agilent grid ends below 3800");
    }
}
