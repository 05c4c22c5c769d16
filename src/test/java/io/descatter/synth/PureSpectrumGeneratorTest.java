package io.descatter.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.WavenumberAxis;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PureSpectrumGeneratorTest {
    static final WavenumberAxis AXIS = WavenumberAxis.regular(1000, 4000, 2);
    final PureSpectrumGenerator generator = new PureSpectrumGenerator(AXIS, PureSpectrumGenerator.Jitter.defaults());

    @ParameterizedTest
    @EnumSource(TissueType.class)
    void truthIsNonNegativeWithUnitMaximum(TissueType type) {
        Well19937c rng = new Well19937c(11);
        for (int s = 0; s < 200; s++) {
            double[] a = generator.generate(type, rng).absorbance();
            double max = 0;
            for (double v : a) {
                assertTrue(v >= 0, "absorbance is non-negative");
                max = Math.max(max, v);
            }
            assertEquals(1, max, 1e-12);
        }
    }

    static java.util.stream.Stream<TissueType> proteinRichTypes() {
        return TissueType.tissues().stream().filter(TissueType::isProteinRich);
    }

    @Test
    void proteinRichTypesAreTheExpectedOnes() {
        assertEquals(java.util.List.of(TissueType.EPITHELIAL, TissueType.STROMA, TissueType.GLYCOGEN_RICH, TissueType.NUCLEIC_RICH,
                TissueType.MUCINOUS, TissueType.AMYLOID), proteinRichTypes().toList());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("proteinRichTypes")
    void proteinRichTypesHaveTheirAmideIMaximumBetween1625And1670(TissueType type) {
        // 1625: amyloid's intermolecular beta-sheet band lies at 1615-1630 cm-1 (Barth 2007); 1670: turns and side
        // chains (1668-1690) and unassigned bands on a broadened helix band move the envelope's maximum up by up to ~12 cm-1
        Well19937c rng = new Well19937c(5);
        for (int s = 0; s < 200; s++) {
            double[] a = generator.generate(type, rng).absorbance();
            int best = -1;
            for (int i = 0; i < a.length; i++) {
                double w = AXIS.get(i);
                if (w >= 1580 && w <= 1720 && (best < 0 || a[i] > a[best])) best = i;
            }
            double peak = AXIS.get(best);
            assertTrue(peak >= 1625 && peak <= 1670, type + " spectrum " + s + ": amide I maximum at " + peak);
        }
    }

    @Test
    void typesDifferWhereTheirChemistrySays() {
        // Mean ratio of marker bands: lipid CH2 2921 vs amide I, glycogen 1025 vs amide I, collagen 1338 vs amide I.
        assertTrue(meanRatio(TissueType.LIPID_RICH, 2921, 1655) > 3 * meanRatio(TissueType.EPITHELIAL, 2921, 1655));
        assertTrue(meanRatio(TissueType.GLYCOGEN_RICH, 1025, 1655) > 3 * meanRatio(TissueType.EPITHELIAL, 1025, 1655));
        // collagen's sharp 1338 wag above its neighbours (proteins' broad 1340 continuum lies under it in every type)
        double stroma = meanLocalRatio(TissueType.STROMA, 1338, 22, 1655);
        double epithelial = meanLocalRatio(TissueType.EPITHELIAL, 1338, 22, 1655);
        assertTrue(stroma > 2 * epithelial, "collagen 1338 / amide I: stroma " + stroma + ", epithelial " + epithelial);
    }

    private double meanRatio(TissueType type, double band, double reference) {
        Well19937c rng = new Well19937c(3);
        int i = (int) Math.round((band - 1000) / 2);
        int j = (int) Math.round((reference - 1000) / 2);
        double sum = 0;
        for (int s = 0; s < 100; s++) {
            double[] a = generator.generate(type, rng).absorbance();
            sum += a[i] / a[j];
        }
        return sum / 100;
    }

    /** Mean height of a band above the mean of the points {@code side} cm-1 either side of it, per the reference band. */
    private double meanLocalRatio(TissueType type, double band, double side, double reference) {
        Well19937c rng = new Well19937c(3);
        int i = (int) Math.round((band - 1000) / 2);
        int d = (int) Math.round(side / 2);
        int j = (int) Math.round((reference - 1000) / 2);
        double sum = 0;
        for (int s = 0; s < 100; s++) {
            double[] a = generator.generate(type, rng).absorbance();
            sum += (a[i] - (a[i - d] + a[i + d]) / 2) / a[j];
        }
        return sum / 100;
    }

    @Test
    void sameSeedSameSpectrum() {
        double[] a = generator.generate(TissueType.STROMA, new Well19937c(99)).absorbance();
        double[] b = generator.generate(TissueType.STROMA, new Well19937c(99)).absorbance();
        assertArrayEquals(a, b, 0.0);
    }

    @Test
    void augmentationTypeIsBroadAndNotATissue() {
        assertTrue(TissueType.BROAD.isAugmentation());
        assertEquals(java.util.List.of(TissueType.EPITHELIAL, TissueType.STROMA, TissueType.LIPID_RICH, TissueType.GLYCOGEN_RICH,
                TissueType.NUCLEIC_RICH, TissueType.MUCINOUS, TissueType.AMYLOID), TissueType.tissues());
        Well19937c rng = new Well19937c(17);
        int n = 1000;
        double lowHelix = 0;
        double highHelix = 0;
        double proteinSum = 0;
        double proteinSq = 0;
        double proteinRich = 0;
        for (int s = 0; s < n; s++) {
            java.util.Map<Component, Double> f = generator.generate(TissueType.BROAD, rng).fractions();
            assertEquals(1, f.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
            double protein = f.get(Component.PROTEIN_HELIX) + f.get(Component.PROTEIN_SHEET);
            double helix = f.get(Component.PROTEIN_HELIX) / protein;
            if (helix < 0.1) lowHelix++;
            if (helix > 0.9) highHelix++;
            if (protein > 0.6) proteinRich++;
            proteinSum += protein;
            proteinSq += protein * protein;
        }
        // Helix share uniform on [0, 1]; protein share Beta(0.875, 1.625) (concentration 2.5): mean 0.35, s.d. 0.255.
        assertEquals(0.1, lowHelix / n, 0.03);
        assertEquals(0.1, highHelix / n, 0.03);
        double mean = proteinSum / n;
        assertEquals(0.35, mean, 0.03);
        assertEquals(0.255, Math.sqrt(proteinSq / n - mean * mean), 0.03);
        assertTrue(proteinRich / n > 0.05, "some spectra are as protein-rich as amyloid or more");
    }

    /**
     * Cell-like protein bands: the epithelial type's amide I is as wide as in measured cells and its valley towards
     * amide II as filled (ME-EMSC output of the 60 SKMES cells, quartiles: half width on the high side 29-42 cm-1,
     * valley 0.26-0.36 of amide I, C-H maximum 0.48-0.68); the narrow single-line bands of a plain library give
     * ~17 cm-1 and ~0.11.
     */
    @Test
    void epithelialSpectraHaveTheBandShapesOfMeasuredCells() {
        Well19937c rng = new Well19937c(3);
        int n = 300;
        double[] width = new double[n];
        double[] valley = new double[n];
        double[] ch = new double[n];
        for (int i = 0; i < n; i++) {
            double[] s = new double[Calibration.Statistic.values().length];
            Calibration.chemistry(generator.generate(TissueType.EPITHELIAL, rng).absorbance(), AXIS.values(), s);
            width[i] = s[Calibration.Statistic.AMIDE_I_WIDTH.ordinal()];
            valley[i] = s[Calibration.Statistic.VALLEY.ordinal()];
            ch[i] = s[Calibration.Statistic.CH_MAX.ordinal()];
        }
        double w = Calibration.quantile(width, 0.5);
        double v = Calibration.quantile(valley, 0.5);
        assertTrue(w >= 26 && w <= 42, "median amide I half width " + w);
        assertTrue(v >= 0.2 && v <= 0.4, "median valley " + v);
        // the measured lower quartile and median of the C-H maximum (0.48, 0.55) lie inside the simulated 10-90 % range
        assertTrue(Calibration.quantile(ch, 0.1) <= 0.48 && Calibration.quantile(ch, 0.9) >= 0.55,
                "C-H maximum 10-90 %: " + Calibration.quantile(ch, 0.1) + "-" + Calibration.quantile(ch, 0.9));
    }

    @Test
    void unassignedBandsAndBroadeningChangeTheSpectrum() {
        PureSpectrumGenerator.Jitter plain = new PureSpectrumGenerator.Jitter(1.5, 1.5, 0.25, 0.25, 0.85, 0.7, 0, 0);
        PureSpectrumGenerator a = new PureSpectrumGenerator(AXIS, plain);
        double[] s = new double[Calibration.Statistic.values().length];
        double[] widths = new double[200];
        Well19937c rng = new Well19937c(9);
        for (int i = 0; i < widths.length; i++) {
            Calibration.chemistry(a.generate(TissueType.EPITHELIAL, rng).absorbance(), AXIS.values(), s);
            widths[i] = s[Calibration.Statistic.AMIDE_I_WIDTH.ordinal()];
        }
        Well19937c rng2 = new Well19937c(9);
        double[] broad = new double[200];
        for (int i = 0; i < broad.length; i++) {
            Calibration.chemistry(generator.generate(TissueType.EPITHELIAL, rng2).absorbance(), AXIS.values(), s);
            broad[i] = s[Calibration.Statistic.AMIDE_I_WIDTH.ordinal()];
        }
        assertTrue(Calibration.quantile(broad, 0.5) > Calibration.quantile(widths, 0.5) * 1.1,
                "broadening widens amide I: " + Calibration.quantile(broad, 0.5) + " vs " + Calibration.quantile(widths, 0.5));
    }

    /**
     * The warp is drawn after everything else, so the same generator state with and without it gives one spectrum
     * times exp(w) (up to the unit-maximum scaling): log(warped / plain) must be a constant plus six cosine and six sine
     * terms over the axis, with the coefficients' mean square 2·max²/3 / 12 each (pointwise s.d. U(0, max)).
     */
    @Test
    void regionWarpIsASmoothFactorOfTheDrawnSpread() {
        double max = 0.8;
        PureSpectrumGenerator warped = new PureSpectrumGenerator(AXIS, PureSpectrumGenerator.Jitter.defaults().withRegionWarp(max));
        double[] x = AXIS.values();
        double span = x[x.length - 1] - x[0];
        double[][] basis = new double[x.length][13];
        for (int i = 0; i < x.length; i++) {
            double u = Math.PI * (x[i] - x[0]) / span;
            basis[i][0] = 1;
            for (int k = 1; k <= 6; k++) {
                basis[i][2 * k - 1] = Math.cos(k * u);
                basis[i][2 * k] = Math.sin(k * u);
            }
        }
        org.apache.commons.math3.linear.DecompositionSolver solver =
                new org.apache.commons.math3.linear.QRDecomposition(new org.apache.commons.math3.linear.Array2DRowRealMatrix(basis)).getSolver();
        int n = 400;
        double sumSquares = 0;
        for (int s = 0; s < n; s++) {
            double[] w = warped.generate(TissueType.EPITHELIAL, new Well19937c(100 + s)).absorbance();
            double[] p = generator.generate(TissueType.EPITHELIAL, new Well19937c(100 + s)).absorbance();
            double[] logRatio = new double[x.length];
            for (int i = 0; i < x.length; i++) logRatio[i] = Math.log(w[i] / p[i]);
            double[] c = solver.solve(new org.apache.commons.math3.linear.ArrayRealVector(logRatio)).toArray();
            for (int i = 0; i < x.length; i++) {
                double fit = 0;
                for (int j = 0; j < 13; j++) fit += basis[i][j] * c[j];
                assertEquals(logRatio[i], fit, 1e-8, "spectrum " + s + " at " + x[i] + ": not a smooth factor");
            }
            for (int j = 1; j < 13; j++) sumSquares += c[j] * c[j];
        }
        // per spectrum the sum of the 12 squares has mean 2·max²/3 and relative s.d. about 1.05: over 400 spectra the
        // mean is within 15 % (about 3 standard errors)
        double mean = sumSquares / n;
        assertEquals(2 * max * max / 3, mean, 0.15 * 2 * max * max / 3, "mean sum of squared coefficients");
    }
}
