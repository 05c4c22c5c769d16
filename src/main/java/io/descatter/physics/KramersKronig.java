package io.descatter.physics;

import io.descatter.spectra.Resampler;
import io.descatter.spectra.WavenumberAxis;

/**
 * The refractive index of a pure absorbance spectrum by a Kramers–Kronig (FFT Hilbert) transform, prepared
 * for one wavenumber axis (ME-EMSC.md §2).
 *
 * <p>The spectrum is padded with {@value #PAD} edge values on each side, the wavenumbers extended linearly with
 * the first spacing on the low-index side and the last spacing on the high-index side; the Hilbert transform has
 * exactly {@code K + 400} points. The axis may ascend or descend: the sign is taken so that {@code n_kk} is the
 * same function of wavenumber either way. Immutable and thread-safe.
 *
 * <p>An axis too coarse for that padding (200 edge spacings would reach zero or negative wavenumbers: 8 cm⁻¹ from
 * 1000 cm⁻¹, say) is not refused: the transform then runs on a fine regular grid over the same range
 * ({@link #FINE_STEP} cm⁻¹ or finer, ascending), onto which the absorbance is interpolated linearly; {@code n''_s}
 * is computed on the axis itself and {@code n_kk} interpolated back onto it (on the axis' own points when they lie
 * on the fine grid, as those of a 4 or 8 cm⁻¹ axis from a whole number do). Axes that the padding fits are computed
 * exactly as the reference implementations do; only axes they cannot handle take the fine grid.
 */
public final class KramersKronig {
    /** Edge padding on each side, as in the reference implementations. */
    public static final int PAD = 200;
    /** The fine grid's largest spacing in cm⁻¹, as the simulator's physics axis (see {@link #fineGrid}). */
    public static final double FINE_STEP = 2;

    private final int k;
    private final double[] paddedWavenumbersPerMetre;
    private final double sign;
    private final HilbertTransform hilbert;
    /** The fine-grid route for a coarse axis; null when the padding fits the axis itself. */
    private final Refinement refinement;

    /**
     * @param wavenumbers the axis in cm⁻¹, strictly monotonic, at least 2 points, positive
     * @throws io.descatter.spectra.AxisMismatchException for an axis that reaches zero or negative wavenumbers
     */
    public KramersKronig(double[] wavenumbers) {
        k = wavenumbers.length;
        if (k < 2) throw new IllegalArgumentException("the axis needs at least 2 points");
        for (double v : wavenumbers) {
            if (!(v > 0)) {
                throw new io.descatter.spectra.AxisMismatchException(String.format(java.util.Locale.ROOT,
                        "wavenumber %s cm-1 is not positive: Kramers-Kronig needs positive wavenumbers", v));
            }
        }
        paddedWavenumbersPerMetre = new double[k + 2 * PAD];
        double first = wavenumbers[1] - wavenumbers[0];
        double last = wavenumbers[k - 1] - wavenumbers[k - 2];
        for (int i = 0; i < PAD; i++) {
            paddedWavenumbersPerMetre[i] = 100 * (wavenumbers[0] - (PAD - i) * first);
            paddedWavenumbersPerMetre[PAD + k + i] = 100 * (wavenumbers[k - 1] + (i + 1) * last);
        }
        for (int i = 0; i < k; i++) paddedWavenumbersPerMetre[PAD + i] = 100 * wavenumbers[i];
        boolean fits = true;
        for (double v : paddedWavenumbersPerMetre) fits &= v > 0;
        // the analytic-signal convention gives -n_kk on an ascending axis and +n_kk on a descending one
        sign = first > 0 ? -1 : 1;
        hilbert = fits ? HilbertTransform.ofLength(k + 2 * PAD) : null;
        refinement = fits ? null : new Refinement(wavenumbers);
    }

    /**
     * The regular ascending grid a coarse axis' transform runs on: from its minimum to its maximum (both exactly),
     * at the largest spacing of at most {@link #FINE_STEP} cm⁻¹ and of a 400th of the minimum (so that the padding
     * stays above half the minimum) that divides the range evenly.
     */
    static double[] fineGrid(double min, double max) {
        double step = Math.min(FINE_STEP, min / (2 * PAD));
        double span = max - min;
        int intervals = (int) Math.ceil(span / step - 1e-9);
        double spacing = span / intervals;
        double[] grid = new double[intervals + 1];
        for (int i = 0; i < intervals; i++) grid[i] = min + i * spacing;
        grid[intervals] = max;
        return grid;
    }

    /** True when this axis is too coarse for the padding and the transform runs on {@link #fineGrid}. */
    public boolean refined() {
        return refinement != null;
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
     * an iteration allocates nothing (on a refined axis {@code work} is not used: the fine grid's scratch is kept
     * per thread).
     */
    public void compute(double[] absorbance, RefractiveIndex out, double[] work) {
        if (absorbance.length != k) throw new IllegalArgumentException("expected " + k + " values");
        if (refinement != null) {
            refinement.compute(absorbance, out);
            return;
        }
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

    /** The transform of a coarse axis on {@link #fineGrid}: interpolate there, transform, interpolate back. */
    private static final class Refinement {
        private final double[] wavenumbersPerMetre;
        private final KramersKronig fine;
        private final Resampler toFine;
        private final Resampler back;
        private final ThreadLocal<Scratch> scratch;

        Refinement(double[] wavenumbers) {
            WavenumberAxis axis = WavenumberAxis.of(wavenumbers);
            WavenumberAxis grid = WavenumberAxis.of(fineGrid(axis.min(), axis.max()));
            fine = new KramersKronig(grid.values());
            if (fine.refined()) throw new IllegalStateException("the fine grid is itself too coarse");
            toFine = Resampler.linear(axis, grid);
            back = Resampler.linear(grid, axis);
            wavenumbersPerMetre = new double[wavenumbers.length];
            for (int i = 0; i < wavenumbers.length; i++) wavenumbersPerMetre[i] = 100 * wavenumbers[i];
            int n = grid.size();
            scratch = ThreadLocal.withInitial(() -> new Scratch(new double[n],
                    new RefractiveIndex(new double[n], new double[n]), new double[n + 2 * PAD]));
        }

        void compute(double[] absorbance, RefractiveIndex out) {
            Scratch s = scratch.get();
            toFine.apply(absorbance, 0, s.absorbance, 0);
            fine.compute(s.absorbance, s.index, s.work);
            back.apply(s.index.kramersKronig(), 0, out.kramersKronig(), 0);
            double[] nprs = out.imaginaryScaled();
            for (int i = 0; i < nprs.length; i++) nprs[i] = absorbance[i] / wavenumbersPerMetre[i];
        }

        private record Scratch(double[] absorbance, RefractiveIndex index, double[] work) {
        }
    }
}
