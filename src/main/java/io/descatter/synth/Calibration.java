package io.descatter.synth;

import io.descatter.chemistry.BandRatio;
import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares simulated spectra with measured ones the way a spectroscopist would: fit ME-EMSC to both with the same
 * reference and compare the distributions of the fitted parameters and of simple spectral statistics. The
 * simulator's default ranges are set so that its distributions cover the measured ones.
 */
public final class Calibration {
    /** What is compared for each spectrum. */
    public enum Statistic {
        B("b", "ME-EMSC scaling b"),
        C("c", "ME-EMSC offset c"),
        MIE("mie_rms", "RMS of the fitted Mie contribution"),
        RMSE("rmse", "ME-EMSC residual RMSE"),
        ITERATIONS("iterations", "ME-EMSC iterations"),
        AMIDE_I("amide_i", "raw absorbance maximum 1600-1700 cm-1"),
        MEAN("mean", "mean raw absorbance"),
        MIN("min", "minimum raw absorbance"),
        BAND_FREE("band_free", "raw level in 1800-2250 and 2450-2800 cm-1 (no bands) above the minimum, per amide I height above it"),
        HIGH_END("high_end", "raw level in 3750-4000 cm-1 (no bands, strongest scattering) above the minimum, per amide I height above it"),
        // The chemistry itself, on the ME-EMSC output of both sets (the same procedure on each side): whether the
        // simulator's pure spectra look like cells, not only its distortions. Maxima, minima and means are per the
        // amide I maximum; areas are above a line across each window (chemistry.BandRatio).
        AMIDE_I_WIDTH("amide_i_width", "corrected: amide I high-side half width, cm-1"),
        VALLEY("valley", "corrected: valley 1560-1640 / amide I"),
        CH_MAX("ch_max", "corrected: C-H maximum / amide I"),
        STRETCH_LEVEL("stretch_level", "corrected: mean 3050-3700 / amide I"),
        AMIDE_II_RATIO("amide_ii_ratio", "corrected: amide II / amide I area"),
        PHOSPHATE_RATIO("phosphate_ratio", "corrected: 1000-1130 / amide I area"),
        CH_RATIO("ch_ratio", "corrected: 2800-3010 / amide I area");

        private final String key;
        private final String description;

        Statistic(String key, String description) {
            this.key = key;
            this.description = description;
        }

        public String key() { return key; }

        public String description() { return description; }
    }

    private Calibration() {
    }

    /** The statistics of each spectrum (rows), indexed by {@link Statistic#ordinal()}; spectra ME-EMSC fails on are dropped. */
    public static List<double[]> statistics(List<double[]> spectra, double[] wavenumbers, MeEmscCorrector corrector, int threads) {
        double[][] rows = new double[spectra.size()][];
        io.descatter.util.Parallel.forEachIndex(spectra.size(), Math.max(1, threads), "calibration",
                () -> i -> rows[i] = statistics(spectra.get(i), wavenumbers, corrector.correct(spectra.get(i))));
        List<double[]> out = new ArrayList<>();
        for (double[] r : rows) if (r != null) out.add(r);
        return out;
    }

    static double[] statistics(double[] raw, double[] wn, MeEmscResult r) {
        if (r.failed()) return null;
        double[] s = new double[Statistic.values().length];
        s[Statistic.B.ordinal()] = r.b();
        s[Statistic.C.ordinal()] = r.c();
        double mie = 0;
        double amide = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double[] corrected = r.corrected();
        for (int k = 0; k < raw.length; k++) {
            double m = raw[k] - r.c() - r.b() * corrected[k]; // Σg·p, as corrected = (Z − c − Σg·p)/b (residuals included)
            mie += m * m;
            if (wn[k] >= 1600 && wn[k] <= 1700) amide = Math.max(amide, raw[k]);
            sum += raw[k];
            min = Math.min(min, raw[k]);
        }
        s[Statistic.MIE.ordinal()] = Math.sqrt(mie / raw.length);
        s[Statistic.RMSE.ordinal()] = r.rmse();
        s[Statistic.ITERATIONS.ordinal()] = r.iterations();
        if (amide == Double.NEGATIVE_INFINITY) amide = Double.NaN; // the axis does not reach 1600-1700 cm-1: left out
        s[Statistic.AMIDE_I.ordinal()] = amide;
        s[Statistic.MEAN.ordinal()] = sum / raw.length;
        s[Statistic.MIN.ordinal()] = min;
        // Scattering and baseline relative to the chemistry, from the raw spectrum alone: where pure absorbance is
        // nearly zero, what remains above the spectrum's lowest point is extinction and baseline.
        double amideAboveMin = amide > min ? amide - min : Double.NaN; // a flat spectrum has no ratio (left out)
        s[Statistic.BAND_FREE.ordinal()] = (meanOver(raw, wn, 1800, 2250, 2450, 2800) - min) / amideAboveMin;
        s[Statistic.HIGH_END.ordinal()] = (meanOver(raw, wn, 3750, 4000, 3750, 4000) - min) / amideAboveMin;
        chemistry(corrected, wn, s);
        return s;
    }

