package io.descatter.dynamics;

/** A measured value with its 95 % confidence interval [low, high]. */
public record Interval(double value, double low, double high) {

    /** Two-sided 95 % Student-t interval of a batch-means estimate (K batches, K − 1 degrees of freedom). */
    public static Interval of(ScalarEstimate e) {
        double half = StudentT.quantile(0.975, e.batches() - 1) * e.error();
        return new Interval(e.value(), e.value() - half, e.value() + half);
    }

    /** The interval of the mean of independent batch values. */
    public static Interval ofBatches(double[] batchValues) {
        return of(ScalarEstimate.of(batchValues));
    }

    public boolean contains(double x) {
        return x >= low && x <= high;
    }

    public double halfWidth() {
        return 0.5 * (high - low);
    }
}
