package io.descatter.spectra.io;

import java.util.Locale;

/** How spectra are laid out in a CSV file. */
public enum Layout {
    /** One spectrum per row; header cells that parse as numbers are wavenumbers, all others metadata. */
    WIDE,
    /** Wide with Orange/Quasar's three header rows: names, types (continuous/discrete/string), flags (meta/class). */
    QUASAR,
    /** First column wavenumbers, one column per spectrum; an optional header row holds the spectrum ids. */
    COLUMNAR;

    public static Layout parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
