package io.descatter.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.Resampler;
import io.descatter.spectra.WavenumberAxis;

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

    /**
     * Axes that 200 points of edge padding fit keep the reference implementations' transform on their own points
     * (the measured 1.93 cm-1 grid, 4 cm-1 from 1000, the Agilent grid); only those it would take to 0 cm-1 or below
     * are refined.
     */
    @Test
    void onlyAxesThePaddingCannotFitAreRefined() {
        assertFalse(new KramersKronig(axis(1000.89, (3999.71 - 1000.89) / 1555, 1556)).refined());
        assertFalse(new KramersKronig(axis(1000, 4, 751)).refined());
        assertFalse(new KramersKronig(axis(948.8, (3700.7 - 948.8) / 1427, 1428)).refined());
        assertTrue(new KramersKronig(axis(1000, 8, 376)).refined());
        assertTrue(new KramersKronig(axis(1004, 8, 375)).refined());
        assertTrue(new KramersKronig(axis(3996, -8, 375)).refined());
        assertThrows(AxisMismatchException.class, () -> new KramersKronig(axis(-8, 8, 376)));
    }

    /** The fine grid spans the axis exactly, at 2 cm-1 or finer, and keeps the padding above half the minimum. */
    @Test
    void fineGridSpansTheAxisAtTwoCmOrFiner() {
        double[] g = KramersKronig.fineGrid(1004, 3996);
        assertEquals(1004, g[0], 0.0);
        assertEquals(3996, g[g.length - 1], 0.0);
        assertEquals(1497, g.length);
        assertEquals(2, g[1] - g[0], 1e-12);
        double[] low = KramersKronig.fineGrid(400, 1800.5);
        assertTrue(low[1] - low[0] <= 1.0, "step " + (low[1] - low[0]));
        assertTrue(low[0] - KramersKronig.PAD * (low[1] - low[0]) >= 200);
        assertEquals(1800.5, low[low.length - 1], 0.0);
    }

    /**
     * On a refined axis the index is the 2 cm-1 transform of the absorbance's linear interpolant: n_kk at the axis'
     * points equals the direct transform on the 2 cm-1 grid (whose points include the 8 cm-1 ones) of that
     * interpolant, and n''_s is P/(100ν) on the axis itself. Either way round.
     */
    @Test
    void refinedAxisGivesTheFineGridTransformOfTheInterpolant() {
        double[] coarse = axis(1000, 8, 376);
        double[] fine = axis(1000, 2, 1501);
        double[] p = band(coarse, 1650, 25);
        double[] p2 = band(coarse, 2920, 15);
        for (int i = 0; i < p.length; i++) p[i] += 0.6 * p2[i];
        double[] interpolant = Resampler.linear(WavenumberAxis.of(coarse), WavenumberAxis.of(fine)).apply(p);
        RefractiveIndex direct = new KramersKronig(fine).compute(interpolant);
        RefractiveIndex refined = new KramersKronig(coarse).compute(p);
        double scale = 0;
        for (double v : direct.kramersKronig()) scale = Math.max(scale, Math.abs(v));
        for (int j = 0; j < coarse.length; j++) {
            assertEquals(direct.kramersKronig()[4 * j], refined.kramersKronig()[j], 1e-14 * scale, "n_kk at " + coarse[j]);
            assertEquals(p[j] / (100 * coarse[j]), refined.imaginaryScaled()[j], 0.0, "n''_s at " + coarse[j]);
        }
        // a descending 8 cm-1 axis: the same function of wavenumber
        double[] down = new double[coarse.length];
        double[] pDown = new double[coarse.length];
        for (int j = 0; j < coarse.length; j++) {
            down[j] = coarse[coarse.length - 1 - j];
            pDown[j] = p[coarse.length - 1 - j];
        }
        RefractiveIndex reversed = new KramersKronig(down).compute(pDown);
        for (int j = 0; j < coarse.length; j++) {
            assertEquals(refined.kramersKronig()[j], reversed.kramersKronig()[coarse.length - 1 - j], 1e-14 * scale);
        }
    }
}
