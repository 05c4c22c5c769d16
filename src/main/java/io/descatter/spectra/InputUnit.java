package io.descatter.spectra;

import java.util.Locale;

/**
 * What the values of an input file measure. The corrections work on absorbance; transmittance (0-1) and percent
 * transmittance (0-100) are converted by A = -log10(T) and A = 2 - log10(%T).
 */
public enum InputUnit {
    ABSORBANCE("absorbance", Double.NaN),
    TRANSMITTANCE("transmittance", 1),
    PERCENT_TRANSMITTANCE("percent-transmittance", 100);

    private final String label;
    private final double fullTransmission;

    InputUnit(String label, double fullTransmission) {
        this.label = label;
        this.fullTransmission = fullTransmission;
    }

    /** The name on the command line: absorbance, transmittance, percent-transmittance. */
    public String label() { return label; }

    /** The unit of a command-line name, or an {@link IllegalArgumentException} listing the names. */
    public static InputUnit of(String name) {
        for (InputUnit u : values()) if (u.label.equals(name.toLowerCase(Locale.ROOT))) return u;
        throw new IllegalArgumentException("--input-unit must be absorbance, transmittance or percent-transmittance, not '"
                + name + "'");
    }

    /**
     * Converts every spectrum of {@code chunk} to absorbance in place (nothing to do for absorbance); missing
     * values stay missing.
     *
     * @throws BadInputException naming {@code source}, the line and the wavenumber of a value that is not positive
     *         (a transmittance of 0 or below has no absorbance)
     */
    public void toAbsorbance(SpectraChunk chunk, WavenumberAxis axis, String source) {
        if (this == ABSORBANCE) return;
        double[] v = chunk.values();
        for (int r = 0; r < chunk.rows(); r++) {
            int offset = chunk.offset(r);
            for (int p = 0; p < chunk.points(); p++) {
                double t = v[offset + p];
                if (t <= 0) {
                    throw new BadInputException(source, chunk.line(r), 0, String.format(Locale.ROOT,
                            "%s %s at %s cm-1 is not positive: it has no absorbance", label, t, axis.get(p)));
                }
                v[offset + p] = -Math.log10(t / fullTransmission); // NaN stays NaN
            }
        }
    }
}
