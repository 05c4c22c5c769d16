package io.descatter.spectra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static double[] sample(WavenumberAxis axis, java.util.function.DoubleUnaryOperator f) {
        double[] v = new double[axis.size()];
        for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(axis.get(i));
        return v;
    }

    @Test
    void linearIsExactForStraightLinesOnIrregularAndReversedAxes() {
        double[] x = new double[50];
        for (int i = 0; i < x.length; i++) x[i] = 4000 - i * 7.3 - Math.sin(i) * 2; // descending, irregular
        WavenumberAxis from = WavenumberAxis.of(x);
        WavenumberAxis to = WavenumberAxis.regular(3700, 3990, 0.5);
        double[] out = Resampler.linear(from, to).apply(sample(from, w -> 3 - 0.002 * w));
        for (int j = 0; j < out.length; j++) assertEquals(3 - 0.002 * to.get(j), out[j], 1e-12); // rounding only
    }

    @Test
    void cubicSplineReproducesLinesAndApproximatesSmoothBands() {
        WavenumberAxis from = WavenumberAxis.regular(1000, 2000, 4);
        WavenumberAxis to = WavenumberAxis.regular(1001, 1999, 1);
        Resampler cubic = Resampler.create(from, to, Resampler.Method.CUBIC);
        double[] line = cubic.apply(sample(from, w -> 2 + w * 1e-3));
        for (int j = 0; j < line.length; j++) assertEquals(2 + to.get(j) * 1e-3, line[j], 1e-12);
        // A Gaussian band 30 cm-1 wide sampled every 4 cm-1: a natural spline's error is O(h^4 f''''), about 1e-4 here,
        // while linear interpolation's is O(h^2 f'') ≈ 2e-3: the spline must be the better of the two.
        java.util.function.DoubleUnaryOperator band = w -> Math.exp(-Math.pow((w - 1500) / 30, 2));
        double[] c = cubic.apply(sample(from, band));
        double[] l = Resampler.linear(from, to).apply(sample(from, band));
        double errC = 0;
        double errL = 0;
        for (int j = 0; j < c.length; j++) {
            errC = Math.max(errC, Math.abs(c[j] - band.applyAsDouble(to.get(j))));
            errL = Math.max(errL, Math.abs(l[j] - band.applyAsDouble(to.get(j))));
        }
        assertTrue(errC < 3e-4, "cubic error " + errC);
        assertTrue(errC < errL / 5, "cubic " + errC + " vs linear " + errL);
    }

    @Test
    void sharedPointsAreCopiedExactly() {
        WavenumberAxis from = WavenumberAxis.regular(1000, 1100, 0.1);
        WavenumberAxis to = WavenumberAxis.regular(1000, 1100, 0.5);
        double[] src = sample(from, w -> Math.sin(w * 0.37) / 3);
        double[] out = Resampler.linear(from, to).apply(src);
        for (int j = 0; j < out.length; j++) {
            int i = (int) Math.round((to.get(j) - 1000) / 0.1);
            if (from.get(i) == to.get(j)) assertEquals(src[i], out[j], 0.0);
        }
    }

    @Test
    void aGridWrittenWithFewerDigitsIsTheSameGrid() {
        WavenumberAxis exact = WavenumberAxis.regular(1000.89, 3999.71, (3999.71 - 1000.89) / 1555);
        double[] rounded = exact.values();
        for (int i = 0; i < rounded.length; i++) rounded[i] = Math.round(rounded[i] * 1e4) / 1e4;
        Resampler r = Resampler.linear(exact, WavenumberAxis.of(rounded));
        assertTrue(r.isIdentity());
        double[] v = sample(exact, w -> Math.sin(w / 37));
        assertArrayEquals(v, r.apply(v), 0.0);
        assertTrue(!Resampler.linear(exact, WavenumberAxis.regular(1001, 3999, 2)).isIdentity());
    }

    @Test
    void refusesToExtrapolate() {
        WavenumberAxis from = WavenumberAxis.regular(1000.89, 3999.71, 1.93);
        AxisMismatchException e = assertThrows(AxisMismatchException.class,
                () -> Resampler.linear(from, WavenumberAxis.regular(1000, 4000, 2)));
        assertTrue(e.getMessage().contains("reaches outside"), e.getMessage());
    }

    @Test
    void axisParsingAndValidation() {
        WavenumberAxis a = WavenumberAxis.parseRange("1000:4000:2");
        assertEquals(1501, a.size());
        assertEquals(4000, a.max(), 0);
        assertTrue(a.isRegular(1e-9));
        assertThrows(IllegalArgumentException.class, () -> WavenumberAxis.parseRange("4000:1000:2"));
        assertThrows(IllegalArgumentException.class, () -> WavenumberAxis.of(1, 2, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> WavenumberAxis.of(1, 3, 2));
        assertEquals(2, WavenumberAxis.firstOrderViolation(new double[] {3, 2, 2}));
        assertEquals(-1, WavenumberAxis.firstOrderViolation(new double[] {3, 2, 1}));
    }
}
