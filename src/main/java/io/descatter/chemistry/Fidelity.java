package io.descatter.chemistry;

import io.descatter.model.Evaluation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chemical fidelity of corrections: how far each {@link BandRatio} of a corrected spectrum lies from the same ratio
 * of a reference result (the truth, or ME-EMSC's output), as the median over spectra of the ratio's
 * {@link BandRatio.Agreement}. The uncorrected input is compared the same way, so a correction that moves a ratio
 * further from the reference than doing nothing would have is seen as such.
 */
public final class Fidelity {
    /** The median disagreement of one ratio over some spectra, and how many spectra it could be computed for. */
    public record Median(double value, int compared) {
    }

    private Fidelity() {
    }

    /** Every ratio of every spectrum: {@code [spectrum][BandRatio.ordinal()]}. */
    public static double[][] ratios(double[] wn, List<double[]> spectra) {
        double[][] out = new double[spectra.size()][];
        for (int i = 0; i < out.length; i++) out[i] = BandRatio.all(wn, spectra.get(i));
        return out;
    }

    /**
     * The median over {@code rows} of {@code ratio}'s disagreement between {@code got} and {@code reference}; spectra
     * where it is undefined (a window not covered, a failed correction, a ratio ≤ 0 under the log rule) are left out.
     * NaN with {@code compared} 0 when none is left.
     */
    public static Median median(BandRatio ratio, double[][] got, double[][] reference, List<Integer> rows) {
        double[] d = new double[rows.size()];
        int n = 0;
        for (int i : rows) {
            double v = ratio.agreement().of(got[i][ratio.ordinal()], reference[i][ratio.ordinal()]);
            if (!Double.isNaN(v)) d[n++] = v;
        }
        return new Median(median(Arrays.copyOf(d, n)), n);
    }

    /** The mean of {@code ratio} over those {@code rows} where it is a number; NaN when none is. */
    public static double mean(BandRatio ratio, double[][] values, List<Integer> rows) {
        double sum = 0;
        int n = 0;
        for (int i : rows) {
            double v = values[i][ratio.ordinal()];
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The median of {@code ratio} over those {@code rows} where it is a number; NaN when none is. */
    public static double median(BandRatio ratio, double[][] values, List<Integer> rows) {
        return median(rows.stream().mapToDouble(i -> values[i][ratio.ordinal()]).filter(v -> !Double.isNaN(v)).toArray());
    }

    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }

    /**
     * The fidelity section of a report: the reference's name, each ratio's agreement rule ({@code rules}) and
     * {@code groups}, overall ("all") and per group (rows as {@link Evaluation#groupRows}): for each
     * group its number of spectra, each candidate's median disagreement per ratio ({@code agreement}, keyed by
     * {@link BandRatio#agreementColumn()}) and how many spectra it covers ({@code compared}), and the mean and median ratios
     * of the reference and of each candidate ({@code meanRatios}, {@code medianRatios}, keyed by {@link BandRatio#column()}).
     *
     * @param referenceName e.g. "truth" or "memsc"
     * @param reference the reference's ratios ({@link #ratios})
     * @param candidates name to ratios, same spectra in the same order: e.g. "network", "raw"
     * @param groups each spectrum's group (tissue type), "" for none
     */
    public static Map<String, Object> compare(String referenceName, double[][] reference, Map<String, double[][]> candidates,
            List<String> groups) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reference", referenceName);
        out.put("rules", rules());
        Map<String, Object> byGroup = new LinkedHashMap<>();
        out.put("groups", byGroup);
        Evaluation.groupRows(groups).forEach((name, rows) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("spectra", rows.size());
            Map<String, Object> agreement = new LinkedHashMap<>();
            Map<String, Object> compared = new LinkedHashMap<>();
            candidates.forEach((candidate, values) -> {
                Map<String, Object> a = new LinkedHashMap<>();
                Map<String, Object> c = new LinkedHashMap<>();
                for (BandRatio r : BandRatio.values()) {
                    Median m = median(r, values, reference, rows);
                    a.put(r.agreementColumn(), m.value());
                    c.put(r.agreementColumn(), m.compared());
                }
                agreement.put(candidate, a);
                compared.put(candidate, c);
            });
            g.put("agreement", agreement);
            g.put("compared", compared);
            // means as usually quoted, medians beside them: a height ratio whose denominator can be ~0 has a wild mean
            Map<String, Object> means = new LinkedHashMap<>();
            Map<String, Object> medians = new LinkedHashMap<>();
            means.put(referenceName, byRatio(r -> mean(r, reference, rows)));
            medians.put(referenceName, byRatio(r -> median(r, reference, rows)));
            candidates.forEach((candidate, values) -> {
                means.put(candidate, byRatio(r -> mean(r, values, rows)));
                medians.put(candidate, byRatio(r -> median(r, values, rows)));
            });
            g.put("meanRatios", means);
            g.put("medianRatios", medians);
            byGroup.put(name, g);
        });
        return out;
    }

    private static Map<String, Object> byRatio(java.util.function.ToDoubleFunction<BandRatio> f) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (BandRatio r : BandRatio.values()) m.put(r.column(), f.applyAsDouble(r));
        return m;
    }

    private static Map<String, Object> rules() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (BandRatio r : BandRatio.values()) m.put(r.agreementColumn(), r.agreement().description());
        return m;
    }
}
