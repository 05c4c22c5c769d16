package io.descatter.emsc;

/** A least-squares model whose columns are linearly dependent (to working precision) or not finite. */
public class SingularFitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SingularFitException(String message) {
        super(message);
    }
}
