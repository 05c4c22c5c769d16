package io.descatter.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.descatter.emsc.MeEmscResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calibration statistics of one spectrum, on a piecewise-constant raw spectrum whose answers are plain arithmetic. */
class CalibrationTest {
    @Test
    void statisticsOfAKnownSpectrum() {
        int n = 1501;
        double[] wn = new double[n];
        double[] raw = new double[n];
        for (int k = 0; k < n; k++) {
            wn[k] = 1000 + 2 * k;
            double w = wn[k];
            raw[k] = 0.1; // the minimum
            if (w >= 1640 && w <= 1660) raw[k] = 2.1; // amide I
            if ((w >= 1800 && w <= 2250) || (w >= 2450 && w <= 2800)) raw[k] = 0.4; // band-free windows
            if (w >= 3750) raw[k] = 0.7; // high end
        }
        double b = 0.5;
        double c = 0.05;
        double mie = 0.2; // a constant Mie contribution: its RMS is 0.2
        double[] corrected = new double[n];
        double[] residuals = new double[n];
        for (int k = 0; k < n; k++) {
            corrected[k] = (raw[k] - c - mie) / b; // as ME-EMSC: (Z − c − Σg·p)/b, the residual left in
            residuals[k] = 0.05 * Math.sin(k / 7.0); // Z − c − Σg·p − b·R for some reference R: not part of Σg·p
        }
        MeEmscResult fit = new MeEmscResult(corrected, residuals, b, new double[] {1}, c, 12, 12, 0.003, null);

        double[] s = Calibration.statistics(raw, wn, fit);
        assertEquals(b, s[Calibration.Statistic.B.ordinal()]);
        assertEquals(c, s[Calibration.Statistic.C.ordinal()]);
        assertEquals(mie, s[Calibration.Statistic.MIE.ordinal()], 1e-12);
        assertEquals(0.003, s[Calibration.Statistic.RMSE.ordinal()]);
        assertEquals(12, s[Calibration.Statistic.ITERATIONS.ordinal()]);
        assertEquals(2.1, s[Calibration.Statistic.AMIDE_I.ordinal()]);
        assertEquals(0.1, s[Calibration.Statistic.MIN.ordinal()]);
        double mean = 0;
        for (double v : raw) mean += v;
        assertEquals(mean / n, s[Calibration.Statistic.MEAN.ordinal()], 1e-12);
        assertEquals((0.4 - 0.1) / (2.1 - 0.1), s[Calibration.Statistic.BAND_FREE.ordinal()], 1e-12);
        assertEquals((0.7 - 0.1) / (2.1 - 0.1), s[Calibration.Statistic.HIGH_END.ordinal()], 1e-12);
    }

    @Test
    void windowsTheAxisDoesNotReachAreLeftOutOfTheColumn() {
        double[] wn = {1000, 1200, 1400, 1600, 1650, 1700};
        double[] raw = {0.1, 0.2, 0.3, 0.4, 1.0, 0.5};
        MeEmscResult fit = new MeEmscResult(raw.clone(), new double[6], 1, new double[] {1}, 0, 3, 3, 0.01, null);
        double[] s = Calibration.statistics(raw, wn, fit);
        assertEquals(Double.NaN, s[Calibration.Statistic.BAND_FREE.ordinal()]);
        double[] other = s.clone();
        other[Calibration.Statistic.BAND_FREE.ordinal()] = 0.25;
        assertArrayEquals(new double[] {0.25}, Calibration.column(List.of(s, other), Calibration.Statistic.BAND_FREE));
        double[] flatAxis = {1600, 1650, 1700, 2000, 3800};
        double[] flat = {0.3, 0.3, 0.3, 0.5, 0.6}; // no band above the minimum, yet a background
        double[] f = Calibration.statistics(flat, flatAxis, new MeEmscResult(flat.clone(), new double[5], 1, new double[] {1}, 0, 3, 3, 0.01, null));
        assertEquals(Double.NaN, f[Calibration.Statistic.BAND_FREE.ordinal()], "no amide I above the minimum: no ratio");
        assertEquals(Double.NaN, f[Calibration.Statistic.HIGH_END.ordinal()]);
        double[] noAmide = {1000, 1200, 1400, 1500};
        double[] low = {0.1, 0.2, 0.3, 0.2};
        double[] a = Calibration.statistics(low, noAmide, new MeEmscResult(low.clone(), new double[4], 1, new double[] {1}, 0, 3, 3, 0.01, null));
        assertEquals(Double.NaN, a[Calibration.Statistic.AMIDE_I.ordinal()], "no 1600-1700 cm-1 on the axis: left out");
        assertEquals(0, Calibration.column(List.of(a), Calibration.Statistic.AMIDE_I).length);
    }

    @Test
    void quantilesAndCoverageAsNumpy() {
        double[] v = {4, 1, 3, 2};
        assertEquals(2.5, Calibration.quantile(v, 0.5), 1e-15);
        assertEquals(1.03, Calibration.quantile(v, 0.01), 1e-12); // 1 + 0.03·(2 − 1)
        double[] simulated = new double[101];
        for (int i = 0; i <= 100; i++) simulated[i] = i; // 1-99 % range: [1, 99]
        assertEquals(0.5, Calibration.coverage(new double[] {0.5, 1, 99, 99.5}, simulated), 1e-15);
        assertEquals(Double.NaN, Calibration.quantile(new double[0], 0.5), "a statistic no spectrum has");
        assertEquals(Double.NaN, Calibration.coverage(new double[0], simulated));
    }

    /** The chemistry statistics on a corrected spectrum built from flat plateaus and one Gaussian amide I band. */
    @Test
    void chemistryOfAKnownCorrectedSpectrum() {
        int n = 3001;
        double[] wn = new double[n];
        double[] a = new double[n];
        double hwhm = 30;
        for (int k = 0; k < n; k++) {
            wn[k] = 1000 + k; // 1 cm-1 steps: the half width is found to the nearest point
            double w = wn[k];
            a[k] = Math.exp(-Math.log(2) * Math.pow((w - 1650) / hwhm, 2)); // amide I, maximum 1 at 1650
            if (w >= 2900 && w <= 2950) a[k] = 0.4; // C-H plateau
            if (w >= 3050 && w <= 3700) a[k] = 0.25; // stretching plateau
        }
        double[] s = new double[Calibration.Statistic.values().length];
        Calibration.chemistry(a, wn, s);
        assertEquals(hwhm, s[Calibration.Statistic.AMIDE_I_WIDTH.ordinal()], 1.0);
        assertEquals(Math.exp(-Math.log(2) * Math.pow(90 / hwhm, 2)), s[Calibration.Statistic.VALLEY.ordinal()], 1e-12); // at 1560
        assertEquals(0.4, s[Calibration.Statistic.CH_MAX.ordinal()], 1e-12);
        assertEquals(0.25, s[Calibration.Statistic.STRETCH_LEVEL.ordinal()], 1e-12);
        // the same spectrum on a descending axis gives the same width
        double[] wr = new double[n];
        double[] ar = new double[n];
        for (int k = 0; k < n; k++) {
            wr[k] = wn[n - 1 - k];
            ar[k] = a[n - 1 - k];
        }
        double[] r = new double[s.length];
        Calibration.chemistry(ar, wr, r);
        assertEquals(s[Calibration.Statistic.AMIDE_I_WIDTH.ordinal()], r[Calibration.Statistic.AMIDE_I_WIDTH.ordinal()]);
    }
}
