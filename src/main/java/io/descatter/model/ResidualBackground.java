package io.descatter.model;

import io.descatter.spectra.WavenumberAxis;

/**
 * Signal that a correction keeps where cells and tissue have no absorption bands: the mean of the corrected spectrum
 * over {@value #FROM}–{@value #TO} cm⁻¹, as a fraction of its amide I height (the largest 5-point moving average over
 * 1600–1700 cm⁻¹). What stands there is scattering the network left, the broad background of strongly scattering
 * measured cells that ME-EMSC removes and the network does not (docs/MODEL.md, "Confidence"). Above
 * {@value #THRESHOLD}, the 99th percentile of that level among the shipped models' 24,000 simulated training truths,
 * a correction is flagged. Thread-safe.
 */
public final class ResidualBackground {
    /** The band-free window, cm⁻¹. */
    public static final double FROM = 3800;
    public static final double TO = 4000;
    /** The flag's threshold on {@link #level}: the simulator's training truths' 99th percentile (0.1846), rounded. */
    public static final double THRESHOLD = 0.185;

    private static final double AMIDE_I_FROM = 1600;
    private static final double AMIDE_I_TO = 1700;
    private static final int SMOOTHING = 5;

    private final int windowFrom;
    private final int windowTo;
    private final int amideFrom;
    private final int amideTo;

    private ResidualBackground(int windowFrom, int windowTo, int amideFrom, int amideTo) {
        this.windowFrom = windowFrom;
        this.windowTo = windowTo;
        this.amideFrom = amideFrom;
        this.amideTo = amideTo;
    }

    /** The measure on spectra of {@code axis}, or null where the axis does not reach over the window and amide I. */
    public static ResidualBackground on(WavenumberAxis axis) {
        if (axis.size() == 0 || axis.min() > AMIDE_I_FROM || axis.max() < TO - 1) return null;
        int[] window = axis.indexRange(FROM, TO);
        int[] amide = axis.indexRange(AMIDE_I_FROM, AMIDE_I_TO);
        if (window == null || amide == null || amide[1] - amide[0] + 1 < SMOOTHING) return null;
        return new ResidualBackground(window[0], window[1], amide[0], amide[1]);
    }

    /**
     * The level of the {@code axis.size()} values of {@code spectrum} from {@code off}: the window's mean over the amide
     * I height; NaN where amide I has no positive height.
     */
    public double level(double[] spectrum, int off) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = amideFrom; i + SMOOTHING - 1 <= amideTo; i++) {
            double sum = 0;
            for (int k = 0; k < SMOOTHING; k++) sum += spectrum[off + i + k];
            best = Math.max(best, sum / SMOOTHING);
        }
        if (!(best > 0)) return Double.NaN;
        double sum = 0;
        for (int i = windowFrom; i <= windowTo; i++) sum += spectrum[off + i];
        return sum / (windowTo - windowFrom + 1) / best;
    }

    /** Whether a level is above the threshold (NaN is not). */
    public static boolean flags(double level) {
        return level > THRESHOLD;
    }
}
