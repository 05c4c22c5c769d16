package io.descatter.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
