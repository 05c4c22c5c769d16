package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.WavenumberAxis;
import io.descatter.synth.Simulator;
import org.junit.jupiter.api.Test;

/** Header wavenumbers: the fewest decimals (at most 6) within 1e-4 of a spacing, the axis computed with untouched. */
class WrittenAxisTest {
    @Test
    void theSimulatorsComputedAxisIsWrittenWithFourDecimals() {
        WavenumberAxis axis = Simulator.defaultAxis(); // linspace(1000.89, 3999.71, 1556): spacing 1.9285016…
        double[] written = WrittenAxis.values(axis);
        assertEquals(1002.818501607717, axis.get(1), 1e-12); // the value the network works on stays exact
        assertEquals(1000.89, written[0]);
        assertEquals(1002.8185, written[1]);
        assertEquals(1062.6021, written[32]); // 1062.60205… rounds up at the 4th decimal
        assertEquals(3999.71, written[1555]);
        for (int i = 0; i < written.length; i++) {
            assertTrue(Math.abs(written[i] - axis.get(i)) <= 1e-4 * axis.minSpacing(), "point " + i);
            assertEquals(written[i], Math.rint(written[i] * 1e4) / 1e4, "point " + i + " has more than 4 decimals");
        }
        // read back, it is the model's grid to the precision written: no resampling
        assertTrue(WavenumberAxis.of(written).sameGridAsWritten(axis));
    }

    @Test
    void anAxisAFileWroteIsWrittenAsItWas() {
        // up to 10 decimals an axis is taken as read from a file, kept bit-exact however many decimals it has
        WavenumberAxis read = WavenumberAxis.of(1000.818501, 1002.12345678, 1003.781300001);
        assertArrayEquals(read.values(), WrittenAxis.values(read));

        WavenumberAxis twoCm = WavenumberAxis.regular(1000, 1010, 2);
        assertArrayEquals(twoCm.values(), WrittenAxis.values(twoCm));
        WavenumberAxis agilent = WavenumberAxis.of(948.8, 950.7285, 952.657, 954.5855);
        assertArrayEquals(agilent.values(), WrittenAxis.values(agilent));
    }

    @Test
    void aGridTooFineForSixDecimalsKeepsItsExactValues() {
        // spacing 0.001 cm-1: 1e-4 of it is 1e-7, finer than six decimals resolve (3.3e-7 off the 6th decimal)
        double[] v = new double[5];
        for (int i = 0; i < v.length; i++) v[i] = 1000 + i * 0.001 + 3.3e-7 + Math.PI * 1e-12; // computed: more than 10 decimals
        assertTrue(WavenumberAxis.of(v).isComputed());
        assertArrayEquals(v, WrittenAxis.values(WavenumberAxis.of(v)));
    }
}
