package io.descatter.spectra.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.descatter.testing.SpectraFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text exports whose cells are separated by blanks (".txt", ".xy", ".dpt"): runs of spaces and tabs, padded or not. */
class WhitespaceDelimitedTest {
    @TempDir
    Path dir;

    private SpectraTable read(String name, String text) throws Exception {
        return SpectraTable.read(InputSource.of(SpectraFixtures.write(dir, name, text).toString()), ReadOptions.defaults());
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
        try (SpectraWriter w = SpectraWriter.open(OutputTarget.of(out.toString()), blanks.schema(), DoubleFormatter.exact())) {
            io.descatter.spectra.SpectraChunk chunk = new io.descatter.spectra.SpectraChunk(2, 3, 2);
            for (int i = 0; i < 2; i++) chunk.addRow(blanks.spectra().get(i), 0, blanks.meta().get(i), 0);
            w.write(chunk);
            w.commit();
        }
        SpectraTable back = SpectraTable.read(InputSource.of(out.toString()), ReadOptions.defaults());
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
}
