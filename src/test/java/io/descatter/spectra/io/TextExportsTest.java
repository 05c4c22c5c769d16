package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.BadInputException;
import io.descatter.testing.SharedData;
import io.descatter.testing.SpectraFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text exports as instruments, viewers and NumPy write them: comment lines, a commented header, and cells separated by
 * runs of blanks (".txt", ".xy", ".dpt"; padded or not).
 */
class TextExportsTest {
    @TempDir
    Path dir;

    private SpectraTable read(String name, String text) throws Exception {
        return SpectraTable.read(InputSource.of(SpectraFixtures.write(dir, name, text).toString()), ReadOptions.defaults());
    }

    /** Writes a table with its own schema to {@code out} and reads the file back. */
    private static SpectraTable writeAndReadBack(SpectraTable t, Path out) throws Exception {
        try (SpectraWriter w = SpectraWriter.open(OutputTarget.of(out.toString()), t.schema(), DoubleFormatter.exact())) {
            io.descatter.spectra.SpectraChunk chunk = new io.descatter.spectra.SpectraChunk(t.size(), t.schema().axis().size(),
                    t.schema().meta().size());
            for (int i = 0; i < t.size(); i++) chunk.addRow(t.spectra().get(i), 0, t.meta().get(i), 0);
            w.write(chunk);
            w.commit();
        }
        return SpectraTable.read(InputSource.of(out.toString()), ReadOptions.defaults());
    }

    @Test
    void aColumnarExportReadsTheSameWithCommentsBeforeBetweenAndAfterItsRows() throws Exception {
        String rows = "4000.1\t0.906\n3998.2\t0.905\n3996.3\t0.907\n";
        SpectraTable plain = read("plain.dpt", rows);
        // as OPUS and the Kazan viewer write them; the first comment has commas and a tab, which must not set the delimiter
        String commented = "# exported from OPUS, sample: peach juice, 2 cm-1\n; instrument\tTensor 27\n" + "4000.1\t0.906\n"
                + "# a comment between rows\n" + "3998.2\t0.905\n3996.3\t0.907\n" + "# a comment\r\n; a different kind of comment";
        SpectraTable t = read("commented.dpt", commented);
        assertEquals(Layout.COLUMNAR, t.schema().layout());
        assertEquals('\t', t.schema().delimiter());
        assertArrayEquals(plain.schema().axis().values(), t.schema().axis().values());
        assertArrayEquals(plain.spectra().get(0), t.spectra().get(0));
    }

    @Test
    void numpysCommentedHeaderIsAHeaderWithAllItsWavenumbers() throws Exception {
        // numpy.savetxt("x.csv", spectra, delimiter=",", header=",".join(wavenumbers)) writes "# " before the header
        SpectraTable t = read("np.csv", "# 1000,1002,1004\n1.0,2.0,3.0\n4.0,5.0,6.0\n");
        assertEquals(Layout.WIDE, t.schema().layout());
        assertArrayEquals(new double[] {1000, 1002, 1004}, t.schema().axis().values());
        assertArrayEquals(new double[] {1, 2, 3}, t.spectra().get(0));
        // with blanks between cells (numpy.savetxt(..., delimiter=" ", header=...)) the mark is a cell of its own
        SpectraTable blanks = read("np.txt", "# 1000 1002 1004\n1.0 2.0 3.0\n");
        assertArrayEquals(new double[] {1000, 1002, 1004}, blanks.schema().axis().values());
        assertArrayEquals(new double[] {1, 2, 3}, blanks.spectra().get(0));
        SpectraTable named = read("npid.csv", "# my notes\n# id,1000,1002,1004\nA,1,2,3\n");
        assertEquals(List.of("id"), named.schema().meta().stream().map(MetaColumn::name).toList());
        assertEquals("A", named.meta().get(0)[0]);
    }

    @Test
    void aWideRowWhoseIdBeginsWithAHashIsDataNotAComment() throws Exception {
        SpectraTable t = read("ids.csv", "id,1000,1002,1004\n#1,1,2,3\n#2,4,5,6\n");
        assertEquals(2, t.spectra().size());
        assertEquals("#2", t.meta().get(1)[0]);
    }

    @Test
    void aSemicolonFileWhoseHeaderStartsWithAnEmptyCellIsNotAComment() throws Exception {
        SpectraTable t = read("semi.csv", ";1000;1002;1004\nA;1;2;3\n");
        assertArrayEquals(new double[] {1000, 1002, 1004}, t.schema().axis().values());
        assertEquals("A", t.meta().get(0)[0]);
    }

