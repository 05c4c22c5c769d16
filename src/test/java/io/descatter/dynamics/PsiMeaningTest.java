package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PsiMeaningTest {
    @Test
    void placesTheIntervalAgainstTheLinearTheory() {
        assertTrue(PsiMeaning.describe(new Interval(1.96, 1.93, 1.99)).contains("between the linear theory's sharp-mode limit 0 and flat-mode limit 2"));
        assertTrue(PsiMeaning.describe(new Interval(2.0, 1.9, 2.1)).contains("flat-mode limit ψ = 2"));
        assertTrue(PsiMeaning.describe(new Interval(4.0, 3.5, 4.5)).contains("steeper than any linear-network mode"));
        assertTrue(PsiMeaning.describe(new Interval(-2.0, -2.5, -1.5)).contains("negative"));
        assertTrue(PsiMeaning.describe(new Interval(0.1, -0.5, 0.7)).contains("consistent with ψ = 0"));
        assertTrue(PsiMeaning.describe(new Interval(4.8, -2.1, 11.7)).contains("too wide"));
        // wide, but wholly below the linear range: that much is known
        assertTrue(PsiMeaning.describe(new Interval(-3.7, -6.0, -1.4)).contains("negative"));
    }
}
