package io.descatter.report;

import io.descatter.dynamics.Interval;

/**
 * One point of a figure where a theory line meets a measurement: inside when the theory lies in the measured 95 %
 * interval. {@code approximation} marks a prediction that is not meant to be exact (reported, never a failure).
 */
public record TheoryCheck(String figure, String quantity, double x, double theory, Interval measured, boolean approximation) {

    public boolean inside() {
        return measured.contains(theory);
    }

    /** |measured − theory| in units of the interval's half-width (≤ 1 inside). */
    public double distance() {
        return Math.abs(measured.value() - theory) / measured.halfWidth();
    }
}