    @Test
    void aFileOfCommentsAloneHoldsNoData() {
        BadInputException e = assertThrows(BadInputException.class, () -> read("c.csv", "# nothing\n\n; else\n"));
        assertTrue(e.getMessage().contains("holds no data (only blank or comment lines)"), e.getMessage());
    }

    @Test
    void theOpusTwoColumnExportWithItsTrailingCommentsReads() throws Exception {
        Path dpt = SharedData.assumePresent("formats", "opus", "peach_juice.dpt");
        SpectraTable t = SpectraTable.read(InputSource.of(dpt.toString()), ReadOptions.defaults());
        assertEquals(1816, t.schema().axis().size()); // README of ../shared/data/formats: NPT = 1816, 4000.116 .. 499.532
        assertEquals(4000.116, t.schema().axis().values()[0], 1e-3);
        assertEquals(499.532, t.schema().axis().values()[1815], 1e-3);
        assertEquals(0.906561, t.spectra().get(0)[3], 1e-5); // at 3994.330 cm-1
        assertTrue(Files.readString(dpt).contains("; a different kind of comment"), "the file still ends in its comments");
    }

    @Test
    void aTwoColumnExportReadsTheSameWithOneSpaceOrAlignedColumns() throws Exception {
        SpectraTable tabs = read("tabs.dpt", "4000.1\t0.906\n3998.2\t0.905\n3996.3\t-1.5e-3\n");
        for (String text : new String[] {"4000.1 0.906\n3998.2 0.905\n3996.3 -1.5e-3\n",
            "   4000.1     0.906   \n   3998.2     0.905\n   3996.3 \t  -1.5e-3\t\n"}) {
            SpectraTable t = read("blanks.txt", text);
            assertEquals(CellSplitter.WHITESPACE, t.schema().delimiter(), text);
            assertEquals(Layout.COLUMNAR, t.schema().layout());
            assertArrayEquals(tabs.schema().axis().values(), t.schema().axis().values());
            assertArrayEquals(tabs.spectra().get(0), t.spectra().get(0));
        }
    }