    /** The statistics of the corrected (pure-like) spectrum; NaN where the axis lacks their windows. */
    static void chemistry(double[] a, double[] wn, double[] s) {
        int peak = -1;
        for (int k = 0; k < a.length; k++) if (wn[k] >= 1600 && wn[k] <= 1700 && (peak < 0 || a[k] > a[peak])) peak = k;
        double amide = peak < 0 ? Double.NaN : a[peak];
        double width = Double.NaN;
        if (peak >= 0) {
            // walk away from the peak towards higher wavenumbers (the axis may run either way) to half height
            int step = peak + 1 < a.length && wn[peak + 1] > wn[peak] ? 1 : -1;
            for (int k = peak + step; k >= 0 && k < a.length; k += step) {
                if (a[k] < amide / 2) {
                    width = Math.abs(wn[k] - wn[peak]);
                    break;
                }
            }
        }
        s[Statistic.AMIDE_I_WIDTH.ordinal()] = width;
        s[Statistic.VALLEY.ordinal()] = extremeOver(a, wn, 1560, 1640, false) / amide;
        s[Statistic.CH_MAX.ordinal()] = extremeOver(a, wn, 2800, 3010, true) / amide;
        s[Statistic.STRETCH_LEVEL.ordinal()] = meanOver(a, wn, 3050, 3700, 3050, 3700) / amide;
        s[Statistic.AMIDE_II_RATIO.ordinal()] = BandRatio.AMIDE_II_AMIDE_I.of(wn, a);
        s[Statistic.PHOSPHATE_RATIO.ordinal()] = BandRatio.PHOSPHATE_AMIDE_I.of(wn, a);
        s[Statistic.CH_RATIO.ordinal()] = BandRatio.CH_STRETCH_AMIDE_I.of(wn, a);
    }

    /** Maximum (or minimum) of x over [lo, hi] cm⁻¹, NaN when the axis has no point there. */
    private static double extremeOver(double[] x, double[] wn, double lo, double hi, boolean max) {
        double e = Double.NaN;
        for (int k = 0; k < x.length; k++) {
            if (wn[k] >= lo && wn[k] <= hi && (Double.isNaN(e) || (max ? x[k] > e : x[k] < e))) e = x[k];
        }
        return e;
    }

    /** Mean of x over the points in [lo1, hi1] ∪ [lo2, hi2] cm⁻¹ (NaN when the axis has none there). */
    private static double meanOver(double[] x, double[] wn, double lo1, double hi1, double lo2, double hi2) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < x.length; k++) {
            if ((wn[k] >= lo1 && wn[k] <= hi1) || (wn[k] >= lo2 && wn[k] <= hi2)) {
                sum += x[k];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** One statistic of every spectrum (NaN where the axis does not reach the statistic's window: left out). */
    public static double[] column(List<double[]> rows, Statistic s) {
        return rows.stream().mapToDouble(r -> r[s.ordinal()]).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** The p-quantile (0..1) by linear interpolation between order statistics (numpy's default). */
    public static double quantile(double[] values, double p) {
        if (values.length == 0) return Double.NaN; // a statistic no spectrum has (its window is off the axis)
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = p * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /** Fraction of measured values inside the simulated 1–99 % range. */
    public static double coverage(double[] measured, double[] simulated) {
        if (measured.length == 0 || simulated.length == 0) return Double.NaN;
        double lo = quantile(simulated, 0.01);
        double hi = quantile(simulated, 0.99);
        return Arrays.stream(measured).filter(v -> v >= lo && v <= hi).count() / (double) measured.length;
    }

    /** A Markdown table: quantiles 5/25/50/75/95 % of each statistic, measured vs simulated, and the coverage. */
    public static String markdown(List<double[]> measured, List<double[]> simulated) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "| statistic | set (n) | 5 %% | 25 %% | median | 75 %% | 95 %% | measured inside simulated 1-99 %% |%n"));
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (Statistic s : Statistic.values()) {
            double[] m = column(measured, s);
            double[] sim = column(simulated, s);
            double c = coverage(m, sim);
            sb.append(row(s.key(), "measured (" + m.length + ")", m, Double.isNaN(c) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", 100 * c)));
            sb.append(row("", "simulated (" + sim.length + ")", sim, ""));
        }
        return sb.toString();
    }

    /** The same numbers as CSV: statistic, set, quantiles. */
    public static String csv(List<double[]> measured, List<double[]> simulated) {
        StringBuilder sb = new StringBuilder("statistic,set,n,q05,q25,q50,q75,q95,coverage\n");
        for (Statistic s : Statistic.values()) {
            double[] m = column(measured, s);
            double[] sim = column(simulated, s);
            sb.append(csvRow(s.key(), "measured", m, coverage(m, sim)));
            sb.append(csvRow(s.key(), "simulated", sim, Double.NaN));
        }
        return sb.toString();
    }

    private static String row(String name, String set, double[] v, String coverage) {
        return String.format(Locale.ROOT, "| %s | %s | %.4g | %.4g | %.4g | %.4g | %.4g | %s |%n", name, set, quantile(v, 0.05),
                quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), quantile(v, 0.95), coverage);
    }

    private static String csvRow(String name, String set, double[] v, double coverage) {
        return String.format(Locale.ROOT, "%s,%s,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%s%n", name, set, v.length, quantile(v, 0.05),
                quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), quantile(v, 0.95), Double.isNaN(coverage) ? "" : String.format(Locale.ROOT, "%.3f", coverage));
    }
}
