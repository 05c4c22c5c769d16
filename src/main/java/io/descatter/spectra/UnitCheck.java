package io.descatter.spectra;

import java.util.Locale;

/**
 * Tells transmittance from absorbance, so that a transmittance file is not silently "corrected" into nonsense.
 *
 * <p>The rule: the bands of cells and tissue point up in absorbance and down in transmittance (T = 10^-A turns each
 * maximum into a minimum). At amide I (1655 cm-1), amide II (1545) and the CH2 stretches (2925, 2855) each
 * spectrum's value is compared with the mean of two shoulders; the broad Mie wiggles and baselines hardly bend over
 * these distances, the narrow bands do. A spectrum whose bands point down (at most a quarter of the bands on its
 * axis up) counts against absorbance; a file is called transmittance when most of its first spectra do and all its
 * values lie in 0-2 (transmittance, with room for noise and absorbance down to -0.3) or 0-200 with a maximum above
 * 10 (percent; absorbance above 2 is rare, above 10 unheard of). Values outside those ranges, or an axis with fewer
 * than two of the bands, are left alone. On the shipped samples (300 raw and 300 pure simulated spectra) and the 60
 * measured cells, every file is absorbance, and so is every one of the raw spectra alone but one in 300 (strong
 * scattering, broad bands and weak C-H put its bands below their shoulders); the files' 10^-A and 100·10^-A are
 * called transmittance and percent transmittance. Bands not pointing up about a level of 0 (more than a fifth of the
 * values below 0) are a derivative spectrum, refused as such.
 */
public final class UnitCheck {
    /** Band centre and the distance of its two shoulders, cm-1 (the shoulders avoid the neighbouring bands). */
    private static final double[][] BANDS = {{1655, 60}, {1545, 40}, {2925, 60}, {2855, 25}};
    /** Half-width of the window averaged at each position, cm-1 (at least one step of the axis). */
    private static final double WINDOW = 4;

    private UnitCheck() {
    }

    /**
     * More than this share of a file's values below zero, with its bands not pointing up, and it is no transmittance
     * (whose values stay above 0 but for noise in saturated bands) but a derivative: a second derivative turns bands
     * into minima about a level of 0, a first derivative into zero crossings.
     */
    private static final double DERIVATIVE_NEGATIVE_SHARE = 0.2;

    /** What the first spectra look like: their unit, and whether they look like a derivative instead. */
    private record Verdict(InputUnit unit, boolean derivative) {
    }

    /** The likely unit of the spectra of {@code chunk}: absorbance unless they look like transmittance. */
    public static InputUnit likelyUnit(WavenumberAxis axis, SpectraChunk chunk) {
        return verdict(axis, chunk).unit();
    }

    private static Verdict verdict(WavenumberAxis axis, SpectraChunk chunk) {
        double half = Math.max(WINDOW, axis.meanSpacing());
        int judged = 0;
        int inverted = 0;
        long values = 0;
        long negative = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] v = chunk.values();
        for (int r = 0; r < chunk.rows(); r++) {
            int offset = chunk.offset(r);
            int covered = 0;
            int up = 0;
            for (double[] band : BANDS) {
                double c = band[0];
                double d = band[1];
                if (c - d - half < axis.min() || c + d + half > axis.max()) continue;
                double prominence = mean(axis, v, offset, c, half)
                        - 0.5 * (mean(axis, v, offset, c - d, half) + mean(axis, v, offset, c + d, half));
                if (Double.isNaN(prominence)) continue;
                covered++;
                if (prominence > 0) up++;
            }
            if (covered < 2) continue;
            judged++;
            if (4 * up <= covered) inverted++;
            for (int p = 0; p < chunk.points(); p++) {
                double x = v[offset + p];
                if (Double.isNaN(x)) continue;
                min = Math.min(min, x);
                max = Math.max(max, x);
                values++;
                if (x < 0) negative++;
            }
        }
        if (judged == 0 || 2 * inverted <= judged) return new Verdict(InputUnit.ABSORBANCE, false);
        if (negative > DERIVATIVE_NEGATIVE_SHARE * values) return new Verdict(InputUnit.ABSORBANCE, true);
        if (min >= -0.05 && max <= 2) return new Verdict(InputUnit.TRANSMITTANCE, false);
        if (min >= -5 && max > 10 && max <= 200) return new Verdict(InputUnit.PERCENT_TRANSMITTANCE, false);
        return new Verdict(InputUnit.ABSORBANCE, false); // bands down but not transmittance's range: not this check's business
    }

    /**
     * Refuses spectra that look like transmittance, with the fix.
     *
     * @throws BadInputException naming {@code source}
     */
    public static void requireAbsorbance(String source, WavenumberAxis axis, SpectraChunk chunk) {
        Verdict verdict = verdict(axis, chunk);
        if (verdict.derivative()) {
            throw new BadInputException(source, 0, 0, "the values look like a derivative spectrum (about a level of 0, the bands not "
                    + "pointing up), not absorbance: correct the absorbance spectra and take derivatives afterwards, or give "
                    + "--input-unit absorbance if they are absorbance");
        }
        InputUnit unit = verdict.unit();
        if (unit == InputUnit.ABSORBANCE) return;
        throw new BadInputException(source, 0, 0, String.format(Locale.ROOT,
                "the values look like %s (%s, bands pointing down), not absorbance: give --input-unit %s to convert "
                        + "them, or --input-unit absorbance if they are absorbance",
                unit.label(), unit == InputUnit.TRANSMITTANCE ? "0-1" : "0-100", unit.label()));
    }

    /** The mean of the finite values within {@code half} of {@code centre}; NaN when there are none. */
    private static double mean(WavenumberAxis axis, double[] v, int offset, double centre, double half) {
        double sum = 0;
        int n = 0;
        for (int p = 0; p < axis.size(); p++) {
            double w = axis.get(p);
            if (w < centre - half || w > centre + half) continue;
            double x = v[offset + p];
            if (Double.isNaN(x)) continue;
            sum += x;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
