package io.descatter.spectra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RepeatedSpectraTest {
    private static double[] spectrum(long seed, int points) {
        Random rnd = new Random(seed);
        double[] v = new double[points];
        for (int i = 0; i < points; i++) v[i] = rnd.nextGaussian();
        return v;
    }

    @Test
    void countsEachRepeatOnceAndNamesThemInFileOrder() {
        RepeatedSpectra r = new RepeatedSpectra();
        int points = 1557; // not a multiple of the four lanes
        double[] a = spectrum(1, points);
        double[] b = spectrum(2, points);
        // a, b, c, a, b, a: three repeats, two of a's
        for (double[] s : List.of(a, b, spectrum(3, points), a.clone(), b.clone(), a.clone())) r.add(s, 0, points);
        RepeatedSpectra.Result result = r.result(10);
        assertEquals(3, result.repeats());
        assertEquals(List.of(new RepeatedSpectra.Pair(0, 3), new RepeatedSpectra.Pair(1, 4), new RepeatedSpectra.Pair(0, 5)), result.examples());
        assertEquals(List.of(new RepeatedSpectra.Pair(0, 3)), r.result(1).examples(), "at most as many examples as asked");
    }

    @Test
    void anyDifferenceInOneValueMakesAnotherSpectrum() {
        int points = 40;
        double[] a = spectrum(7, points);
        for (int i = 0; i < points; i++) {
            RepeatedSpectra r = new RepeatedSpectra();
            double[] b = a.clone();
            b[i] = Math.nextUp(b[i]); // the last bit of one value, the last values included
            r.add(a, 0, points);
            r.add(b, 0, points);
            assertFalse(r.result(5).any(), "differ at point " + i);
        }
        // the same values in another order, or shifted by one point, are other spectra too
        RepeatedSpectra r = new RepeatedSpectra();
        double[] swapped = a.clone();
        swapped[0] = a[1];
        swapped[1] = a[0];
        r.add(a, 0, points);
        r.add(swapped, 0, points);
        double[] longer = new double[points + 1];
        System.arraycopy(a, 0, longer, 1, points);
        r.add(longer, 0, points);
        assertFalse(r.result(5).any());
    }

    @Test
    void spectraWithMissingValuesAreLeftOutAndOffsetsRead() {
        int points = 12;
        double[] block = new double[4 * points];
        double[] a = spectrum(5, points);
        for (int row = 0; row < 4; row++) System.arraycopy(a, 0, block, row * points, points);
        block[2 * points + 3] = Double.NaN;
        block[3 * points + 3] = Double.NaN; // rows 2 and 3 alike, but with a NaN: counted as missing, not as repeats
        RepeatedSpectra r = new RepeatedSpectra();
        for (int row = 0; row < 4; row++) r.add(block, row * points, points);
        assertEquals(List.of(new RepeatedSpectra.Pair(0, 1)), r.result(5).examples());
        assertEquals(1, r.result(5).repeats());
    }

    @Test
    void manyDistinctSpectraHaveNoRepeat() {
        RepeatedSpectra r = new RepeatedSpectra();
        double[] v = new double[8];
        for (int s = 0; s < 100_000; s++) {
            v[s % 8] += 1; // neighbours differ in one value by one step
            r.add(v, 0, v.length);
        }
        assertFalse(r.result(5).any());
    }
}
