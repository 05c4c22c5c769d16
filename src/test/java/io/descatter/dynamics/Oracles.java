package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions of the oracle pass rule, printing every comparison so that runs document the measured errors. */
final class Oracles {
    private Oracles() {
    }

    static void passes(String test, Comparison c) {
        System.out.println("[" + test + "] " + c);
        assertTrue(c.passes(), test + ": " + c);
    }

    /** The power check: a wrong prediction must fail the same rule, else the test could not fail. */
    static void rejects(String test, Comparison wrong) {
        System.out.println("[" + test + "] " + wrong.asNegativeControl());
        assertFalse(wrong.passes(), test + ": the rule cannot tell the alternative apart: " + wrong);
    }

    static void note(String test, String text) {
        System.out.println("[" + test + "] " + text);
    }
}
