package io.descatter.cli;

import io.descatter.spectra.io.TableSchema;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The decimal mark of written spectra; shared by the commands that write spectra files. */
final class OutputDecimalOption {
    @Option(names = "--output-decimal", paramLabel = "MARK",
            description = "Decimal mark of the written spectra: point or comma. comma writes ';'-delimited cells with "
                    + "decimal commas (0,1234), as European spreadsheets read and write them (default: the input's; "
                    + "point where there is no input).")
    String mark;

    /** '.' or ',', or null to keep the input's. */
    Character mark() {
        if (mark == null) return null;
        return switch (mark.trim().toLowerCase(Locale.ROOT)) {
            case "point", "dot", "." -> '.';
            case "comma", "," -> ',';
            default -> throw new UsageException("--output-decimal must be point or comma, not '" + mark + "'");
        };
    }

    /** The schema written with the chosen mark (a comma-delimited one becomes semicolon-delimited for decimal commas). */
    TableSchema applyTo(TableSchema schema) {
        Character m = mark();
        return m == null ? schema : schema.withDecimalMark(m);
    }
}
