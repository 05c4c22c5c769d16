package io.descatter.spectra;

/** Two wavenumber axes that cannot be brought together: a target range that the data does not cover. */
public class AxisMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AxisMismatchException(String message) {
        super(message);
    }
}
