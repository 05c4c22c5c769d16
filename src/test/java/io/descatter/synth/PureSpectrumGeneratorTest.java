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
    void proteinRichTypesHaveTheirAmideIMaximumBetween1630And1660(TissueType type) {
        Well19937c rng = new Well19937c(5);
        for (int s = 0; s < 200; s++) {
            double[] a = generator.generate(type, rng).absorbance();
            int best = -1;
            for (int i = 0; i < a.length; i++) {
                double w = AXIS.get(i);
                if (w >= 1580 && w <= 1720 && (best < 0 || a[i] > a[best])) best = i;
            }
            double peak = AXIS.get(best);
            assertTrue(peak >= 1630 && peak <= 1660, type + " spectrum " + s + ": amide I maximum at " + peak);
        }
    }

    @Test
    void typesDifferWhereTheirChemistrySays() {
        // Mean ratio of marker bands: lipid CH2 2921 vs amide I, glycogen 1025 vs amide I, collagen 1338 vs amide I.
        assertTrue(meanRatio(TissueType.LIPID_RICH, 2921, 1655) > 3 * meanRatio(TissueType.EPITHELIAL, 2921, 1655));
        assertTrue(meanRatio(TissueType.GLYCOGEN_RICH, 1025, 1655) > 3 * meanRatio(TissueType.EPITHELIAL, 1025, 1655));
        assertTrue(meanRatio(TissueType.STROMA, 1338, 1655) > 2 * meanRatio(TissueType.EPITHELIAL, 1338, 1655));
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
        // Helix share uniform on [0, 1]; protein share Beta(1.75, 3.25): mean 0.35, s.d. 0.19.
        assertEquals(0.1, lowHelix / n, 0.03);
        assertEquals(0.1, highHelix / n, 0.03);
        double mean = proteinSum / n;
        assertEquals(0.35, mean, 0.03);
        assertEquals(0.195, Math.sqrt(proteinSq / n - mean * mean), 0.03);
        assertTrue(proteinRich / n > 0.05, "some spectra are as protein-rich as amyloid or more");
    }
}
