package io.descatter.physics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The discrete Hilbert transform of exactly {@code n} samples: the imaginary part of the FFT analytic signal
 * (as {@code scipy.signal.hilbert(x).imag} computes it), without padding to a power of two, because padding
 * changes the numbers that the reference implementations produce.
 *
 * <p>Instances are immutable and thread-safe: the JTransforms plan only reads its tables while transforming.
 * Plans are cached per length, so each length is planned once per JVM.
 */
public final class HilbertTransform {
    private static final Map<Integer, HilbertTransform> PLANS = new ConcurrentHashMap<>();

    private final int n;
    private final DoubleFFT_1D fft;

    private HilbertTransform(int n) {
        this.n = n;
        this.fft = new DoubleFFT_1D(n);
    }

    /** The transform for length {@code n}, planned on first use. */
    public static HilbertTransform ofLength(int n) {
        if (n < 2) throw new IllegalArgumentException("Hilbert transform needs at least 2 samples, got " + n);
        return PLANS.computeIfAbsent(n, HilbertTransform::new);
    }

    public int length() {
        return n;
    }

    /**
     * Writes the Hilbert transform of {@code x} into {@code out} ({@code out} may be {@code x}).
     *
     * <p>The analytic signal keeps bin 0 (and bin n/2 for even n) once, doubles the positive
     * frequencies and drops the negative ones; its imaginary part is the inverse FFT of
     * {@code -i·sign(k)·X[k]} with bins 0 and n/2 zeroed, which is what is computed here on the
     * packed real-FFT layout of JTransforms.
     */
    public void transform(double[] x, double[] out) {
        if (x.length != n || out.length != n) {
            throw new IllegalArgumentException("expected arrays of length " + n);
        }
        if (out != x) System.arraycopy(x, 0, out, 0, n);
        fft.realForward(out);
        out[0] = 0; // DC
        int pairs;
        if (n % 2 == 0) {
            out[1] = 0; // Nyquist bin
            pairs = n / 2;
        } else {
            // odd n: out[n-1] = Re[(n-1)/2], out[1] = Im[(n-1)/2]
            double re = out[n - 1];
            double im = out[1];
            out[n - 1] = im;
            out[1] = -re;
            pairs = (n - 1) / 2;
        }
        for (int k = 1; k < pairs; k++) {
            // multiply by -i: (re, im) -> (im, -re)
            double re = out[2 * k];
            double im = out[2 * k + 1];
            out[2 * k] = im;
            out[2 * k + 1] = -re;
        }
        fft.realInverse(out, true);
    }
}
