package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report folder's files appear together on commit, and nothing at all without one. */
class OutputFolderTest {
    @TempDir
    Path dir;

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewFolderAppearsWholeOnCommit() throws IOException {
        Path target = dir.resolve("reports").resolve("run1"); // missing parents are made
        try (OutputFolder f = OutputFolder.create(target)) {
            Files.writeString(f.path().resolve("a.json"), "{}");
            Files.writeString(f.path().resolve("b.md"), "# b");
            assertFalse(Files.exists(target), "nothing at the target before the commit");
            f.commit();
        }
        assertEquals(List.of("a.json", "b.md"), names(target));
        assertEquals(List.of("run1"), names(dir.resolve("reports")), "no staging folder left");
    }

    @Test
    void anExistingFolderKeepsItsOtherFilesAndGetsTheNewOnes() throws IOException {
        Path target = Files.createDirectory(dir.resolve("out"));
        Files.writeString(target.resolve("a.json"), "old");
        Files.writeString(target.resolve("notes.txt"), "mine");
        try (OutputFolder f = OutputFolder.create(target)) {
            Files.writeString(f.path().resolve("a.json"), "new");
            assertEquals("old", Files.readString(target.resolve("a.json")), "replaced only on commit");
            f.commit();
        }
        assertEquals("new", Files.readString(target.resolve("a.json")));
        assertEquals("mine", Files.readString(target.resolve("notes.txt")));
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void anExistingFolderIsStagedInsideItselfSoItsParentIsNeverWritten() throws IOException {
        Path target = Files.createDirectory(dir.resolve("existing"));
        try (OutputFolder f = OutputFolder.create(target)) {
            assertEquals(target.toAbsolutePath().normalize(), f.path().getParent(), "same folder, same file system");
            Files.writeString(f.path().resolve("r.json"), "{}");
            assertEquals(List.of("existing"), names(dir));
            f.commit();
        }
        assertEquals(List.of("r.json"), names(target));
    }

    @Test
    void aFolderInTheWayOfAReportFileStopsTheCommitBeforeAnythingMoves() throws IOException {
        Path target = Files.createDirectory(dir.resolve("busy"));
        Files.writeString(target.resolve("a.json"), "old");
        Files.createDirectory(target.resolve("b.png"));
        try (OutputFolder f = OutputFolder.create(target)) {
            Files.writeString(f.path().resolve("a.json"), "new");
            Files.writeString(f.path().resolve("b.png"), "png");
            FileSystemException e = assertThrows(FileSystemException.class, f::commit);
            assertTrue(e.getMessage().contains("b.png: is a folder"), e.getMessage());
        }
        assertEquals("old", Files.readString(target.resolve("a.json")), "all or nothing");
        assertEquals(List.of("a.json", "b.png"), names(target), "the staging folder is gone");
    }

    @Test
    void aBrokenLinkIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("nowhere"));
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputFolder.create(link));
        assertTrue(e.getMessage().contains("is a broken link"), e.getMessage());
    }

    @Test
    void withoutACommitNothingIsLeft() throws IOException {
        Path target = dir.resolve("failed");
        try (OutputFolder f = OutputFolder.create(target)) {
            Files.writeString(f.path().resolve("summary.json"), "{}");
            // the command fails here
        }
        assertFalse(Files.exists(target));
        assertEquals(List.of(), names(dir), "the staging folder and its files are gone");
    }

    @Test
    void aFileWhereTheFolderShouldBeIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputFolder.create(file));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
        FileSystemException below = assertThrows(FileSystemException.class, () -> OutputFolder.create(file.resolve("run")));
        assertTrue(below.getMessage().contains("is a file, not a folder"), below.getMessage());
        assertEquals(List.of("taken"), names(dir));
    }
}
