package io.descatter.cli;

import io.descatter.spectra.io.OutputTarget;
import io.descatter.util.Counted;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Says, in one line on standard error, which partial files of runs killed outright were removed before this run
 * writes the same targets (files of a run still at work are never touched).
 */
final class Leftovers {
    private Leftovers() {
    }

    /** Removes the stale partial files of each target (null ones skipped) and says which. */
    static void remove(PrintWriter err, OutputTarget... targets) {
        List<Path> removed = new ArrayList<>();
        for (OutputTarget t : targets) if (t != null) removed.addAll(t.removeLeftovers());
        report(err, removed);
    }

    static void report(PrintWriter err, List<Path> removed) {
        if (removed.isEmpty()) return;
        err.printf("descatter: removed %s left by an interrupted run: %s%n",
                Counted.of(removed.size(), "partial file", "partial files"),
                removed.stream().map(Path::toString).collect(Collectors.joining(", ")));
        err.flush();
    }
}
