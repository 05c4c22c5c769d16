package io.descatter.dynamics;

/** SGD whose parameters left the finite numbers: the learning rate is above the stability limit for the data. */
public class DivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DivergedException(String message) {
        super(message);
    }
}
