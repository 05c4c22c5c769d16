package io.descatter.testing;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;

/** The process id of a process that has ended: that of a child run to its end, as a run killed outright leaves. */
public final class DeadPid {
    private DeadPid() {
    }

    public static long get() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "exit 0").start();
        p.waitFor();
        long pid = p.pid();
        assumeFalse(ProcessHandle.of(pid).isPresent(), "the ended child's pid " + pid + " is in use again");
        return pid;
    }
}
