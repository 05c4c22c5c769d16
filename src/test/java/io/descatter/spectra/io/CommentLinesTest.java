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

/** Comment lines of instrument and viewer exports, and NumPy's commented header. */
class CommentLinesTest {
    @TempDir
    Path dir;

    private SpectraTable read(String name, String text) throws Exception {
        return SpectraTable.read(InputSource.of(SpectraFixtures.write(dir, name, text).toString()), ReadOptions.defaults());
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
}
