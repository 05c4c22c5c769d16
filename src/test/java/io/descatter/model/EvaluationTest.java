package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluationTest {
    static final double[] WN = new double[1501];

    static {
        for (int i = 0; i < WN.length; i++) WN[i] = 1000 + 2 * i;
    }

    static double[] band(double center, double width, double height) {
        double[] s = new double[WN.length];
        for (int i = 0; i < s.length; i++) s[i] = height / (1 + Math.pow((WN[i] - center) / width, 2));
        return s;
    }

    @Test
    void amideIPeakIsFoundBetweenGridPoints() {
        // A Lorentzian at 1651.3 on a 2 cm-1 grid: the parabola through the top three points finds it to ~0.1 cm-1.
        assertEquals(1651.3, Evaluation.amideIPeak(WN, band(1651.3, 15, 1)), 0.1);
        assertEquals(1630, Evaluation.amideIPeak(WN, band(1630, 10, 1)), 0.05);
    }

    @Test
    void scoresAreScaleInvariantAndBiasPointsTowardsTheReference() {
        double[] truth = band(1655, 15, 1);
        double[] reference = band(1640, 15, 1);
        Evaluation.Score exact = Evaluation.score(WN, scale(truth, 0.37), truth, reference);
        assertEquals(0, exact.rmse(), 1e-12);
        assertEquals(1, exact.pearson(), 1e-12);
        assertEquals(0, exact.referenceBias(), 1e-12);
        // Halfway between truth and reference: the output moved half of the way towards the reference.
        double[] half = new double[truth.length];
        for (int i = 0; i < half.length; i++) half[i] = 0.5 * (truth[i] + reference[i]);
        Evaluation.Score pulled = Evaluation.score(WN, half, truth, reference);
        assertTrue(pulled.referenceBias() > 0.4 && pulled.referenceBias() < 0.6, "bias " + pulled.referenceBias());
        assertTrue(pulled.amideShift() < -3, "peak pulled to lower wavenumber: " + pulled.amideShift());
    }

    @Test
    void failedCorrectionsAreCountedAndLeftOutOfTheMeans() {
        double[] wn = new double[50];
        double[] truth = new double[50];
        double[] good = new double[50];
        double[] failed = new double[50];
        for (int i = 0; i < 50; i++) {
            wn[i] = 1600 + 2 * i;
            truth[i] = Math.exp(-Math.pow((wn[i] - 1650) / 10, 2));
            good[i] = truth[i] + 0.01 * Math.sin(i);
            failed[i] = Double.NaN; // an ME-EMSC fit flagged as failed
        }
        Evaluation.Score ok = Evaluation.score(wn, good, truth, null);
        Evaluation.Summary both = Evaluation.summarise(java.util.List.of(ok, Evaluation.score(wn, failed, truth, null)));
        Evaluation.Summary alone = Evaluation.summarise(java.util.List.of(ok));
        assertEquals(2, both.spectra());
        assertEquals(1, both.failed());
        assertEquals(alone.rmse(), both.rmse(), 0.0);
        assertEquals(alone.pearson(), both.pearson(), 0.0);
        // the truth equal to the (scaled) reference: no direction to be biased in, so no bias rather than an infinite one
        assertTrue(Double.isNaN(Evaluation.score(wn, good, truth, truth).referenceBias()));
    }

    @Test
    void pearsonOfKnownVectors() {
        assertEquals(1, Metrics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-15);
        assertEquals(-1, Metrics.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
        assertEquals(0, Metrics.pearson(new double[] {1, 0, -1, 0}, new double[] {0, 1, 0, -1}), 1e-15);
    }

    private static double[] scale(double[] a, double s) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) o[i] = s * a[i];
        return o;
    }
}
