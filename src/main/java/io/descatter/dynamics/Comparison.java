package io.descatter.dynamics;

/**
 * A measured quantity beside its prediction, with the oracle pass rule of SGD-THEORY.md:
 * relative error ≤ max(3 ε̂, floor), ε̂ the batch-means standard error relative to the prediction.
 * For matrices, measured and predicted are Frobenius norms and the error is the relative Frobenius error.
 *
 * @param approximation  null for a prediction meant to be exact (checked by the rule); else what the prediction
 *                       approximates and why it misses (reported, never failed)
 * @param expectedOffset for an approximation, how far off it is expected to be (relative; its distance from the exact
 *                       prediction where there is one), else NaN
 */
public record Comparison(String name, double measured, double predicted, double relativeError,
                         double relativeStandardError, double floor, String approximation, double expectedOffset) {

    /** A prediction meant to be exact, checked by the pass rule. */
    public Comparison(String name, double measured, double predicted, double relativeError, double relativeStandardError,
                      double floor) {
        this(name, measured, predicted, relativeError, relativeStandardError, floor, null, Double.NaN);
    }

    /** The same numbers with the prediction labelled an approximation expected to be off by {@code expectedOffset}. */
    public Comparison asApproximation(String label, double expectedOffset) {
        return new Comparison(name, measured, predicted, relativeError, relativeStandardError, floor, label, expectedOffset);
    }

    public boolean isApproximation() {
        return approximation != null;
    }

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

    /**
     * An exact prediction with its verdict ("ok" or "FAIL"); an approximation with what it approximates, how far off
     * it is expected to be and how far off it is, never a verdict.
     */
    @Override
    public String toString() {
        if (isApproximation()) {
            String expected = Double.isFinite(expectedOffset) ? String.format("expected %.3g%% off; ", 100 * expectedOffset) : "";
            String noise = Double.isFinite(relativeStandardError) ? String.format(" (ε̂ %.3g%%)", 100 * relativeStandardError) : "";
            return String.format("%s: measured %.6g | %s %.6g: %smeasured %.3g%% off%s", name, measured, approximation,
                    predicted, expected, 100 * relativeError, noise);
        }
        return String.format("%s, tolerance %.3g%%: %s", summary(), 100 * tolerance(), passes() ? "ok" : "FAIL");
    }
}
