package io.descatter.cli;

/** A command line that parses but cannot be carried out, such as an output path equal to the input path. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    /** The output format for a --digits option: float precision when absent, else N significant digits (0: exact). */
    static io.descatter.spectra.io.DoubleFormatter digits(Integer digits) {
        try {
            return digits == null ? io.descatter.spectra.io.DoubleFormatter.floatPrecision()
                    : io.descatter.spectra.io.DoubleFormatter.significantDigits(digits);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The input files of a command that reads several as one table ({@link io.descatter.spectra.io.InputSource#of(List)}). */
    static io.descatter.spectra.io.InputSource inputs(java.util.List<String> names) {
        try {
            return io.descatter.spectra.io.InputSource.of(names);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Refuses an output that would overwrite the input (the same file under any spelling). */
    static void requireDistinct(io.descatter.spectra.io.InputSource input, io.descatter.spectra.io.OutputTarget output) {
        if (output.isSameFileAs(input)) {
            throw new UsageException(output.name() + ": the output is the input file; choose another output name");
        }
    }

    /** A {@code MIN:MAX} option value as two numbers. */
    static double[] range(String option, String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 2) throw new UsageException(option + " must be MIN:MAX, got '" + spec + "'");
        try {
            return new double[] {Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be MIN:MAX with numbers, got '" + spec + "'");
        }
    }

    /** A --threads option: all processors when absent; at least 1. */
    static int threads(Integer requested) {
        if (requested == null) return Runtime.getRuntime().availableProcessors();
        if (requested < 1) throw new UsageException("--threads must be at least 1, got " + requested);
        return requested;
    }
}