    @Test
    void aWideFileWithAlignedColumnsAndQuotedIdsReadsLikeItsCommaTwinAndWritesBack() throws Exception {
        SpectraTable commas = read("wide.csv", "id,tissue,1000.5,1002.5,1004.5\n\"cell 1\",stroma,0.1,0.2,0.3\nc2,,1,2,3\n");
        SpectraTable blanks = read("wide.txt", "id        tissue  1000.5  1002.5  1004.5\n\"cell 1\"  stroma  0.1     0.2     0.3   \nc2        \"\"      1       2       3\n");
        assertEquals(Layout.WIDE, blanks.schema().layout());
        assertArrayEquals(commas.schema().axis().values(), blanks.schema().axis().values());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(commas.spectra().get(i), blanks.spectra().get(i));
            assertArrayEquals(commas.meta().get(i), blanks.meta().get(i));
        }
        Path out = dir.resolve("out.txt");
        SpectraTable back = writeAndReadBack(blanks, out);
        assertEquals(CellSplitter.WHITESPACE, back.schema().delimiter());
        assertEquals(List.of("cell 1", "stroma"), List.of(back.meta().get(0)));
        assertEquals(List.of("c2", ""), List.of(back.meta().get(1)), "an empty cell is written quoted, or it would vanish");
        assertArrayEquals(blanks.spectra().get(1), back.spectra().get(1));
    }

    @Test
    void aCommaFileWithSpacesInItsHeaderNamesStaysCommaDelimited() throws Exception {
        SpectraTable t = read("named.csv", "sample id,cell type,1000.5,1002.5\nA,epi thelial,1,2\n");
        assertEquals(',', t.schema().delimiter());
        assertEquals("epi thelial", t.meta().get(0)[1]);
    }

    @Test
    void aWindowsSpreadsheetExportInWindows1252KeepsItsAccentsAndUtf8StaysUtf8() throws Exception {
        Path legacy = dir.resolve("fr.csv");
        Files.write(legacy, "id;1000,5;1002,5\ncellule \u00e9pith\u00e9liale;0,1;0,2\n".getBytes(java.nio.charset.Charset.forName("windows-1252")));
        SpectraTable t = SpectraTable.read(InputSource.of(legacy.toString()), ReadOptions.defaults());
        assertEquals("cellule \u00e9pith\u00e9liale", t.meta().get(0)[0]);
        assertArrayEquals(new double[] {0.1, 0.2}, t.spectra().get(0));
        assertEquals("\u00e9pith\u00e9liale \u00b5m", read("utf8.csv", "id,1000,1002\n\u00e9pith\u00e9liale \u00b5m,1,2\n").meta().get(0)[0]);
        Path binary = dir.resolve("bin.csv");
        Files.write(binary, new byte[] {'i', 'd', ',', '1', '0', '0', '0', '\n', 'a', (byte) 0x81, ',', '1', '\n'});
        BadInputException e = assertThrows(BadInputException.class, () -> SpectraTable.read(InputSource.of(binary.toString()), ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("neither UTF-8 nor Windows-1252 text"), e.getMessage());
    }

    @Test
    void blanksWithDecimalCommasAreToldFromCommaDelimitedHeaders() throws Exception {
        SpectraTable eu = read("eu.txt", "id    1000,5  1002,5\nA     0,1     0,2\n");
        assertEquals(CellSplitter.WHITESPACE, eu.schema().delimiter());
        assertEquals(',', eu.schema().decimalMark());
        assertArrayEquals(new double[] {1000.5, 1002.5}, eu.schema().axis().values());
        assertArrayEquals(new double[] {0.1, 0.2}, eu.spectra().get(0));
        // a name with a blank and a digit before the first comma: still comma-delimited
        SpectraTable named = read("named.csv", "Sample 1,1000.5,1002.5,1004.5\nA,1,2,3\n");
        assertEquals(',', named.schema().delimiter());
        assertArrayEquals(new double[] {1000.5, 1002.5, 1004.5}, named.schema().axis().values());
        // as many blanks as commas, but commas between words: comma-delimited
        SpectraTable words = read("words.csv", "my sample id,cell type,1000.5,1002.5\nA,epi,1,2\n");
        assertEquals(',', words.schema().delimiter());
        assertEquals("cell type", words.schema().meta().get(1).name());
    }

    @Test
    void wavenumbersThatOtherToolsDecorateAreReadAsWavenumbers() throws Exception {
        // R: read.csv turns numeric column names into X1000.5, and write.csv keeps them, with the row names first
        SpectraTable r = read("r.csv", "\"\",\"X1000.5\",\"X1002.5\",\"X1004.5\"\n\"1\",0.1,0.2,0.3\n\"2\",0.4,0.5,0.6\n");
        assertEquals(Layout.WIDE, r.schema().layout());
        assertArrayEquals(new double[] {1000.5, 1002.5, 1004.5}, r.schema().axis().values());
        assertArrayEquals(new double[] {0.4, 0.5, 0.6}, r.spectra().get(1));
        assertEquals("2", r.meta().get(1)[0]);
        // units in the header cells
        SpectraTable units = read("u.csv", "id,1000.5 cm-1,1002.5cm^-1,1004.5 1/cm\nA,0.1,0.2,0.3\n");
        assertArrayEquals(new double[] {1000.5, 1002.5, 1004.5}, units.schema().axis().values());
        // columns named X1, X100, X200 beside real wavenumbers stay metadata: only a header without plain numbers is R's
        SpectraTable xs = read("x.csv", "id,X1,X100,X200,1000.5,1002.5\nA,7,8,9,0.1,0.2\n");
        assertEquals(List.of("id", "X1", "X100", "X200"), xs.schema().meta().stream().map(MetaColumn::name).toList());
        assertArrayEquals(new double[] {1000.5, 1002.5}, xs.schema().axis().values());
    }

    @Test
    void blankDelimitedDataWrittenUnderACsvNameGetsCommasOrSemicolons() throws Exception {
        SpectraTable blanks = read("in.txt", "id  1000.5  1002.5\nA   0.1     0.2\n");
        SpectraTable eu = read("eu.txt", "id  1000,5  1002,5\nA   0,1     0,2\n");
        for (SpectraTable t : List.of(blanks, eu)) {
            for (String name : new String[] {"out.csv", "out.txt"}) {
                Path out = dir.resolve(name);
                SpectraTable back = writeAndReadBack(t, out);
                char expected = name.endsWith(".txt") ? CellSplitter.WHITESPACE : t == eu ? ';' : ',';
                assertEquals(expected, back.schema().delimiter(), name);
                assertArrayEquals(t.spectra().get(0), back.spectra().get(0), name);
            }
        }
    }
}
