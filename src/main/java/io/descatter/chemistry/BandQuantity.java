package io.descatter.chemistry;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.WavenumberAxis;
import java.util.List;

/**
 * One number read off each spectrum of a chemical map: a band's area above the straight line across its window
 * ({@link BandWindow#area}), or the ratio of two such areas. Written as a preset name ({@code amide-I}, see
 * {@link BandPreset}), a window {@code FROM:TO} in cm⁻¹, or {@code A/B} of two of these.
 */
public sealed interface BandQuantity permits BandQuantity.Area, BandQuantity.Ratio {
    /** What an area is measured in: the spectrum's unit times cm⁻¹. */
    String AREA_UNIT = "absorbance × cm⁻¹";
    /** A ratio of two areas has none. */
    String RATIO_UNIT = "ratio, no unit";

    /** The quantity of one spectrum on axis {@code wn}; NaN when it is not a finite number. */
    double of(double[] wn, double[] s);

    /** For people: {@code amide-I 1600–1710 cm⁻¹}. */
    String label();

    /** The unit of {@link #of}, for colour bars. */
    String unit();

    /** The windows it reads. */
    List<Area> areas();

    /**
     * Refuses an axis that does not reach one of the windows (every value would be NaN).
     *
     * @throws AxisMismatchException naming {@code source}, the window and the axis' range
     */
    default void requireCoveredBy(WavenumberAxis axis, String source) {
        double[] wn = axis.values();
        double[] zero = new double[wn.length];
        for (Area a : areas()) {
            if (Double.isNaN(a.window().area(wn, zero))) {
                throw new AxisMismatchException(source, "the axis (" + axis.describe() + ") does not reach the window of "
                        + a.label());
            }
        }
    }

    /** A band's area above the line across its window; {@code name} is the preset's name or empty. */
    record Area(String name, BandWindow window) implements BandQuantity {
        @Override
        public double of(double[] wn, double[] s) {
            double v = window.area(wn, s);
            return Double.isFinite(v) ? v : Double.NaN;
        }

        @Override
        public String label() { return name.isEmpty() ? "area " + window : name + " " + window; }

        @Override
        public String unit() { return AREA_UNIT; }

        @Override
        public List<Area> areas() { return List.of(this); }
    }

    /** The ratio of two areas of the same spectrum. */
    record Ratio(Area numerator, Area denominator) implements BandQuantity {
        @Override
        public double of(double[] wn, double[] s) {
            double r = numerator.of(wn, s) / denominator.of(wn, s);
            return Double.isFinite(r) ? r : Double.NaN;
        }

        @Override
        public String label() { return numerator.label() + " / " + denominator.label(); }

        @Override
        public String unit() { return RATIO_UNIT; }

        @Override
        public List<Area> areas() { return List.of(numerator, denominator); }
    }

    /**
     * Parses {@code amide-I}, {@code 1600:1710} (either order), or {@code A/B} of two of these.
     *
     * @throws IllegalArgumentException with a message for the user that names what was not understood
     */
    static BandQuantity parse(String spec) {
        String s = spec.trim();
        int slash = s.indexOf('/');
        if (slash < 0) return area(s);
        if (s.indexOf('/', slash + 1) >= 0) throw new IllegalArgumentException("'" + spec + "': a ratio has one '/': A/B");
        return new Ratio(area(s.substring(0, slash)), area(s.substring(slash + 1)));
    }

    private static Area area(String text) {
        String s = text.trim();
        BandPreset preset = BandPreset.find(s);
        if (preset != null) return new Area(preset.label(), preset.window());
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + s + "' is neither a band preset (" + BandPreset.names()
                    + ") nor a window FROM:TO in cm⁻¹ (e.g. 1600:1710)");
        }
        double a;
        double b;
        try {
            a = Double.parseDouble(s.substring(0, colon).trim());
            b = Double.parseDouble(s.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "': a window is two wavenumbers FROM:TO in cm⁻¹, e.g. 1600:1710");
        }
        if (!Double.isFinite(a) || !Double.isFinite(b) || a == b) {
            throw new IllegalArgumentException("'" + s + "': a window needs two different finite wavenumbers");
        }
        return new Area("", new BandWindow(Math.min(a, b), Math.max(a, b)));
    }
}
