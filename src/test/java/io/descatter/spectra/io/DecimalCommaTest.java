package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.BadInputException;
import io.descatter.testing.SpectraFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** European spreadsheet exports: ';' (or tab) between cells, ',' as the decimal mark. */
class DecimalCommaTest {
    @TempDir
    Path dir;

    private static final String WIDE = "id;1000,89;1002,82;1004,75\nSKMES_1_6x6;0,1234;-0,5;1,5E-3\nS2;1;2;3\n";

    @Test
    void detectsAWideExport() throws Exception {
        SpectraTable t = SpectraTable.read(InputSource.of(SpectraFixtures.write(dir, "eu.csv", WIDE).toString()), ReadOptions.defaults());
        assertEquals(Layout.WIDE, t.schema().layout());
        assertEquals(';', t.schema().delimiter());
        assertEquals(',', t.schema().decimalMark());
        assertArrayEquals(new double[] {1000.89, 1002.82, 1004.75}, t.schema().axis().values());
        assertArrayEquals(new double[] {0.1234, -0.5, 1.5e-3}, t.spectra().get(0));
        assertEquals("SKMES_1_6x6", t.meta().get(0)[0]);
    }

    @Test
    void detectsAColumnarExport() throws Exception {
        String columnar = "wavenumber;A;B\n1000,5;0,1;0,2\n1002,5;0,3;0,4\n1004,5;0,5;0,6\n";
        SpectraTable t = SpectraTable.read(InputSource.of(SpectraFixtures.write(dir, "col.csv", columnar).toString()), ReadOptions.defaults());
        assertEquals(Layout.COLUMNAR, t.schema().layout());
        assertEquals(',', t.schema().decimalMark());
        assertArrayEquals(new double[] {1000.5, 1002.5, 1004.5}, t.schema().axis().values());
        assertArrayEquals(new double[] {0.2, 0.4, 0.6}, t.spectra().get(1));
    }

    @Test
    void aSemicolonFileWithDecimalPointsStillReads() throws Exception {
        String dots = "id;1000.5;1002.5;1004.5\nx;0.1;0.2;0.3\n";
        SpectraTable t = SpectraTable.read(InputSource.of(SpectraFixtures.write(dir, "dot.csv", dots).toString()), ReadOptions.defaults());
        assertEquals('.', t.schema().decimalMark());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, t.spectra().get(0));
    }

    @Test
    void aCommaDelimitedFileStaysAsItIs() throws Exception {
        // quoted "0,5" cells in a comma file are not decimal commas: the file is read with '.' and refuses them
        String quoted = "id,1000,1002\nx,\"0,5\",\"0,7\"\ny,\"0,5\",\"0,7\"\n";
        Path f = SpectraFixtures.write(dir, "quoted.csv", quoted);
        BadInputException e = assertThrows(BadInputException.class, () -> SpectraTable.read(InputSource.of(f.toString()), ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("quoted.csv:2:2"), e.getMessage());
    }

    @Test
    void decimalCommaForcesIt() throws Exception {
        // integers only: nothing to detect from, but forced the schema says ',' and writes it back so
        Path f = SpectraFixtures.write(dir, "ints.csv", "id;1000;1002\nx;1;2\n");
        assertEquals('.', SpectraTable.read(InputSource.of(f.toString()), ReadOptions.defaults()).schema().decimalMark());
        assertEquals(',', SpectraTable.read(InputSource.of(f.toString()), ReadOptions.defaults().withDecimalComma(true)).schema().decimalMark());
    }

    @Test
    void mixedDecimalMarksNameFileLineAndColumn() throws Exception {
        Path f = SpectraFixtures.write(dir, "mixed.csv", "id;1000,5;1002,5;1004,5\nx;0,1;0.2;0,3\n");
        BadInputException e = assertThrows(BadInputException.class, () -> SpectraTable.read(InputSource.of(f.toString()), ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(f + ":2:3: mixed decimal marks"), e.getMessage());
        Path g = SpectraFixtures.write(dir, "mixed2.csv", "id;1000.5;1002.5;1004.5\nx;0.1;0,2;0.3\n");
        BadInputException e2 = assertThrows(BadInputException.class, () -> SpectraTable.read(InputSource.of(g.toString()), ReadOptions.defaults()));
        assertTrue(e2.getMessage().startsWith(g + ":2:3: mixed decimal marks") && e2.getMessage().contains("--decimal-comma"), e2.getMessage());
    }

    @Test
    void roundTripIsLossless() throws Exception {
        // shortest exact output: an export written by descatter (the model's axis as WrittenAxis writes it) reads
        // back and writes out byte for byte
        String eu = "id;1000,89;1002,8185;1004,75\nSKMES_1_6x6;0,1234;-0,5;0,0015\nS2;1;2,000001;3E-7\n";
        Path in = SpectraFixtures.write(dir, "eu.csv", eu);
        Path out = dir.resolve("out.csv");
        SpectraConverter.convert(new SpectraConverter.Request(InputSource.of(in.toString()), ReadOptions.defaults(),
                OutputTarget.of(out.toString()), null, null, DoubleFormatter.exact(), null, io.descatter.spectra.Resampler.Method.LINEAR),
                Progress.NONE);
        assertEquals(eu, Files.readString(out));
        SpectraTable a = SpectraTable.read(InputSource.of(in.toString()), ReadOptions.defaults());
        SpectraTable b = SpectraTable.read(InputSource.of(out.toString()), ReadOptions.defaults());
        for (int s = 0; s < a.spectra().size(); s++) assertArrayEquals(a.spectra().get(s), b.spectra().get(s));
    }

    @Test
    void writesDecimalCommasWhenAsked() throws Exception {
        Path in = SpectraFixtures.write(dir, "plain.csv", "id,1000.5,1002.5\nx,0.25,-1.5E-5\n");
        Path out = dir.resolve("eu.csv");
        SpectraConverter.convert(new SpectraConverter.Request(InputSource.of(in.toString()), ReadOptions.defaults(),
                OutputTarget.of(out.toString()), null, null, DoubleFormatter.exact(), null, io.descatter.spectra.Resampler.Method.LINEAR, ','),
                Progress.NONE);
        assertEquals("id;1000,5;1002,5\nx;0,25;-1,5E-5\n", Files.readString(out));
    }
}
