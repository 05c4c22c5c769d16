package io.descatter.chemistry;

import static io.descatter.chemistry.BandRatio.Windows.AMIDE_I;
import static io.descatter.chemistry.BandRatio.Windows.AMIDE_II;
import static io.descatter.chemistry.BandRatio.Windows.AMIDE_III;
import static io.descatter.chemistry.BandRatio.Windows.CH_STRETCH;
import static io.descatter.chemistry.BandRatio.Windows.ESTER;
import static io.descatter.chemistry.BandRatio.Windows.PHOSPHATE;

/**
 * The band ratios a spectroscopist reads off a cell or tissue spectrum: the one table of windows and positions
 * that {@code descatter evaluate} reports (its names are the CSV and JSON column names). Areas and heights are
 * taken above a straight line across each window ({@link BandWindow}), so ratios do not depend on the spectrum's
 * scale, offset or a linear baseline.
 */
public enum BandRatio {
    PHOSPHATE_AMIDE_I("phosphate_amideI", "phosphate / amide I", area(PHOSPHATE), area(AMIDE_I), Agreement.ABS_LOG),
    CH_STRETCH_AMIDE_I("ch_stretch_amideI", "CH stretch / amide I", area(CH_STRETCH), area(AMIDE_I), Agreement.ABS_LOG),
    AMIDE_II_AMIDE_I("amideII_amideI", "amide II / amide I", area(AMIDE_II), area(AMIDE_I), Agreement.ABS_LOG),
    // ester carbonyl: often near 0 or below the line after a correction, so compared by difference, not log
    ESTER_AMIDE_I("ester_amideI", "ester C=O / amide I", area(ESTER), area(AMIDE_I), Agreement.ABS_DIFF),
    AMIDE_I_AMIDE_II("amideI_amideII", "amide I / amide II", area(AMIDE_I), area(AMIDE_II), Agreement.ABS_LOG),
    CH2_CH3_ASYMMETRIC("ch2_ch3_asym", "CH2 2921 / CH3 2958 (asym. stretch)", height(CH_STRETCH, 2921), height(CH_STRETCH, 2958),
            Agreement.ABS_LOG),
    PHOSPHATE_1080_1240("phosphate_1080_1240", "PO2- sym. 1080 / asym. 1240", height(PHOSPHATE, 1080), height(AMIDE_III, 1240),
            Agreement.ABS_LOG),
    GLYCOGEN_1025_1080("glycogen_1025_1080", "glycogen 1025 / phosphate 1080", height(PHOSPHATE, 1025), height(PHOSPHATE, 1080),
            Agreement.ABS_LOG);

    /** The windows of the table, in cm⁻¹. */
    public static final class Windows {
        public static final BandWindow PHOSPHATE = new BandWindow(1000, 1130);
        public static final BandWindow AMIDE_III = new BandWindow(1180, 1300);
        public static final BandWindow AMIDE_II = new BandWindow(1480, 1600);
        public static final BandWindow AMIDE_I = new BandWindow(1600, 1710);
        public static final BandWindow ESTER = new BandWindow(1710, 1780);
        public static final BandWindow CH_STRETCH = new BandWindow(2800, 3010);

        private Windows() {
        }
    }

    /** How a ratio of a correction is compared with the same ratio of a reference spectrum. */
    public enum Agreement {
        /** |log(ratio / reference's ratio)|, where both are > 0: 0.1 is a ratio about 10 % off, either way. */
        ABS_LOG("abs_log", "median |log(ratio / reference's)|"),
        /** |ratio − reference's ratio|: for ratios that may be about 0 or negative. */
        ABS_DIFF("abs_diff", "median |ratio − reference's|");

        final String suffix;
        private final String description;

        Agreement(String suffix, String description) {
            this.suffix = suffix;
            this.description = description;
        }

        public String description() { return description; }

        /** The disagreement of one value with its reference value; NaN where the rule does not apply. */
        public double of(double value, double reference) {
            if (!Double.isFinite(value) || !Double.isFinite(reference)) return Double.NaN;
            if (this == ABS_DIFF) return Math.abs(value - reference);
            return value > 0 && reference > 0 ? Math.abs(Math.log(value / reference)) : Double.NaN;
        }
    }

    /** One quantity read off a spectrum: a window's area, or a height near a position inside a window. */
    public record Measure(BandWindow window, double position) {
        public double of(double[] wn, double[] s) {
            return Double.isNaN(position) ? window.area(wn, s) : window.heightNear(wn, s, position);
        }

        @Override
        public String toString() {
            return Double.isNaN(position) ? "area " + window
                    : "height at ~" + BandWindow.fmt(position) + " above the line across " + window;
        }
    }

    private final String column;
    private final String label;
    private final Measure numerator;
    private final Measure denominator;
    private final Agreement agreement;

    BandRatio(String column, String label, Measure numerator, Measure denominator, Agreement agreement) {
        this.column = column;
        this.label = label;
        this.numerator = numerator;
        this.denominator = denominator;
        this.agreement = agreement;
    }

    private static Measure area(BandWindow w) {
        return new Measure(w, Double.NaN);
    }

    private static Measure height(BandWindow w, double position) {
        return new Measure(w, position);
    }

    /** The name in CSV and JSON columns, e.g. {@code phosphate_amideI}. */
    public String column() { return column; }

    /** The name of this ratio's agreement figure, e.g. {@code phosphate_amideI_abs_log}, {@code ester_amideI_abs_diff}. */
    public String agreementColumn() { return column + "_" + agreement.suffix; }

    /** For people: "phosphate / amide I". */
    public String label() { return label; }

    public Measure numerator() { return numerator; }

    public Measure denominator() { return denominator; }

    public Agreement agreement() { return agreement; }

    /** This ratio of one spectrum on axis {@code wn}; NaN when a window is not covered or the ratio is not finite. */
    public double of(double[] wn, double[] s) {
        double r = numerator.of(wn, s) / denominator.of(wn, s);
        return Double.isFinite(r) ? r : Double.NaN;
    }

    /** Every ratio of one spectrum, in table order. */
    public static double[] all(double[] wn, double[] s) {
        BandRatio[] table = values();
        double[] out = new double[table.length];
        for (int k = 0; k < table.length; k++) out[k] = table[k].of(wn, s);
        return out;
    }
}
