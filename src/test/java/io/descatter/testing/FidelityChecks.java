package io.descatter.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks on the chemical fidelity that {@code evaluate} writes to evaluation.json. */
public final class FidelityChecks {
    private FidelityChecks() {
    }

    /**
     * Every band ratio of the correction at least as close to the reference as the raw input's (the "never worse
     * than the uncorrected input").
     *
     * @param agreement {@code fidelity → vsTruth|vsMemsc → groups → all → agreement}
     */
    public static void everyRatioAsCloseAsTheRawInputs(JsonNode agreement, String what) {
        for (var it = agreement.get("raw").fieldNames(); it.hasNext(); ) {
            String ratio = it.next();
            double got = agreement.get("network").get(ratio).asDouble();
            double raw = agreement.get("raw").get(ratio).asDouble();
            assertTrue(got <= raw, what + " " + ratio + ": " + got + " vs the raw input's " + raw);
        }
    }
}
