package io.descatter.spectra;

/** Two wavenumber axes that cannot be brought together: a target range that the data does not cover. */
public class AxisMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AxisMismatchException(String message) {
        super(message);
    }

    /** The same problem, said of one file: {@code "FILE: message"}. */
    public AxisMismatchException in(String file) {
        AxisMismatchException e = new AxisMismatchException(file + ": " + getMessage());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
