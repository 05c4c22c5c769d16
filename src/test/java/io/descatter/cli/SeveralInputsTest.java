package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.opus.OpusTestFile;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.Cli;
import io.descatter.testing.SpectraFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several input files read as one table ({@code convert/correct/emsc a.0 b.0 c.0}): a spectrometer that writes one
 * file per spectrum (Bruker OPUS) leaves a folder of them.
 */
class SeveralInputsTest {
    @TempDir
    Path dir;

    private static final int FILES = 3;
    /** The spectra written, one per OPUS file, as float32 (what the files hold). */
    private final List<double[]> written = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private WavenumberAxis axis;

    /** One OPUS absorbance file per spectrum: the first shipped samples on the model's grid, a linear axis as OPUS has. */
    @BeforeEach
    void writeOpusFiles() throws IOException {
        SpectraTable t = SpectraTable.read(InputSource.of("data-samples/sim_raw.csv.gz"), ReadOptions.defaults());
        WavenumberAxis a = t.schema().axis();
        for (int s = 0; s < FILES; s++) {
            names.add(write("cell_" + (s + 1) + ".0", t.spectra().get(s), a.get(0), a.get(a.size() - 1)).toString());
        }
    }

    private Path write(String name, double[] spectrum, double first, double last) throws IOException {
        float[] values = new float[spectrum.length];
        double[] kept = new double[spectrum.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) spectrum[i];
            kept[i] = values[i];
        }
        if (!name.startsWith("other")) written.add(kept);
        Path file = dir.resolve(name);
        Files.write(file, new OpusTestFile().floats(OpusTestFile.AB, values)
                .parameters(OpusTestFile.status(OpusTestFile.AB), OpusTestFile.axis(values.length, first, last)).bytes());
        return file;
    }

    private List<String> args(String command, List<String> inputs, String... rest) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(inputs);
        a.addAll(List.of(rest));
        return a;
    }

    private Cli.Run run(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void convertMakesOneTableWithEachSpectrumsFileInOrder() throws IOException {
        Path out = dir.resolve("all.csv");
        Cli.Run run = run(args("convert", names, "-o", out.toString()));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("wrote 3 spectra"), run::toString);
        SpectraTable t = SpectraTable.read(InputSource.of(out), ReadOptions.defaults());
        assertEquals(List.of("file"), t.schema().meta().stream().map(m -> m.name()).toList());
        assertEquals(FILES, t.size());
        for (int s = 0; s < FILES; s++) {
            assertEquals(names.get(s), t.meta().get(s)[0], "the file's name as given");
            assertArrayEquals(written.get(s), t.spectra().get(s), 0.0, "spectrum of " + names.get(s));
        }
        Cli.Run info = run(args("info", names));
        assertEquals(0, info.exitCode(), info::toString);
        assertTrue(info.out().contains("spectra:   3") && info.out().contains("metadata:  1 column: file"), info::toString);
    }

    @Test
    void correctingSeveralFilesGivesWhatCorrectingTheirTableGives() throws IOException {
        Path table = dir.resolve("all.csv");
        assertEquals(0, run(args("convert", names, "-o", table.toString())).exitCode());
        Path one = dir.resolve("one.csv");
        Path several = dir.resolve("several.csv");
        Cli.Run fromTable = run(args("correct", List.of(table.toString()), "-o", one.toString()));
        Cli.Run fromFiles = run(args("correct", names, "-o", several.toString()));
        assertEquals(0, fromTable.exitCode(), fromTable::toString);
        assertEquals(0, fromFiles.exitCode(), fromFiles::toString);
        SpectraTable a = SpectraTable.read(InputSource.of(one), ReadOptions.defaults());
        SpectraTable b = SpectraTable.read(InputSource.of(several), ReadOptions.defaults());
        assertEquals(a.schema().meta(), b.schema().meta(), "file, then the scores");
        assertEquals("file", b.schema().meta().get(0).name());
        for (int s = 0; s < FILES; s++) {
            assertArrayEquals(a.spectra().get(s), b.spectra().get(s), 0.0, "spectrum " + s);
            assertArrayEquals(a.meta().get(s), b.meta().get(s), "file and scores of spectrum " + s);
        }
    }

    @Test
    void emscCorrectsSeveralFilesAsOneTable() throws IOException {
        Path out = dir.resolve("emsc.csv");
        Path reference = SpectraFixtures.write(dir, "ref.csv", "id," + axisHeader() + "\nref," + row(written.get(0)) + "\n");
        Cli.Run run = run(args("emsc", names.subList(0, 2), "--reference", reference.toString(), "--method", "emsc", "-o", out.toString()));
        assertEquals(0, run.exitCode(), run::toString);
        SpectraTable t = SpectraTable.read(InputSource.of(out), ReadOptions.defaults());
        assertEquals(2, t.size());
        assertEquals(names.get(1), t.meta().get(1)[0]);
    }

    @Test
    void aFileOnAnotherAxisIsRefusedBeforeAnythingIsWritten() throws IOException {
        double[] s = written.get(0);
        String other = write("other.0", s, 1001, 4001).toString();
        Path out = dir.resolve("mixed.csv");
        List<String> inputs = new ArrayList<>(names);
        inputs.add(1, other);
        Cli.Run run = run(args("correct", inputs, "-o", out.toString()));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        assertEquals(1, run.errLines().length, run::toString);
        assertTrue(run.err().contains(other + ": its axis") && run.err().contains("is not that of " + names.get(0)), run::toString);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aMissingFileAmongThemIsNamed() {
        List<String> inputs = new ArrayList<>(names);
        inputs.add(dir.resolve("absent.0").toString());
        Cli.Run run = run(args("convert", inputs, "-o", dir.resolve("x.csv").toString()));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("absent.0: no such file"), run::toString);
    }

    @Test
    void standardInputCannotBeOneOfSeveral() {
        Cli.Run run = run(args("convert", List.of(names.get(0), "-"), "-o", dir.resolve("x.csv").toString()));
        assertEquals(ExitCode.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("standard input (-) cannot be read together with other files"), run::toString);
    }

    /** Two-column exports (one spectrum per file, as OPUS and most software export) become one row per file. */
    @Test
    void twoColumnExportsBecomeRowsAndAFileColumnOfTheirOwnIsKept() throws IOException {
        Path a = SpectraFixtures.write(dir, "a.dpt", "1000\t0.1\n1002\t0.2\n1004\t0.3\n");
        Path b = SpectraFixtures.write(dir, "b.dpt", "1000\t0.4\n1002\t0.5\n1004\t0.6\n");
        Path out = dir.resolve("rows.csv");
        Cli.Run run = run(args("convert", List.of(a.toString(), b.toString()), "-o", out.toString()));
        assertEquals(0, run.exitCode(), run::toString);
        SpectraTable t = SpectraTable.read(InputSource.of(out), ReadOptions.defaults());
        assertEquals(2, t.size());
        assertArrayEquals(new double[] {0.4, 0.5, 0.6}, t.spectra().get(1), 0.0);
        assertEquals(b.toString(), t.meta().get(1)[0]);

        Path c = SpectraFixtures.write(dir, "c.csv", "id,file,1000,1002\nx,raw_7.spa,1,2\n");
        Path d = SpectraFixtures.write(dir, "d.csv", "id,file,1000,1002\ny,raw_8.spa,3,4\n");
        Path both = dir.resolve("both.csv");
        assertEquals(0, run(args("convert", List.of(c.toString(), d.toString()), "-o", both.toString())).exitCode());
        SpectraTable u = SpectraTable.read(InputSource.of(both), ReadOptions.defaults());
        assertEquals(List.of("id", "file", "source_file"), u.schema().meta().stream().map(m -> m.name()).toList());
        assertArrayEquals(new String[] {"y", "raw_8.spa", d.toString()}, u.meta().get(1));

        Path e = SpectraFixtures.write(dir, "e.csv", "id,batch,1000,1002\nz,3,5,6\n");
        Cli.Run mixed = run(args("convert", List.of(c.toString(), e.toString()), "-o", dir.resolve("m.csv").toString()));
        assertEquals(ExitCode.BAD_INPUT, mixed.exitCode(), mixed::toString);
        assertTrue(mixed.err().contains("its metadata columns [id, batch] are not those of " + c + " [id, file]"), mixed::toString);
    }

    private String axisHeader() throws IOException {
        WavenumberAxis a = SpectraTable.read(InputSource.of(names.get(0)), ReadOptions.defaults()).schema().axis();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < a.size(); i++) b.append(i == 0 ? "" : ",").append(a.get(i));
        return b.toString();
    }

    private static String row(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ",").append(v[i]);
        return b.toString();
    }
}
