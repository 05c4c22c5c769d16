package io.descatter.physics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The discrete Hilbert transform of exactly {@code n} samples: the imaginary part of the FFT analytic signal
 * (as {@code scipy.signal.hilbert(x).imag} computes it), without padding to a power of two, because padding
 * changes the numbers that the reference implementations produce.
 *
 * <p>Speed: JTransforms has fast radices 2, 3, 4 and 5 only; any other prime factor goes through its generic
 * O(n·p) radix ({@code radfg}/{@code radbg}), which dominated the profiles for ME-EMSC's usual length
 * K + 400 = 1956 = 4·3·163. For such lengths the same exact-length operator is applied as what it is, a
 * circular convolution with the operator's impulse response h (h depends only on n and is computed once
 * through the exact-length FFT): zero-padded to a power of two m ≥ 2n − 1 with h wrapped around, the
 * circular convolution of length m equals the one of length n on the first n samples, so two real FFTs of
 * length m replace two of length n. It agrees with the direct route to rounding (≈1e-15 relative; tested).
 *
 * <p>Instances are immutable and thread-safe: the JTransforms plans only read their tables while transforming,
 * and the padded buffer is per thread. Plans are cached per length, so each length is planned once per JVM.
 */
public final class HilbertTransform {
    private static final Map<Integer, HilbertTransform> PLANS = new ConcurrentHashMap<>();

    /** Lengths whose prime factors are all at most this go through JTransforms directly. */
    private static final int FAST_RADIX = 5;

    private final int n;
    private final DoubleFFT_1D fft;
    /** The convolution route (null when n has only small prime factors): its length, plan and kernel spectrum. */
    private final int m;
    private final DoubleFFT_1D padded;
    private final double[] kernelSpectrum;
    private final ThreadLocal<double[]> buffer;

    private HilbertTransform(int n) {
        this.n = n;
        this.fft = new DoubleFFT_1D(n);
        if (largestPrimeFactor(n) <= FAST_RADIX) {
            m = n;
            padded = null;
            kernelSpectrum = null;
            buffer = null;
            return;
        }
        m = Integer.highestOneBit(2 * n - 1) << 1; // 2n − 1 is odd, never a power of two
        double[] h = new double[n];
        h[0] = 1;
        direct(h); // the impulse response: out[j] = Σ_i x[i]·h[(j − i) mod n]
        // h at offsets d = −(n−1)..(n−1), stored at d mod m: no overlap, as m ≥ 2n − 1
        double[] wrapped = new double[m];
        for (int d = 0; d < n; d++) wrapped[d] = h[d];
        for (int d = 1; d < n; d++) wrapped[m - d] = h[n - d];
        padded = new DoubleFFT_1D(m);
        padded.realForward(wrapped);
        kernelSpectrum = wrapped;
        buffer = ThreadLocal.withInitial(() -> new double[m]);
    }

    static int largestPrimeFactor(int n) {
        int largest = 1;
        for (int p = 2; (long) p * p <= n; p++) {
            while (n % p == 0) {
                largest = p;
                n /= p;
            }
        }
        return Math.max(largest, n);
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
        if (padded != null) {
            convolve(x, out);
            return;
        }
        if (out != x) System.arraycopy(x, 0, out, 0, n);
        direct(out);
    }

    /** The same transform always through the exact-length FFT (the reference for the convolution route's test). */
    void transformExactLength(double[] x, double[] out) {
        System.arraycopy(x, 0, out, 0, n);
        direct(out);
    }

    /** The circular convolution with h through zero-padded real FFTs of length m (see the class comment). */
    private void convolve(double[] x, double[] out) {
        double[] a = buffer.get();
        System.arraycopy(x, 0, a, 0, n);
        java.util.Arrays.fill(a, n, m, 0);
        padded.realForward(a);
        double[] k = kernelSpectrum;
        // packed layout for even m: a[0] = Re X0, a[1] = Re X(m/2), then (Re, Im) pairs
        a[0] *= k[0];
        a[1] *= k[1];
        for (int i = 2; i < m; i += 2) {
            double re = a[i] * k[i] - a[i + 1] * k[i + 1];
            double im = a[i] * k[i + 1] + a[i + 1] * k[i];
            a[i] = re;
            a[i + 1] = im;
        }
        padded.realInverse(a, true);
        System.arraycopy(a, 0, out, 0, n);
    }

    /** The transform in place through the exact-length FFT. */
    private void direct(double[] out) {
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
