package io.descatter.spectra.io;

/**
 * A column that is not a wavenumber: an id, a label, a parameter. Its cells pass through unchanged.
 * The Quasar type and flag rows are kept so a Quasar file converts back to itself.
 *
 * @param name header cell
 * @param quasarType Quasar type cell ("string", "continuous", "discrete", …), empty when unknown
 * @param quasarFlag Quasar flag cell ("meta", "class", …), empty when none
 */
public record MetaColumn(String name, String quasarType, String quasarFlag) {
    /** Quasar's (Orange's) flag for the column to predict. */
    public static final String CLASS = "class";
    /** Quasar's flag for a column kept beside the data but not used as a feature. */
    public static final String META = "meta";

    public static MetaColumn named(String name) {
        return new MetaColumn(name, "", "");
    }

    /**
     * The column flagged {@link #CLASS} or {@link #META} in a Quasar header. A class must be discrete or continuous
     * in Orange, so a column of unknown or string type becomes discrete; a meta column keeps its type.
     */
    public MetaColumn withQuasarRole(String flag) {
        if (flag.equals(CLASS)) {
            boolean numericOrDiscrete = quasarType.equals("discrete") || quasarType.equals("continuous");
            return new MetaColumn(name, numericOrDiscrete ? quasarType : "discrete", CLASS);
        }
        if (flag.equals(META)) return new MetaColumn(name, quasarType, META);
        throw new IllegalArgumentException("Quasar role must be class or meta, not " + flag);
    }
}
