package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.testing.DeadPid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial outputs carry their writer's pid, and a new output removes those its own target's dead writers left
 * (a run killed outright runs no cleanup), never those of a live writer or of another target.
 */
class LeftoverPartsTest {
    @TempDir
    Path dir;

    private static long self() {
        return ProcessHandle.current().pid();
    }

    private Path part(String base, long pid, boolean folder) throws IOException {
        Path p = dir.resolve("." + base + ".pid" + pid + ".1f3a.part");
        if (folder) {
            Files.createDirectories(p.resolve("plots"));
            Files.writeString(p.resolve("plots").resolve("a.png"), "x");
        } else {
            Files.writeString(p, "1,2,3\n");
        }
        return p;
    }

    @Test
    void thePendingFileCarriesTheWritersPid() throws IOException {
        try (OutputTarget t = OutputTarget.of(dir.resolve("out.csv").toString())) {
            t.open().write("x");
            try (Stream<Path> s = Files.list(dir)) {
                String name = s.findFirst().orElseThrow().getFileName().toString();
                assertTrue(name.matches("\\.out\\.csv\\.pid" + self() + "\\.[0-9a-f]+\\.part"), name);
            }
        }
    }

    @Test
    void deadWritersFilesOfTheSameTargetGoOthersStay() throws Exception {
        long dead = DeadPid.get();
        Path stale = part("out.csv", dead, false);
        Path live = part("out.csv", self(), false);
        Path otherTarget = part("out.csv.gz", dead, false);
        Path oldStyle = Files.writeString(dir.resolve(".out.csv.5d2e.part"), "no pid"); // unknown writer: kept
        String given = dir.resolve("out.csv").toString();

        List<Path> removed = OutputTarget.of(given).removeLeftovers();

        assertEquals(List.of(Path.of(given).resolveSibling(stale.getFileName())), removed);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live) && Files.exists(otherTarget) && Files.exists(oldStyle));
    }

    @Test
    void openingATargetRemovesItsStaleFilesToo() throws Exception {
        Path stale = part("out.csv", DeadPid.get(), false);
        try (OutputTarget t = OutputTarget.of(dir.resolve("out.csv").toString())) {
            t.open().write("x");
            t.commit();
        }
        assertFalse(Files.exists(stale));
    }

    @Test
    void aReportFoldersStaleStagingFoldersGoBesideAndInside() throws Exception {
        long dead = DeadPid.get();
        Path beside = part("report", dead, true);
        Path besideLive = part("report", self(), true);
        try (OutputFolder f = OutputFolder.create(dir.resolve("report"))) {
            assertEquals(List.of(dir.resolve("report").resolveSibling(beside.getFileName())), f.removedLeftovers());
            f.commit();
        }
        assertFalse(Files.exists(beside));
        assertTrue(Files.exists(besideLive));

        Path inside = Files.createDirectory(dir.resolve("report").resolve(".descatter-report.pid" + dead + ".77.part"));
        try (OutputFolder f = OutputFolder.create(dir.resolve("report"))) {
            assertEquals(List.of(dir.resolve("report").resolve(inside.getFileName())), f.removedLeftovers());
        }
        assertFalse(Files.exists(inside));
    }
}
