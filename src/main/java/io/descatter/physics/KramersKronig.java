package io.descatter.physics;

/**
 * The refractive index of a pure absorbance spectrum by a Kramers–Kronig (FFT Hilbert) transform, prepared
 * for one wavenumber axis (ME-EMSC.md §2).
 *
 * <p>The spectrum is padded with {@value #PAD} edge values on each side, the wavenumbers extended linearly with
 * the first spacing on the low-index side and the last spacing on the high-index side; the Hilbert transform has
 * exactly {@code K + 400} points. The axis may ascend or descend: the sign is taken so that {@code n_kk} is the
 * same function of wavenumber either way. Immutable and thread-safe.
 */
public final class KramersKronig {
    /** Edge padding on each side, as in the reference implementations. */
    public static final int PAD = 200;

    private final int k;
    private final double[] paddedWavenumbersPerMetre;
    private final double sign;
    private final HilbertTransform hilbert;

    /** @param wavenumbers the axis in cm⁻¹, strictly monotonic, at least 2 points */
    public KramersKronig(double[] wavenumbers) {
        k = wavenumbers.length;
        if (k < 2) throw new IllegalArgumentException("the axis needs at least 2 points");
        paddedWavenumbersPerMetre = new double[k + 2 * PAD];
        double first = wavenumbers[1] - wavenumbers[0];
        double last = wavenumbers[k - 1] - wavenumbers[k - 2];
        for (int i = 0; i < PAD; i++) {
            paddedWavenumbersPerMetre[i] = 100 * (wavenumbers[0] - (PAD - i) * first);
            paddedWavenumbersPerMetre[PAD + k + i] = 100 * (wavenumbers[k - 1] + (i + 1) * last);
        }
        for (int i = 0; i < k; i++) paddedWavenumbersPerMetre[PAD + i] = 100 * wavenumbers[i];
        for (double v : paddedWavenumbersPerMetre) {
            if (!(v > 0)) {
                throw new io.descatter.spectra.AxisMismatchException(String.format(java.util.Locale.ROOT,
                        "the axis is too coarse for Kramers-Kronig: padding %d points at the edge spacing reaches %.0f cm-1;"
                                + " resample to a finer axis (e.g. 2 cm-1)", PAD, v / 100));
            }
        }
        // the analytic-signal convention gives -n_kk on an ascending axis and +n_kk on a descending one
        sign = first > 0 ? -1 : 1;
        hilbert = HilbertTransform.ofLength(k + 2 * PAD);
    }

    public int size() {
        return k;
    }

    /** A new refractive index for {@code absorbance} (K values on this axis). */
    public RefractiveIndex compute(double[] absorbance) {
        RefractiveIndex out = new RefractiveIndex(new double[k], new double[k]);
        compute(absorbance, out, new double[k + 2 * PAD]);
        return out;
    }

    /**
     * Fills {@code out} for {@code absorbance}, using {@code work} (length {@code K + 400}) as scratch, so that
     * an iteration allocates nothing.
     */
    public void compute(double[] absorbance, RefractiveIndex out, double[] work) {
        if (absorbance.length != k) throw new IllegalArgumentException("expected " + k + " values");
        int n = k + 2 * PAD;
        for (int i = 0; i < n; i++) {
            int src = Math.min(Math.max(i - PAD, 0), k - 1); // edge-value padding
            work[i] = absorbance[src] / paddedWavenumbersPerMetre[i];
        }
        double[] nprs = out.imaginaryScaled();
        System.arraycopy(work, PAD, nprs, 0, k);
        hilbert.transform(work, work);
        double[] nkk = out.kramersKronig();
        for (int i = 0; i < k; i++) nkk[i] = sign * work[PAD + i];
    }
}
