package io.descatter.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a confidence flag means something on spectra whose agreement with a reference is known: how many it flags
 * of the corrections that are wrong ({@code r < }{@value #WORST_BELOW}) and of those that are right
 * ({@code r ≥ }{@value #BEST_FROM}). A useful flag catches most of the first and few of the second (docs/MODEL.md,
 * "Confidence").
 */
public final class FlagCheck {
    /** Corrections with a Pearson r below this are counted as wrong. */
    public static final double WORST_BELOW = 0.95;
    /** Corrections with a Pearson r of at least this are counted as right. */
    public static final double BEST_FROM = 0.99;

    private FlagCheck() {
    }

    /**
     * @param threshold the flag's threshold on its score, as reported
     * @param flagged every spectrum's flag
     * @param r every spectrum's Pearson r against the reference, or null where there is none (then only the count)
     * @return {@code threshold}, {@code flagged}, and with {@code r}: {@code flaggedOfWorst} and {@code flaggedOfBest}
     */
    public static Map<String, Object> summary(double threshold, boolean[] flagged, double[] r) {
        int all = 0;
        int worst = 0;
        int best = 0;
        for (int i = 0; i < flagged.length; i++) {
            if (!flagged[i]) continue;
            all++;
            if (r != null && r[i] < WORST_BELOW) worst++;
            if (r != null && r[i] >= BEST_FROM) best++;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", threshold);
        m.put("flagged", all);
        if (r != null) {
            m.put("flaggedOfWorst", worst);
            m.put("flaggedOfBest", best);
        }
        return m;
    }

    /** How many of {@code r} are wrong ({@code < }{@value #WORST_BELOW}) and right ({@code ≥ }{@value #BEST_FROM}). */
    public static int[] worstAndBest(double[] r) {
        int worst = 0;
        int best = 0;
        for (double v : r) {
            if (v < WORST_BELOW) worst++;
            if (v >= BEST_FROM) best++;
        }
        return new int[] {worst, best};
    }
}
