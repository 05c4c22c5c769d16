package io.descatter.spectra.io;

/** A metadata column named by the caller (an option) that the file does not have. */
public final class UnknownColumnException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnknownColumnException(String source, String column, String purpose, java.util.List<MetaColumn> present) {
        super(source + " has no column '" + column + "' " + purpose + " (its columns besides the wavenumbers: "
                + (present.isEmpty() ? "none" : String.join(", ", present.stream().map(MetaColumn::name).toList())) + ")");
    }
}
