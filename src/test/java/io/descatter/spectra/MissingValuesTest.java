package io.descatter.spectra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MissingValuesTest {
    private static final double NaN = Double.NaN;

    @Test
    void fillsGapsLinearlyAlongTheAxisAndHoldsTheEnds() {
        // uneven axis: interpolation follows the wavenumbers, not the indices
        WavenumberAxis axis = WavenumberAxis.of(1000, 1001, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
                1015, 1016, 1017, 1018, 1019, 1020, 1021);
        double[] v = new double[axis.size()];
        for (int k = 0; k < v.length; k++) v[k] = 2 * axis.get(k);
        double[] expected = v.clone();
        v[1] = NaN; // between 1000 and 1004: 2002 on the line
        v[axis.size() - 1] = NaN; // the end: holds 2040
        expected[axis.size() - 1] = expected[axis.size() - 2];
        assertEquals(2, new MissingValues(axis, 0.1).fill(v, 0));
        assertArrayEquals(expected, v, 1e-9);
    }

    @Test
    void moreThanTheShareIsLeftAlone() {
        WavenumberAxis axis = WavenumberAxis.regular(1000, 1018, 2); // 10 points: 10 % is one point
        double[] v = {1, NaN, 3, NaN, 5, 6, 7, 8, 9, 10};
        assertEquals(MissingValues.TOO_MANY, new MissingValues(axis, 0.1).fill(v, 0));
        assertEquals(NaN, v[1]);
        assertEquals(2, new MissingValues(axis, 0.2).fill(v, 0));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, v, 1e-12);
        assertEquals(0, new MissingValues(axis, 0.2).fill(v, 0));
    }
}
