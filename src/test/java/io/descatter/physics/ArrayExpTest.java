package io.descatter.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorised array exponential against Math.exp (within 1 ulp of the true value). */
class ArrayExpTest {
    private static double worstRelativeError(double c, double[] x) {
        double[] out = new double[x.length];
        ArrayExp.of(c, x, ArrayExp.largestMagnitude(x, x.length), out, x.length);
        double worst = 0;
        for (int k = 0; k < x.length; k++) {
            double exact = Math.exp(c * x[k]);
            worst = Math.max(worst, Math.abs(out[k] - exact) / exact);
        }
        return worst;
    }

    private static double[] uniform(long seed, int n, double bound) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int k = 0; k < n; k++) x[k] = random.nextDouble(-bound, bound);
        return x;
    }

    @Test
    void withinItsErrorBoundOverTheWholeSquaringRange() {
        // 2^s squarings, each doubling a relative error of a few ulp (1.1e-16): below 1e-14 at s = 5
        for (int s = 0; s <= ArrayExp.MAX_SQUARINGS; s++) {
            double bound = 0.35 * (1 << s);
            double error = worstRelativeError(1, uniform(s, 20_000, bound));
            double allowed = (1 << s) * 4 * 0x1p-53 + 0x1p-52;
            assertTrue(error <= allowed, "s = " + s + ": " + error + " > " + allowed);
        }
        // ME-EMSC's exponents (|c·x| up to about 3.5; decays are negative, the second difference may flip the sign)
        assertTrue(worstRelativeError(-2.5e-6, uniform(7, 20_000, 1.4e6)) < 5e-15);
    }

    @Test
    void largeExponentsAndNaNGoToMathExp() {
        double[] x = {0, -1, 50, -700, 1e-300, -12};
        double[] out = new double[x.length];
        ArrayExp.of(1, x, ArrayExp.largestMagnitude(x, x.length), out, x.length);
        for (int k = 0; k < x.length; k++) assertEquals(Math.exp(x[k]), out[k], 0, "x = " + x[k]);
        double[] withNaN = {0.1, Double.NaN, -0.2};
        ArrayExp.of(1, withNaN, ArrayExp.largestMagnitude(withNaN, 3), out, 3);
        assertEquals(Math.exp(0.1), out[0], 0);
        assertTrue(Double.isNaN(out[1]));
    }

    @Test
    void zeroGivesExactlyOne() {
        double[] x = {0, -0.0, 0};
        double[] out = new double[3];
        ArrayExp.of(3, x, 0.2, out, 3);
        for (double v : out) assertEquals(1.0, v, 0);
    }
}
