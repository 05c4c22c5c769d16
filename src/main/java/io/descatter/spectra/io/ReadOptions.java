package io.descatter.spectra.io;

/**
 * How to read a spectra file.
 *
 * @param layout the layout, or null to detect it
 * @param delimiter the cell delimiter, or null to detect it (comma, semicolon, tab, or ' ' for runs of blanks)
 * @param allowMissing whether empty and NaN cells are read as NaN (missing values) instead of being refused
 * @param decimalComma whether numbers use ',' as the decimal mark (European spreadsheets); false detects it
 * @param axisUnit the unit of a text file's axis (images carry their own)
 */
public record ReadOptions(Layout layout, Character delimiter, boolean allowMissing, boolean decimalComma,
        io.descatter.spectra.AxisUnit axisUnit) {
    public ReadOptions {
        if (axisUnit == null) axisUnit = io.descatter.spectra.AxisUnit.WAVENUMBER;
    }

    public ReadOptions(Layout layout, Character delimiter, boolean allowMissing, boolean decimalComma) {
        this(layout, delimiter, allowMissing, decimalComma, io.descatter.spectra.AxisUnit.WAVENUMBER);
    }

    public ReadOptions(Layout layout, Character delimiter, boolean allowMissing) {
        this(layout, delimiter, allowMissing, false);
    }

    public static ReadOptions defaults() {
        return new ReadOptions(null, null, false, false);
    }

    public ReadOptions withDelimiter(Character d) {
        return new ReadOptions(layout, d, allowMissing, decimalComma, axisUnit);
    }

    public ReadOptions withAllowMissing(boolean allow) {
        return new ReadOptions(layout, delimiter, allow, decimalComma, axisUnit);
    }

    public ReadOptions withDecimalComma(boolean comma) {
        return new ReadOptions(layout, delimiter, allowMissing, comma, axisUnit);
    }

    /**
     * How a companion file of the data (a reference, an interferent) is read: its layout and decimal mark detected on
     * their own and its axis in cm⁻¹ (the shipped references'), whatever the data's are.
     */
    public ReadOptions forCompanion() {
        return new ReadOptions(null, delimiter, allowMissing, false, io.descatter.spectra.AxisUnit.WAVENUMBER);
    }
}
