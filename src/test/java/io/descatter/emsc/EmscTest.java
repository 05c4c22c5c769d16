package io.descatter.emsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmscTest {
    private static final int K = 300;

    private static double[] axis() {
        double[] wn = new double[K];
        for (int i = 0; i < K; i++) wn[i] = 4000 - 10 * i; // descending, as instruments often write
        return wn;
    }

    private static double[] bands(double[] wn, double centre, double width) {
        double[] r = new double[wn.length];
        for (int i = 0; i < wn.length; i++) r[i] = Math.exp(-Math.pow((wn[i] - centre) / width, 2));
        return r;
    }

    /**
     * A spectrum built exactly from the model is recovered exactly: only rounding (values of order 1, a QR
     * solve of a 300 × 5 system) separates them, hence 1e-10.
     */
    @Test
    void recoversAnExactModel() {
        double[] wn = axis();
        double[] ref = bands(wn, 1650, 60);
        double[] interferent = bands(wn, 2350, 30);
        double[] x = Emsc.normalisedAxis(wn);
        double[] z = new double[K];
        for (int i = 0; i < K; i++) z[i] = 2 * ref[i] + 0.7 * interferent[i] + 0.3 + 0.1 * x[i] + 0.05 * x[i] * x[i];
        EmscResult r = new Emsc(wn, ref, 2, new double[][] {interferent}, null).correct(z);
        assertArrayEquals(new double[] {2, 0.7, 0.3, 0.1, 0.05}, r.coefficients(), 1e-10);
        assertArrayEquals(ref, r.corrected(), 1e-10);
        assertEquals(0, r.rmse(), 1e-10);
    }

    @Test
    void weightsDecideWhatIsFitted() {
        double[] wn = axis();
        double[] ref = bands(wn, 1650, 60);
        double[] z = new double[K];
        double[] w = new double[K];
        for (int i = 0; i < K; i++) {
            boolean spoiled = wn[i] > 3500;
            z[i] = 3 * ref[i] + 0.2 + (spoiled ? 5 : 0);
            w[i] = spoiled ? 0 : 1;
        }
        EmscResult r = new Emsc(wn, ref, 0, new double[0][], w).correct(z);
        assertEquals(3, r.coefficients()[0], 1e-10);
        assertEquals(0.2, r.coefficients()[1], 1e-10);
    }

    @Test
    void dependentModelIsSingular() {
        double[] wn = axis();
        double[] ref = bands(wn, 1650, 60);
        double[] twice = ref.clone();
        for (int i = 0; i < K; i++) twice[i] *= 2;
        assertThrows(SingularFitException.class, () -> new Emsc(wn, ref, 1, new double[][] {twice}, null));
    }

    @Test
    void badSpectraAreFlagged() {
        double[] wn = axis();
        Emsc emsc = new Emsc(wn, bands(wn, 1650, 60), 2, new double[0][], null);
        EmscResult zero = emsc.correct(new double[K]);
        assertTrue(zero.failed());
        assertTrue(Double.isNaN(zero.corrected()[0]));
        double[] nan = bands(wn, 1650, 60);
        nan[9] = Double.NaN;
        assertTrue(emsc.correct(nan).failure().contains("NaN"));
    }
}
