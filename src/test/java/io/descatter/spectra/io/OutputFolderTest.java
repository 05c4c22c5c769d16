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
