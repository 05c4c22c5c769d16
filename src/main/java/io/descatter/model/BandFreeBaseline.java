package io.descatter.model;

import io.descatter.spectra.WavenumberAxis;

/**
 * The baseline through the band-free windows of a cell or tissue spectrum, {@value #SILENT_FROM}–{@value #SILENT_TO}
 * cm⁻¹ (the silent region between the ester and the C-H stretch) and {@value #HIGH_FROM}–{@value #HIGH_TO} cm⁻¹
 * (above the O-H/N-H stretch), where cells absorb nothing: subtracting it leaves a corrected spectrum at zero there,
 * as ME-EMSC's constant and polynomial terms leave its corrections.
 *
 * <p>Why: the simulator's pure spectra, the network's training truths, stand 1.5–2.5 % of their maximum above zero in
 * those windows (the wings of its bands), and the network reproduces that floor; ME-EMSC's corrections of measured cells
 * stand at −0.3 to 0.4 % there (docs/MODEL.md, "Real chemistry"). The baseline is the straight line through both
 * windows' means (each at the mean wavenumber of its points), held at its value at {@value #SILENT_FROM} cm⁻¹ below
 * it: both windows then average zero, and band areas above a local straight line, so every band ratio, are unchanged.
 *
 * <p>Thread-safe.
 */
public final class BandFreeBaseline {
    public static final double SILENT_FROM = 1800;
    public static final double SILENT_TO = 2000;
    public static final double HIGH_FROM = 3800;
    public static final double HIGH_TO = 4000;

    /** Per point: the line's abscissa, max(wavenumber, {@value #SILENT_FROM}) less the silent window's centre. */
    private final double[] abscissa;
    /** Each window's points: a contiguous index range of the (monotonic) axis, first inclusive, last exclusive. */
    private final int silentFrom;
    private final int silentTo;
    private final int highFrom;
    private final int highTo;
    /** The distance between the windows' centres, where the line passes through each window's mean. */
    private final double span;

    /** {@code silent} and {@code high}: each window's first and last index ({@link WavenumberAxis#indexRange}). */
    private BandFreeBaseline(double[] wavenumbers, int[] silent, int[] high) {
        this.silentFrom = silent[0];
        this.silentTo = silent[1] + 1;
        this.highFrom = high[0];
        this.highTo = high[1] + 1;
        double silentCentre = mean(wavenumbers, silentFrom, silentTo);
        this.span = mean(wavenumbers, highFrom, highTo) - silentCentre;
        this.abscissa = new double[wavenumbers.length];
        for (int i = 0; i < wavenumbers.length; i++) abscissa[i] = Math.max(wavenumbers[i], SILENT_FROM) - silentCentre;
    }

    /** What a {@code --baseline} value asks for. */
    public enum Choice {
        /** The network's output as it is (the training truths' floor included). */
        NONE,
        /** The baseline subtracted; a model whose axis misses a window is refused. */
        BAND_FREE,
        /** The default: the baseline subtracted where the model's axis has both windows, else the output as it is. */
        AUTO;

        /**
         * The choice of a {@code --baseline} value: {@code auto}, {@code band-free} or {@code none}.
         *
         * @throws IllegalArgumentException for any other value, with the message to show
         */
        public static Choice parse(String method) {
            return switch (method.toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> AUTO;
                case "band-free" -> BAND_FREE;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("--baseline must be auto, band-free or none, not '" + method + "'");
            };
        }

        /**
         * Whether the baseline is subtracted from corrections on {@code axis} (the model's): always for
         * {@link #BAND_FREE}, whose caller then refuses an axis without the windows; for {@link #AUTO} where it has them.
         */
        public boolean subtractsOn(WavenumberAxis axis) {
            return switch (this) {
                case NONE -> false;
                case BAND_FREE -> true;
                case AUTO -> on(axis) != null;
            };
        }
    }

    /** The baseline on {@code axis}, or null where the axis has no point in one of the windows. */
    public static BandFreeBaseline on(WavenumberAxis axis) {
        int[] silent = axis.indexRange(SILENT_FROM, SILENT_TO);
        int[] high = axis.indexRange(HIGH_FROM, HIGH_TO);
        return silent == null || high == null ? null : new BandFreeBaseline(axis.values(), silent, high);
    }


    /**
     * Subtracts the baseline from the spectrum of {@code axis.size()} values of {@code v} from {@code off}: one pass of
     * v −= low + slope·x with the abscissas precomputed, which the JIT vectorises (this runs on every corrected
     * spectrum by default).
     */
    public void subtract(double[] v, int off) {
        double low = mean(v, off + silentFrom, off + silentTo);
        double slope = (mean(v, off + highFrom, off + highTo) - low) / span;
        double[] x = abscissa;
        for (int i = 0; i < x.length; i++) v[off + i] -= low + slope * x[i];
    }

    private static double mean(double[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += v[i];
        return sum / (to - from);
    }
}
