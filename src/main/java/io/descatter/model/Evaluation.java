package io.descatter.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores corrected spectra against a reference result (the truth, or ME-EMSC's output): RMSE and Pearson r, the
 * amide I peak position error, and the bias towards the correction's reference spectrum. Shapes are compared
 * after one least-squares scale factor, because a correction fixes a spectrum's shape and not its overall scale
 * (ME-EMSC's output scale is set by its reference; the network's by its training truth).
 */
public final class Evaluation {
    /** Scores of one corrected spectrum. */
    public record Score(double rmse, double pearson, double amideShift, double referenceBias) {
    }

    /**
     * Mean scores of a group of {@code spectra}: each mean over the spectra where that score is a number. A correction
     * that failed (an ME-EMSC fit flagged NaN: no RMSE) is counted in {@code failed} and so left out of every mean,
     * rather than making them NaN; a Pearson r that is undefined alone (a constant output) leaves out only that r.
     */
    public record Summary(int spectra, int failed, double rmse, double pearson, double amideShiftAbs, double referenceBias) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spectra", spectra);
            m.put("failed", failed);
            m.put("meanRmse", rmse);
            m.put("meanPearsonR", pearson);
            m.put("meanAbsAmideIShiftCm1", amideShiftAbs);
            m.put("meanReferenceBias", referenceBias);
            return m;
        }
    }

    private Evaluation() {
    }

    /**
     * @param corrected the correction's output
     * @param expected the truth (or another correction) on the same axis
     * @param reference the reference spectrum the classical correction pulls towards, or null
     */
    public static Score score(double[] wn, double[] corrected, double[] expected, double[] reference) {
        double[] c = scaled(corrected, expected);
        double rmse = Metrics.rmse(c, expected);
        double r = Metrics.pearson(corrected, expected);
        double shift = amideIPeak(wn, corrected) - amideIPeak(wn, expected);
        double bias = Double.NaN;
        if (reference != null) {
            double[] ref = scaled(reference, expected);
            double toRef = Metrics.rmse(c, ref);
            double truthToRef = Metrics.rmse(expected, ref);
            // > 0: the output moved from the truth towards the reference; undefined when the truth is the reference
            bias = truthToRef > 0 ? (truthToRef - toRef) / truthToRef : Double.NaN;
        }
        return new Score(rmse, r, shift, bias);
    }

    /** The wavenumber of the highest point between 1600 and 1700 cm⁻¹ (amide I), refined by a parabola through it. */
    public static double amideIPeak(double[] wn, double[] s) {
        int best = -1;
        for (int i = 0; i < wn.length; i++) {
            if (wn[i] >= 1600 && wn[i] <= 1700 && (best < 0 || s[i] > s[best])) best = i;
        }
        if (best <= 0 || best >= wn.length - 1) return best < 0 ? Double.NaN : wn[best];
        double y0 = s[best - 1];
        double y1 = s[best];
        double y2 = s[best + 1];
        double denom = y0 - 2 * y1 + y2;
        double offset = denom == 0 ? 0 : 0.5 * (y0 - y2) / denom;
        return wn[best] + offset * (wn[best + 1] - wn[best - 1]) / 2;
    }

    /** {@code a} times the least-squares factor that brings it closest to {@code b}. */
    static double[] scaled(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
        }
        double s = aa == 0 ? 0 : ab / aa;
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = s * a[i];
        return out;
    }

    public static Summary summarise(List<Score> scores) {
        int failed = 0;
        for (Score s : scores) if (!Double.isFinite(s.rmse())) failed++; // a correction without numbers (NaN output)
        return new Summary(scores.size(), failed, finiteMean(scores, Score::rmse), finiteMean(scores, Score::pearson),
                finiteMean(scores, s -> Math.abs(s.amideShift())), finiteMean(scores, Score::referenceBias));
    }

    /** The mean of one score over the spectra where it is a finite number; NaN when none is. */
    private static double finiteMean(List<Score> scores, java.util.function.ToDoubleFunction<Score> metric) {
        double sum = 0;
        int n = 0;
        for (Score s : scores) {
            double v = metric.applyAsDouble(s);
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Summaries of all spectra ("all") and of each group (tissue type), as JSON-ready maps. */
    public static Map<String, Object> byGroup(List<Score> scores, List<String> groups) {
        Map<String, Object> out = new LinkedHashMap<>();
        groupRows(groups).forEach((name, rows) -> out.put(name, summarise(rows.stream().map(scores::get).toList()).toMap()));
        return out;
    }

    /**
     * The rows of all spectra ("all") and then of each group in name order; the groups only when there is more
     * than one or the one has a name (a file without a tissue column is one unnamed group, reported as "all" alone).
     */
    public static Map<String, List<Integer>> groupRows(List<String> groups) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        out.put("all", java.util.stream.IntStream.range(0, groups.size()).boxed().toList());
        Map<String, List<Integer>> g = new TreeMap<>();
        for (int i = 0; i < groups.size(); i++) g.computeIfAbsent(groups.get(i), k -> new ArrayList<>()).add(i);
        if (g.size() > 1 || !g.containsKey("")) out.putAll(g);
        return out;
    }
}
