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
    public static MetaColumn named(String name) {
        return new MetaColumn(name, "", "");
    }
}
