package io.descatter.cli;

import io.descatter.spectra.InputUnit;
import picocli.CommandLine.Option;

/** What the input's values measure; shared by the commands that correct spectra. */
final class InputUnitOption {
    @Option(names = "--input-unit", paramLabel = "UNIT",
            description = "absorbance, transmittance (0-1) or percent-transmittance (0-100): the last two are converted "
                    + "to absorbance with -log10. Without it, input that looks like transmittance is refused (exit 3); "
                    + "absorbance skips that check.")
    String unit;

    /** The unit given, or null when the input is to be checked. */
    InputUnit unit() {
        if (unit == null) return null;
        try {
            return InputUnit.of(unit);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
