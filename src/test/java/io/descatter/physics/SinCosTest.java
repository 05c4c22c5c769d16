package io.descatter.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SinCosTest {
    /**
     * Against Math.sin/Math.cos over small, ME-EMSC-sized and large arguments (past the reduction limit too).
     * The kernels are fdlibm's, so the difference is about 1 ulp of a value ≤ 1; 4e-16 absolute allows 2 ulps
     * near 1, while a wrong quadrant or a lost reduction digit would be off by far more.
     */
    @Test
    void agreesWithMathToAboutAnUlp() {
        Random random = new Random(7);
        SinCos sc = new SinCos();
        for (double scale : new double[] {1e-3, 1, 4, 100, 1e4, 1e6, 1e8}) {
            for (int i = 0; i < 20_000; i++) {
                double y = (2 * random.nextDouble() - 1) * scale;
                sc.of(y);
                assertEquals(Math.sin(y), sc.sin, 4e-16, "sin " + y);
                assertEquals(Math.cos(y), sc.cos, 4e-16, "cos " + y);
            }
        }
        for (double y : new double[] {0, -0.0, Math.PI / 4, Math.PI / 2, Math.PI, -Math.PI / 2, 3 * Math.PI / 2}) {
            sc.of(y);
            assertEquals(Math.sin(y), sc.sin, 4e-16, "sin " + y);
            assertEquals(Math.cos(y), sc.cos, 4e-16, "cos " + y);
        }
    }

    /**
     * The array form gives the same values as {@link SinCos#of} (same reduction and kernels; only the sign of a
     * zero may differ), for ME-EMSC-sized angles, negative scales and arrays whose largest angle takes the
     * Math.sin/Math.cos path; moduli multiply through, and a NaN angle gives NaN.
     */
    @Test
    void arrayFormEqualsOneAtATime() {
        Random random = new Random(11);
        int n = 1556;
        // 0.7799: every angle in the small-angle path, up to its edge; 0.85: just beyond it, where quadrant 1 begins
        for (double spread : new double[] {1, 40, 3e6, 0.7799, 0.85}) {
            for (double scale : new double[] {1, -2.5, 1e-3}) {
                double[] angle = new double[n];
                double[] re = new double[n];
                double[] im = new double[n];
                for (int k = 0; k < n; k++) {
                    angle[k] = (2 * random.nextDouble() - 1) * spread;
                    re[k] = random.nextDouble() * 3;
                }
                double[] modulus = re.clone();
                new SinCos(n).polar(scale, angle, re, im);
                SinCos one = new SinCos();
                for (int k = 0; k < n; k++) {
                    one.of(scale * angle[k]);
                    assertEquals(modulus[k] * one.cos, re[k], 0, "cos at " + angle[k] * scale);
                    assertEquals(modulus[k] * one.sin, im[k], 0, "sin at " + angle[k] * scale);
                }
            }
        }
        double[] angle = {0.5, Double.NaN, 2};
        double[] re = {1, 1, 1};
        double[] im = new double[3];
        new SinCos(3).polar(1, angle, re, im);
        assertEquals(Math.cos(0.5), re[0], 4e-16);
        assertTrue(Double.isNaN(re[1]) && Double.isNaN(im[1]));
        assertEquals(Math.sin(2), im[2], 4e-16);
    }
}
