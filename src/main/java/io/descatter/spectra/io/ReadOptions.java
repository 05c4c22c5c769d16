package io.descatter.spectra.io;

/**
 * How to read a spectra file.
 *
 * @param layout the layout, or null to detect it
 * @param delimiter the cell delimiter, or null to detect it (comma, semicolon or tab)
 * @param allowMissing whether empty and NaN cells are read as NaN (missing values) instead of being refused
 */
public record ReadOptions(Layout layout, Character delimiter, boolean allowMissing) {
    public static ReadOptions defaults() {
        return new ReadOptions(null, null, false);
    }

    public ReadOptions withLayout(Layout l) {
        return new ReadOptions(l, delimiter, allowMissing);
    }

    public ReadOptions withDelimiter(Character d) {
        return new ReadOptions(layout, d, allowMissing);
    }

    public ReadOptions withAllowMissing(boolean allow) {
        return new ReadOptions(layout, delimiter, allow);
    }
}
