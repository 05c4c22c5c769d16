package io.descatter.spectra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WavenumberAxisTest {
    @Test
    void theIndexRangeOfAWindowHoldsItsPointsWhicheverWayTheAxisRuns() {
        WavenumberAxis up = WavenumberAxis.of(1000, 1002, 1004, 1006, 1008, 1010);
        assertArrayEquals(new int[] {1, 3}, up.indexRange(1001, 1006), "ends inclusive");
        assertArrayEquals(new int[] {0, 5}, up.indexRange(900, 2000));
        WavenumberAxis down = WavenumberAxis.of(1010, 1008, 1006, 1004, 1002, 1000);
        assertArrayEquals(new int[] {2, 4}, down.indexRange(1001, 1006));
        assertNull(up.indexRange(1011, 1100), "no point inside");
        assertNull(up.indexRange(1003, 1003.5), "between two points");
    }
}
