package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The wording of comparisons in the test log. */
class ComparisonTest {
    @Test
    void aRejectedNegativeControlDoesNotReadLikeAFailure() {
        Comparison wrong = new Comparison("kappa", 1.0, 0.9, 0.11, 0.01, 0.02); // 11 % off, tolerance 3 %
        assertFalse(wrong.passes());
        String line = wrong.asNegativeControl();
        assertTrue(line.endsWith("rejected as expected"), line);
        assertFalse(line.contains("FAIL"), line);

        Comparison indistinguishable = new Comparison("kappa", 1.0, 0.99, 0.01, 0.01, 0.02);
        assertTrue(indistinguishable.asNegativeControl().contains("NOT REJECTED"), indistinguishable.asNegativeControl());
    }

    @Test
    void anApproximationIsReportedWithItsExpectedOffsetAndNoVerdict() {
        Comparison far = new Comparison("sigma_continuum", 1.13, 1.0, 0.113, 0.02, 0.005)
                .asApproximation("continuum approximation (leading order in η)", 0.099);
        assertTrue(far.isApproximation());
        assertFalse(far.passes(), "the numbers alone would fail");
        String line = far.toString();
        assertFalse(line.contains("FAIL") || line.endsWith("ok"), line);
        assertTrue(line.contains("continuum approximation (leading order in η) 1.00000: expected 9.90% off; measured 11.3% off"), line);
        assertTrue(new Comparison("sigma_exact", 1.13, 1.0, 0.113, 0.02, 0.005).toString().endsWith("FAIL"));
    }
}
