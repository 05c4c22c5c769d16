package io.descatter.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.testing.SpectraFixtures;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpectraFigureTest {
    @TempDir
    Path dir;

    private SpectraFigure.Source source(String name, String csv) throws Exception {
        Path p = SpectraFixtures.write(dir, name, csv);
        return new SpectraFigure.Source(name, SpectraTable.read(InputSource.of(p.toString()), ReadOptions.defaults()));
    }

    /** Ids that are numbers themselves: "3" is the spectrum of id 3 (row 1), not row 3. */
    private SpectraFigure.Source numberedIds() throws Exception {
        return source("ids.csv", "id,1000,1002,1004\n3,1,2,3\n1,4,5,6\n2,7,8,9\n");
    }

    @Test
    void anIdThatMatchesWinsOverARowNumber() throws Exception {
        SpectraFigure.Source s = numberedIds();
        assertEquals(0, SpectraFigure.rowOf(s, "3"));
        assertEquals(1, SpectraFigure.rowOf(s, "1"));
    }

    @Test
    void rowNumbersAreOneBasedWhereNoIdMatches() throws Exception {
        SpectraFigure.Source s = source("w.csv", SpectraFixtures.wide(5, 10, 1));
        assertEquals(4, SpectraFigure.rowOf(s, "5"));
        assertEquals(2, SpectraFigure.rowOf(s, "cell_2"));
    }

    @Test
    void aMissingRowNamesTheFileAndTheRow() throws Exception {
        SpectraFigure.Source s = source("w.csv", SpectraFixtures.wide(5, 10, 1));
        for (String missing : List.of("6", "0", "cell_9", "-1")) {
            BadInputException e = assertThrows(BadInputException.class, () -> SpectraFigure.rowOf(s, missing));
            assertTrue(e.getMessage().startsWith("w.csv: ") && e.getMessage().contains("\"" + missing + "\""), e.getMessage());
        }
    }

    @Test
    void gridHasOnePanelPerChosenSpectrumTitledWithItsId() throws Exception {
        SpectraFigure.Source s = source("w.csv", SpectraFixtures.wide(6, 10, 1));
        List<SpectrumPlot.Panel> panels = SpectraFigure.panels(List.of(s),
                new SpectraFigure.Options(List.of("1", "cell_4", "3"), SpectraFigure.Mode.GRID, 0, false));
        assertEquals(List.of("cell_0", "cell_4", "cell_2"), panels.stream().map(SpectrumPlot.Panel::title).toList());
        assertArrayEquals(s.table().spectra().get(4), panels.get(1).curves().get(0).values());
    }

    @Test
    void filesTakeThePaletteColoursInOrder() throws Exception {
        List<SpectraFigure.Source> files = new ArrayList<>();
        for (int f = 0; f < 4; f++) files.add(source("f" + f + ".csv", SpectraFixtures.wide(3, 10, f)));
        SpectrumPlot.Panel panel = SpectraFigure.panels(files, new SpectraFigure.Options(List.of("2"), SpectraFigure.Mode.GRID, 0, false)).get(0);
        for (int f = 0; f < 4; f++) {
            assertEquals(Palette.OKABE_ITO.get(f), panel.curves().get(f).colour());
            assertEquals("f" + f + ".csv", panel.curves().get(f).label(), "the legend names the file as given");
        }
    }

    @Test
    void paletteIsOkabeItoInOrderAndCycles() {
        assertEquals(new Color(0x000000), Palette.forFile(0));
        assertEquals(new Color(0xE69F00), Palette.forFile(1));
        assertEquals(new Color(0x56B4E9), Palette.forFile(2));
        assertEquals(new Color(0x009E73), Palette.forFile(3));
        assertEquals(new Color(0x0072B2), Palette.forFile(4));
        assertEquals(Palette.forFile(0), Palette.forFile(8));
        assertEquals(8, new HashSet<>(Palette.OKABE_ITO).size());
    }

    @Test
    void eachMethodHasItsOwnPaletteColour() {
        HashSet<Color> colours = new HashSet<>();
        for (Palette.Method m : Palette.Method.values()) {
            assertTrue(Palette.OKABE_ITO.contains(m.colour()), m.label());
            assertTrue(colours.add(m.colour()), m.label() + " shares a colour");
        }
        assertNotEquals(new Color(0xF0E442), Palette.Method.NETWORK.colour());
    }

    /** A compared file in another order: its spectrum of the same id, not of the same row. */
    @Test
    void aComparedFileIsMatchedByIdWhereItHasOne() throws Exception {
        SpectraFigure.Source in = source("in.csv", "id,1000,1002\na,1,1\nb,2,2\n");
        SpectraFigure.Source other = source("other.csv", "id,1000,1002\nb,20,20\na,10,10\n");
        SpectraFigure.Source noIds = source("noids.csv", "1000,1002\n100,100\n200,200\n");
        SpectrumPlot.Panel panel = SpectraFigure.panels(List.of(in, other, noIds),
                new SpectraFigure.Options(List.of("b"), SpectraFigure.Mode.GRID, 0, false)).get(0);
        assertEquals(20, panel.curves().get(1).values()[0]);
        assertEquals(200, panel.curves().get(2).values()[0], "without ids, the same row");
    }

    @Test
    void meanAndSdOverChosenOrAllRows() throws Exception {
        SpectraFigure.Source s = source("m.csv", "id,1000,1002\na,1,10\nb,3,10\nc,8,10\n");
        SpectrumPlot.Panel chosen = SpectraFigure.panels(List.of(s), new SpectraFigure.Options(List.of("a", "b"), SpectraFigure.Mode.MEAN, 0, false)).get(0);
        assertEquals(2, chosen.curves().get(0).values()[0], 1e-12);
        assertEquals(2 - Math.sqrt(2), chosen.bands().get(0).lower()[0], 1e-12);
        assertEquals(10, chosen.bands().get(0).upper()[1], 1e-12, "no spread, no band");
        SpectrumPlot.Panel all = SpectraFigure.panels(List.of(s), new SpectraFigure.Options(List.of(), SpectraFigure.Mode.MEAN, 0, false)).get(0);
        assertEquals(4, all.curves().get(0).values()[0], 1e-12);
        assertTrue(all.curves().get(0).label().contains("3 spectra"), all.curves().get(0).label());
    }

    @Test
    void overlayStacksEachSpectrumAboveTheOneBeforeAndNormalisesToOne() throws Exception {
        SpectraFigure.Source s = source("o.csv", "id,1000,1002\na,1,2\nb,4,8\n");
        SpectrumPlot.Panel panel = SpectraFigure.panels(List.of(s), new SpectraFigure.Options(List.of("a", "b"), SpectraFigure.Mode.OVERLAY, 0.5, true)).get(0);
        assertArrayEquals(new double[] {0.5, 1}, panel.curves().get(0).values(), 1e-12);
        assertArrayEquals(new double[] {1.0, 1.5}, panel.curves().get(1).values(), 1e-12);
        assertTrue(panel.curves().get(0).inLegend() && !panel.curves().get(1).inLegend(), "the file is named once");
        assertEquals(SpectrumPlot.NORMALISED, SpectraFigure.yLabel(true));
        assertEquals(SpectrumPlot.ABSORBANCE, SpectraFigure.yLabel(false));
    }
}
