package io.descatter.dynamics;

/**
 * A measured quantity beside its prediction, with the oracle pass rule of SGD-THEORY.md:
 * relative error ≤ max(3 ε̂, floor), ε̂ the batch-means standard error relative to the prediction.
 * For matrices, measured and predicted are Frobenius norms and the error is the relative Frobenius error.
 */
public record Comparison(String name, double measured, double predicted, double relativeError,
                         double relativeStandardError, double floor) {

    public double tolerance() {
        return Math.max(3 * relativeStandardError, floor);
    }

    /** Within the tolerance; never for a measurement that is not a number (Inf ≤ Inf would pass). */
    public boolean passes() {
        return Double.isFinite(measured) && Double.isFinite(relativeError) && Double.isFinite(tolerance())
                && relativeError <= tolerance();
    }

    /** The numbers without a verdict, for quantities that are reported rather than checked. */
    public String summary() {
        return String.format("%s: measured %.6g, predicted %.6g, rel. error %.3g%% (ε̂ %.3g%%)",
                name, measured, predicted, 100 * relativeError, 100 * relativeStandardError);
    }

    /**
     * The line of a power check, a wrong prediction that the rule must reject: "rejected as expected" when it fails
     * the rule, so that a test log's negative controls do not read like failures.
     */
    public String asNegativeControl() {
        return String.format("negative control: %s, tolerance %.3g%%: %s", summary(), 100 * tolerance(),
                passes() ? "NOT REJECTED (the rule cannot tell it apart)" : "rejected as expected");
    }

    @Override
    public String toString() {
        return String.format("%s, tolerance %.3g%%: %s", summary(), 100 * tolerance(), passes() ? "ok" : "FAIL");
    }
}
