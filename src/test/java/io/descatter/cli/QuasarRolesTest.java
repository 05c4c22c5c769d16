package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** convert --layout quasar --class/--meta flag columns in the Quasar header; a missing column is exit 2. */
class QuasarRolesTest {
    @TempDir
    Path dir;

    private Path wide() throws Exception {
        return Files.writeString(dir.resolve("in.csv"), "id,group,1000,1001,1002\na,x,1,2,3\nb,y,4,5,6\n");
    }

    @Test
    void classAndMetaAreWrittenInTheFlagRowAndReadBack() throws Exception {
        Path out = dir.resolve("q.csv");
        Cli.Run run = Cli.run("convert", wide().toString(), "-o", out.toString(), "--layout", "quasar", "--class", "group",
                "--meta", "id");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertEquals("id,group,1000,1001,1002\nstring,discrete,continuous,continuous,continuous\nmeta,class,,,\na,x,1,2,3\nb,y,4,5,6\n",
                Files.readString(out));
        MetaColumn group = SpectraTable.read(out.toString()).schema().meta().get(1);
        assertEquals(new MetaColumn("group", "discrete", "class"), group);

        // a Quasar class column made meta again keeps its type
        Path back = dir.resolve("back.csv");
        assertEquals(ExitCode.OK, Cli.run("convert", out.toString(), "-o", back.toString(), "--layout", "quasar", "--meta",
                "group").exitCode());
        assertTrue(Files.readString(back).startsWith("id,group,1000,1001,1002\nstring,discrete,continuous,continuous,continuous\nmeta,meta,,,\n"));
    }

    @Test
    void aColumnTheFileLacksIsExit2NamingItAndWritesNothing() throws Exception {
        Path out = dir.resolve("q.csv");
        Cli.Run run = Cli.run("convert", wide().toString(), "-o", out.toString(), "--layout", "quasar", "--class", "label");
        assertEquals(ExitCode.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("has no column 'label' to mark as class (its columns besides the wavenumbers: id, group)"),
                run::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void rolesNeedTheQuasarLayoutAndOneRoleAColumn() throws Exception {
        Path out = dir.resolve("q.csv");
        Cli.Run wideOut = Cli.run("convert", wide().toString(), "-o", out.toString(), "--class", "group");
        assertEquals(ExitCode.USAGE, wideOut.exitCode(), wideOut::toString);
        assertTrue(wideOut.err().contains("add --layout quasar"), wideOut::toString);
        Cli.Run both = Cli.run("convert", wide().toString(), "-o", out.toString(), "--layout", "quasar", "--class", "group",
                "--meta", "group");
        assertEquals(ExitCode.USAGE, both.exitCode(), both::toString);
        assertFalse(Files.exists(out));
    }
}
