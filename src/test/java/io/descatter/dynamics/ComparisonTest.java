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
}
