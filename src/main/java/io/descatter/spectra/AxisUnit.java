package io.descatter.spectra;

import java.util.Locale;

/**
 * The unit of a text file's axis. descatter works in wavenumbers (cm⁻¹); some instruments and exports give the
 * mid-infrared as wavelength, in µm (2.5–25 µm is 4000–400 cm⁻¹) or nm, which is read as 10⁴ / µm or 10⁷ / nm.
 */
public enum AxisUnit {
    WAVENUMBER("cm-1", Double.NaN),
    MICROMETRE("um", 1e4),
    NANOMETRE("nm", 1e7);

    /** An axis whose largest value is below this is no mid-infrared wavenumber axis, but likely wavelength in µm. */
    static final double MICROMETRE_MAX = 50;

    private final String label;
    private final double wavenumberTimesWavelength;

    AxisUnit(String label, double wavenumberTimesWavelength) {
        this.label = label;
        this.wavenumberTimesWavelength = wavenumberTimesWavelength;
    }

    /** The name on the command line: cm-1, um, nm. */
    public String label() { return label; }

    /** The unit of a command-line name ({@code µm} also for um), or an {@link IllegalArgumentException} listing the names. */
    public static AxisUnit of(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('µ', 'u');
        for (AxisUnit u : values()) if (u.label.equals(n)) return u;
        throw new IllegalArgumentException("--axis-unit must be cm-1, um or nm, not '" + name + "'");
    }

    /**
     * The wavenumbers (cm⁻¹) of axis values in this unit, point for point (so a wavelength axis's order reverses).
     *
     * @throws BadInputException naming {@code source} where a wavelength is not positive
     */
    public double[] toWavenumbers(double[] values, String source) {
        if (this == WAVENUMBER) return values;
        double[] w = new double[values.length];
        for (int i = 0; i < w.length; i++) {
            if (!(values[i] > 0)) {
                throw new BadInputException(source, 0, 0, "wavelength " + values[i] + " " + label + " has no wavenumber (--axis-unit "
                        + label + " takes the axis as wavelength)");
            }
            w[i] = wavenumberTimesWavelength / values[i];
        }
        return w;
    }

    /**
     * What to say of an axis read as wavenumbers that is more likely wavelength, or null: below 50 it is µm (no
     * mid-infrared axis in cm⁻¹ ends there).
     */
    public static String wavelengthHint(WavenumberAxis axis) {
        if (axis.max() < MICROMETRE_MAX) {
            return String.format(Locale.ROOT, "the axis %s–%s looks like wavelength in µm (the mid-infrared's 2.5–25 µm are "
                    + "4000–400 cm-1), not wavenumber: give --axis-unit um to read it as wavelength, or make a wavenumber copy "
                    + "first (descatter convert IN --axis-unit um -o OUT.csv)", axis.min(), axis.max());
        }
        return null;
    }
}
