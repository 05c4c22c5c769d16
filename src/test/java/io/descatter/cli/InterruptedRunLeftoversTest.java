package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.testing.Cli;
import io.descatter.testing.DeadPid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed outright (SIGKILL) leaves its partial output beside the target; the next run writing that target
 * removes it and says so in one line, and leaves a live writer's partial file alone.
 */
class InterruptedRunLeftoversTest {
    @TempDir
    Path dir;

    @Test
    void correctRemovesTheKilledRunsPartialFileAndSaysSo() throws Exception {
        Path raw = dir.resolve("raw.csv");
        assertEquals(ExitCode.OK, Cli.run("simulate", "--n", "2", "--seed", "3", "-o", raw.toString()).exitCode());
        Path stale = Files.writeString(dir.resolve(".out.csv.pid" + DeadPid.get() + ".9c0ffee.part"), "partial");
        Path live = Files.writeString(dir.resolve(".out.csv.pid" + ProcessHandle.current().pid() + ".51de.part"), "in progress");
        Path out = dir.resolve("out.csv");

        Cli.Run run = Cli.run("correct", raw.toString(), "-o", out.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertFalse(Files.exists(stale), "the dead writer's partial file is removed");
        assertTrue(Files.exists(live), "a live writer's partial file stays");
        assertTrue(Files.exists(out));
        String expected = "descatter: removed 1 partial file left by an interrupted run: " + out.resolveSibling(stale.getFileName());
        assertEquals(1, Arrays.stream(run.errLines()).filter(expected::equals).count(), run::toString);
    }

    @Test
    void nothingIsSaidWhenNothingIsLeftOver() throws Exception {
        Path raw = dir.resolve("raw.csv");
        Cli.run("simulate", "--n", "1", "--seed", "3", "-o", raw.toString());
        Cli.Run run = Cli.run("correct", raw.toString(), "-o", dir.resolve("out.csv").toString());
        assertFalse(run.err().contains("partial file"), run::toString);
    }
}
