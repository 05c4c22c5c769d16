package io.descatter.chemistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Band areas and heights above the line across a window, on synthetic spectra whose answers are known analytically:
 * Gaussian bands on a sloping linear baseline. A Gaussian of height h and width σ has area h·σ·√(2π); with the
 * window's ends ≥ 4.5 σ from its centre the line through the end values is the baseline to within h·4e-5, so the
 * line-subtracted area equals the Gaussian's to 1e-3 (relative) on a 2 cm⁻¹ grid.
 */
class BandRatioTest {
    static final double AREA_TOLERANCE = 1e-3;

    static double[] axis(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] wn = new double[n];
        for (int i = 0; i < n; i++) wn[i] = from + i * step;
        return wn;
    }

    /** A sloping baseline (offset 0.4, slope 1e-4 per cm⁻¹) plus Gaussians {centre, σ, height, …}. */
    static double[] spectrum(double[] wn, double... bands) {
        double[] s = new double[wn.length];
        for (int i = 0; i < wn.length; i++) {
            s[i] = 0.4 + 1e-4 * (wn[i] - 1000);
            for (int b = 0; b < bands.length; b += 3) s[i] += bands[b + 2] * Math.exp(-0.5 * Math.pow((wn[i] - bands[b]) / bands[b + 1], 2));
        }
        return s;
    }

    static double gaussianArea(double sigma, double height) {
        return height * sigma * Math.sqrt(2 * Math.PI);
    }

    @Test
    void lineSubtractedAreaIsTheGaussiansArea() {
        double[] wn = axis(1000, 4000, 2);
        double[] s = spectrum(wn, 1655, 12, 0.8); // ends 55 cm⁻¹ = 4.6 σ away
        double expected = gaussianArea(12, 0.8);
        assertEquals(expected, BandRatio.Windows.AMIDE_I.area(wn, s), AREA_TOLERANCE * expected);
        // off-grid ends and an irregular grid: the ends are interpolated, so nothing is lost between grid and window
        double[] odd = axis(1000.37, 3999, 1.93);
        assertEquals(expected, BandRatio.Windows.AMIDE_I.area(odd, spectrum(odd, 1655, 12, 0.8)), AREA_TOLERANCE * expected);
        // a flat or sloping spectrum without a band has no area at all
        assertEquals(0, BandRatio.Windows.AMIDE_I.area(wn, spectrum(wn)), 1e-12);
    }

    @Test
    void areaRatiosToAmideIAreTheGaussiansRatios() {
        double[] wn = axis(1000, 4000, 2);
        // phosphate 1065 (σ 12: 5.4 σ to the window ends), amide II 1540, amide I 1655, ester 1745 (σ 7), CH 2925 (σ 15)
        double[] s = spectrum(wn, 1065, 12, 0.3, 1540, 11, 0.5, 1655, 12, 1.0, 1745, 7, 0.1, 2925, 15, 0.4);
        double amideI = gaussianArea(12, 1.0);
        double[] r = BandRatio.all(wn, s);
        assertEquals(gaussianArea(12, 0.3) / amideI, r[BandRatio.PHOSPHATE_AMIDE_I.ordinal()], 2e-3);
        assertEquals(gaussianArea(11, 0.5) / amideI, r[BandRatio.AMIDE_II_AMIDE_I.ordinal()], 2e-3);
        assertEquals(amideI / gaussianArea(11, 0.5), r[BandRatio.AMIDE_I_AMIDE_II.ordinal()], 5e-3);
        assertEquals(gaussianArea(7, 0.1) / amideI, r[BandRatio.ESTER_AMIDE_I.ordinal()], 1e-3);
        assertEquals(gaussianArea(15, 0.4) / amideI, r[BandRatio.CH_STRETCH_AMIDE_I.ordinal()], 2e-3);
        // ratios do not depend on the scale or the offset of the spectrum
        double[] scaled = Arrays.stream(s).map(v -> 3.7 * v - 0.2).toArray();
        assertEquals(r[BandRatio.PHOSPHATE_AMIDE_I.ordinal()], BandRatio.PHOSPHATE_AMIDE_I.of(wn, scaled), 1e-12);
    }

    @Test
    void heightsAreReadAtTheBandsTopNearTheirPositions() {
        double[] wn = axis(1000, 4000, 1);
        // CH2 at 2924 (3 cm⁻¹ off its nominal 2921: still read at its top), CH3 at 2958; σ 6 keeps them apart
        double[] s = spectrum(wn, 2924, 6, 0.6, 2958, 6, 0.4);
        assertEquals(1.5, BandRatio.CH2_CH3_ASYMMETRIC.of(wn, s), 1e-3);
        // 1025 / 1080 above the line across 1000-1130 (glycogen), 1080 above it / 1240 above the line across 1180-1300
        double[] p = spectrum(wn, 1025, 5, 0.2, 1080, 8, 0.5, 1240, 10, 0.25);
        assertEquals(0.4, BandRatio.GLYCOGEN_1025_1080.of(wn, p), 2e-3);
        assertEquals(2.0, BandRatio.PHOSPHATE_1080_1240.of(wn, p), 2e-3);
    }

    @Test
    void uncoveredWindowsGiveNaNNeverAnException() {
        double[] fingerprint = axis(900, 1800, 2);
        double[] s = spectrum(fingerprint, 1065, 12, 0.3, 1655, 12, 1.0);
        double[] r = BandRatio.all(fingerprint, s);
        assertTrue(Double.isNaN(r[BandRatio.CH_STRETCH_AMIDE_I.ordinal()]));
        assertTrue(Double.isNaN(r[BandRatio.CH2_CH3_ASYMMETRIC.ordinal()]));
        assertFalse(Double.isNaN(r[BandRatio.PHOSPHATE_AMIDE_I.ordinal()]));
        // an axis that starts within one grid spacing of the window's end is moved onto it (1000.89 for 1000) ...
        double[] common = axis(1000.89, 3999.71, 1.92837);
        assertFalse(Double.isNaN(BandRatio.PHOSPHATE_AMIDE_I.of(common, spectrum(common, 1065, 12, 0.3, 1655, 12, 1.0))));
        // ... one that starts further in does not cover the window
        double[] late = axis(1010, 4000, 2);
        assertTrue(Double.isNaN(BandRatio.PHOSPHATE_AMIDE_I.of(late, spectrum(late, 1065, 12, 0.3, 1655, 12, 1.0))));
        // a NaN spectrum (a failed correction) gives NaN ratios
        double[] failed = new double[fingerprint.length];
        Arrays.fill(failed, Double.NaN);
        assertTrue(Arrays.stream(BandRatio.all(fingerprint, failed)).allMatch(Double::isNaN));
        // no band at all (0 / 0): not a number rather than an exception or infinity
        assertTrue(Double.isNaN(BandRatio.PHOSPHATE_AMIDE_I.of(fingerprint, new double[fingerprint.length])));
    }

    @Test
    void aDescendingAxisGivesTheSameRatios() {
        double[] wn = axis(1000, 4000, 2);
        double[] s = spectrum(wn, 1065, 12, 0.3, 1540, 11, 0.5, 1655, 12, 1.0, 2925, 15, 0.4, 2958, 6, 0.2);
        double[] down = new double[wn.length];
        double[] sDown = new double[wn.length];
        for (int i = 0; i < wn.length; i++) {
            down[i] = wn[wn.length - 1 - i];
            sDown[i] = s[wn.length - 1 - i];
        }
        double[] up = BandRatio.all(wn, s);
        assertTrue(Arrays.stream(up).filter(Double::isNaN).count() <= 1, "the spectrum has what most ratios need: " + Arrays.toString(up));
        assertArrayEqualsNaNAware(up, BandRatio.all(down, sDown));
    }

    @Test
    void namesAreUniqueColumnNamesAndTheEsterIsComparedByDifference() {
        assertEquals(BandRatio.values().length, Arrays.stream(BandRatio.values()).map(BandRatio::column).distinct().count());
        assertEquals("phosphate_amideI_abs_log", BandRatio.PHOSPHATE_AMIDE_I.agreementColumn());
        assertEquals("ester_amideI_abs_diff", BandRatio.ESTER_AMIDE_I.agreementColumn());
    }

    private static void assertArrayEqualsNaNAware(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            String name = BandRatio.values()[i].column();
            if (Double.isNaN(expected[i])) assertTrue(Double.isNaN(actual[i]), name);
            else assertEquals(expected[i], actual[i], 1e-9 * Math.abs(expected[i]) + 1e-12, name);
        }
    }
}
