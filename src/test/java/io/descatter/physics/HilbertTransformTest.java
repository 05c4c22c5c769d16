package io.descatter.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HilbertTransformTest {
    private static final double GAMMA = 10; // half width, in samples

    /**
     * The FFT Hilbert transform of a sampled Lorentzian absorption band against the closed form of the
     * periodic problem the DFT actually solves: the periodic sum of Lorentzians over the window W has the
     * conjugate function (π/W)·sin θ/(cosh a − cos θ), θ = 2πx/W, a = 2πγ/W. The only discrepancy left is
     * aliasing, whose size is the Fourier coefficient at Nyquist, e^(−πγ/h) ≈ 2e-14 for γ = 10 samples: hence
     * 1e-11. Odd, even and convolution-route (prime factors 163 and 103) lengths.
     */
    @ParameterizedTest
    @ValueSource(ints = {1956, 1957, 1024})
    void lorentzianAgainstPeriodicClosedForm(int n) {
        // the periodic sum of Lorentzians, (π/W)·sinh a/(cosh a − cos θ), sampled at x = i − n/2
        double[] band = new double[n];
        double[] expected = new double[n];
        double w = n;
        double a = 2 * Math.PI * GAMMA / w;
        for (int i = 0; i < n; i++) {
            double theta = 2 * Math.PI * (i - n / 2) / w;
            band[i] = Math.PI / w * Math.sinh(a) / (Math.cosh(a) - Math.cos(theta));
            expected[i] = Math.PI / w * Math.sin(theta) / (Math.cosh(a) - Math.cos(theta));
        }
        double[] h = new double[n];
        HilbertTransform.ofLength(n).transform(band, h);
        for (int i = 0; i < n; i++) assertEquals(expected[i], h[i], 1e-11, "sample " + i);
    }

    /**
     * Against the analytic dispersion curve of one Lorentzian, (x − x0)/((x − x0)² + γ²), in the interior only.
     * A finite window loses the far tails and the DFT makes the band periodic; in the central half the images at
     * distance ≥ W/2 contribute at most about π²/(12W) ≈ 4e-4 for W = 1956, against a peak of 1/(2γ) = 0.05.
     * Hence 1e-3 (2 % of the peak) in the interior; near the window edges the error is larger by design.
     */
    @Test
    void lorentzianAgainstAnalyticDispersionInTheInterior() {
        int n = 1956;
        double[] band = new double[n];
        for (int i = 0; i < n; i++) {
            double x = i - n / 2;
            band[i] = GAMMA / (x * x + GAMMA * GAMMA);
        }
        double[] h = new double[n];
        HilbertTransform.ofLength(n).transform(band, h);
        for (int i = n / 4; i < 3 * n / 4; i++) {
            double x = i - n / 2;
            assertEquals(x / (x * x + GAMMA * GAMMA), h[i], 1e-3, "sample " + i);
        }
    }

    @Test
    void cosineGoesToSineAndInPlaceWorks() {
        int n = 1178;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.cos(2 * Math.PI * 7 * i / n);
        HilbertTransform.ofLength(n).transform(x, x);
        // a single exact DFT bin: only rounding of the FFT remains
        for (int i = 0; i < n; i++) assertEquals(Math.sin(2 * Math.PI * 7 * i / n), x[i], 1e-12);
    }

    /**
     * Lengths with a prime factor above 5 go through a zero-padded power-of-two convolution; it must be the same
     * operator as the exact-length FFT. Both round at ≈ε·log n relative to the data's size, so 1e-12 of the
     * largest input value is a bound with room, yet far below anything a wrong wrap or padding would give.
     * Primes, a large prime factor, odd and even lengths, and ME-EMSC's 1956 = 4·3·163.
     */
    @ParameterizedTest
    @ValueSource(ints = {7, 11, 163, 1009, 1956, 1957, 2026, 2 * 2 * 7 * 7 * 13})
    void convolutionRouteEqualsTheExactLengthFft(int n) {
        java.util.Random random = new java.util.Random(n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.exp(-Math.pow((i - 0.3 * n) / (0.05 * n), 2)) + 0.1 * random.nextDouble();
        HilbertTransform h = HilbertTransform.ofLength(n);
        double[] fast = new double[n];
        double[] exact = new double[n];
        h.transform(x, fast);
        h.transformExactLength(x, exact);
        for (int i = 0; i < n; i++) assertEquals(exact[i], fast[i], 1e-12, "n = " + n + ", sample " + i);
    }

    @Test
    void plansAreSharedPerLength() {
        assertSame(HilbertTransform.ofLength(1956), HilbertTransform.ofLength(1956));
    }
}
