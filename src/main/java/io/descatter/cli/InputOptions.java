package io.descatter.cli;

import io.descatter.spectra.AxisUnit;
import io.descatter.spectra.io.Layout;
import io.descatter.spectra.io.ReadOptions;
import picocli.CommandLine.Option;

/** How input spectra files are read; shared by every command that reads spectra. */
final class InputOptions {
    @Option(names = "--input-layout", paramLabel = "LAYOUT",
            description = "Layout of the input: wide, quasar or columnar (default: detected).",
            converter = LayoutConverter.class)
    Layout layout;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "Input cell delimiter: ',', ';', 'tab' or 'whitespace' (runs of spaces and tabs, as in aligned text exports; default: detected from the first line that is not a comment).",
            converter = DelimiterConverter.class)
    Character delimiter;

    @Option(names = "--allow-nan",
            description = "Read empty and NaN cells as missing values instead of refusing them (correct fills a few by "
                    + "linear interpolation: see its --max-missing).")
    boolean allowMissing;

    @Option(names = "--decimal-comma",
            description = "Read ',' as the decimal mark (0,1234), as European spreadsheets export: the delimiter is then "
                    + "';' or tab. Default: detected (a ';' or tab file whose numbers mostly use ',').")
    boolean decimalComma;

    @Option(names = "--axis-unit", paramLabel = "UNIT",
            description = "Unit of a text file's axis: cm-1 (default), or um or nm for wavelengths, read as wavenumbers "
                    + "10^4/um or 10^7/nm (their order reverses). Images carry their own unit.")
    String axisUnit;

    ReadOptions toReadOptions() {
        if (decimalComma && delimiter != null && delimiter == ',') {
            throw new UsageException("--decimal-comma needs a delimiter other than ',' (--delimiter ';' or tab)");
        }
        AxisUnit unit;
        try {
            unit = axisUnit == null ? AxisUnit.WAVENUMBER : AxisUnit.of(axisUnit);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new ReadOptions(layout, delimiter, allowMissing, decimalComma, unit);
    }
}
