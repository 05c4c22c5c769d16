package io.descatter.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Tests that need ../shared skip themselves, saying why, where it is absent. */
class SharedDataTest {
    @Test
    void anAbsentFileSkipsTheTestWithTheReason() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> SharedData.assumePresent("no-such-folder", "no-such-file.csv"));
        assertTrue(skipped.getMessage().contains("no-such-folder") && skipped.getMessage().contains("absent"),
                skipped.getMessage());
    }
}
