package io.descatter.chemistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.BadInputException;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.Progress;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.testing.MapFixtures;
import io.descatter.testing.SpectraFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Map values against hand-computed band areas; the pixel grid from map_x/map_y; presets; refusals. */
class BandMapTest {
    private static final double TOL = 1e-9;

    @TempDir
    Path dir;

    private MapRaster raster(String csv, String... specs) throws Exception {
        Path file = SpectraFixtures.write(dir, "image.csv", csv);
        List<BandMap.Channel> channels = java.util.Arrays.stream(specs)
                .map(s -> s.startsWith("column:") ? BandMap.Channel.column(s.substring(7)) : BandMap.Channel.of(BandQuantity.parse(s)))
                .toList();
        return BandMap.read(InputSource.of(file), ReadOptions.defaults().withAllowMissing(true), channels, 2, Progress.NONE).raster();
    }

    @Test
    void bandAreasAreTheHandComputedOnesAndGrowWithX() throws Exception {
        MapRaster r = raster(MapFixtures.image(Set.of(), Set.of()), "1600:1710");
        assertEquals(MapFixtures.WIDTH, r.width());
        assertEquals(MapFixtures.HEIGHT, r.height());
        for (int row = 0; row < r.height(); row++) {
            for (int col = 0; col < r.width(); col++) {
                assertEquals(MapFixtures.amideArea(col), r.value(0, col, row), TOL, "pixel " + col + "," + row);
            }
        }
        assertEquals(0, r.missing());
        assertEquals(0, r.notANumber());
    }

    @Test
    void aPresetIsItsWindow() throws Exception {
        MapRaster preset = raster(MapFixtures.image(Set.of(), Set.of()), "amide-I");
        MapRaster window = raster(MapFixtures.image(Set.of(), Set.of()), "1710:1600");
        assertEquals(MapFixtures.amideArea(3), preset.value(0, 3, 2), TOL);
        assertEquals(window.value(0, 3, 2), preset.value(0, 3, 2), 0);
        assertEquals(MapFixtures.PHOSPHATE_AREA, raster(MapFixtures.image(Set.of(), Set.of()), "phosphate").value(0, 5, 3), TOL);
    }

    @Test
    void ratioOfTwoAreas() throws Exception {
        MapRaster r = raster(MapFixtures.image(Set.of(), Set.of()), "amide-I/phosphate");
        for (int col = 0; col < r.width(); col++) {
            assertEquals(MapFixtures.amideArea(col) / MapFixtures.PHOSPHATE_AREA, r.value(0, col, 1), TOL);
        }
        assertInstanceOf(BandQuantity.Ratio.class, BandQuantity.parse("phosphate/1600:1710"));
        assertEquals(BandQuantity.RATIO_UNIT, BandQuantity.parse("phosphate/amide-I").unit());
    }

    @Test
    void missingPixelsAndNaNValuesAreToldApart() throws Exception {
        MapRaster r = raster(MapFixtures.image(Set.of(201, 503), Set.of(402)), "amide-I");
        assertEquals(2, r.missing());
        assertEquals(22, r.spectra());
        assertFalse(r.present(2, 1));
        assertFalse(r.present(5, 3));
        assertTrue(Double.isNaN(r.value(0, 2, 1)));
        assertTrue(r.present(4, 2));
        assertTrue(Double.isNaN(r.value(0, 4, 2)));
        assertEquals(1, r.notANumber());
        assertEquals(MapFixtures.amideArea(2), r.value(0, 2, 2), TOL);
    }

    @Test
    void aMissingEdgeColumnShrinksTheGridAndAGapInsideDoesNot() throws Exception {
        java.util.Set<Integer> lastColumn = new java.util.HashSet<>();
        java.util.Set<Integer> innerColumn = new java.util.HashSet<>();
        for (int row = 0; row < MapFixtures.HEIGHT; row++) {
            lastColumn.add(500 + row);
            innerColumn.add(300 + row);
        }
        assertEquals(5, raster(MapFixtures.image(lastColumn, Set.of()), "amide-I").width());
        MapRaster gap = raster(MapFixtures.image(innerColumn, Set.of()), "amide-I");
        assertEquals(6, gap.width());
        assertEquals(MapFixtures.HEIGHT, gap.missing());
        assertEquals(MapFixtures.amideArea(4), gap.value(0, 4, 0), TOL);
    }

    @Test
    void theGridKeepsPositionsAndPixelAspect() throws Exception {
        MapRaster r = raster(MapFixtures.image(Set.of(), Set.of()), "amide-I");
        assertEquals(MapFixtures.X_STEP, r.grid().xSize(), TOL);
        assertEquals(MapFixtures.Y_STEP, r.grid().ySize(), TOL);
        assertEquals(2.0, r.pixelAspect(), TOL);
        assertEquals(25, r.grid().x(5), TOL);
        assertEquals(30, r.grid().y(3), TOL);
    }

    @Test
    void aMetadataColumnIsMappedAsWritten() throws Exception {
        MapRaster r = raster(MapFixtures.image(Set.of(), Set.of()), "column:score");
        assertEquals(4 + 10 * 3, r.value(0, 4, 3), 0);
        assertEquals("as in the column", r.channels().get(0).unit());
        assertThrows(IllegalArgumentException.class, () -> raster(MapFixtures.image(Set.of(), Set.of()), "column:confidence_ood"));
    }

    @Test
    void withoutMapColumnsTheFileIsRefusedSayingWhichAreNeeded() {
        BadInputException e = assertThrows(BadInputException.class, () -> raster(SpectraFixtures.wide(4, 400, 1), "amide-I"));
        assertTrue(e.getMessage().contains("map_x") && e.getMessage().contains("map_y") && e.getMessage().contains("image.csv"),
                e.getMessage());
    }

    @Test
    void irregularOrDuplicatePositionsAreRefused() {
        String regular = MapFixtures.image(Set.of(), Set.of());
        BadInputException irregular = assertThrows(BadInputException.class,
                () -> raster(regular.replace("p1_0,5,0,", "p1_0,7,0,"), "amide-I"));
        assertTrue(irregular.getMessage().contains("not on a regular grid"), irregular.getMessage());
        BadInputException twice = assertThrows(BadInputException.class,
                () -> raster(regular.replace("p1_0,5,0,", "p1_0,0,0,"), "amide-I"));
        assertTrue(twice.getMessage().contains("spectra 1 and 2"), twice.getMessage());
        BadInputException text = assertThrows(BadInputException.class,
                () -> raster(regular.replace("p1_0,5,0,", "p1_0,five,0,"), "amide-I"));
        assertTrue(text.getMessage().contains(":3:2: map_x"), text.getMessage());
    }

    @Test
    void aWindowTheAxisDoesNotReachIsAnAxisMismatch() {
        AxisMismatchException e = assertThrows(AxisMismatchException.class, () -> raster(MapFixtures.image(Set.of(), Set.of()), "CH"));
        assertTrue(e.getMessage().contains("2800–3010"), e.getMessage());
    }

    @Test
    void presetsUseTheEvaluateWindowsAndAreFoundByAnySpelling() {
        assertEquals(BandRatio.Windows.AMIDE_I, BandPreset.AMIDE_I.window());
        assertEquals(BandRatio.Windows.AMIDE_II, BandPreset.AMIDE_II.window());
        assertEquals(BandRatio.Windows.CH_STRETCH, BandPreset.CH.window());
        assertEquals(BandRatio.Windows.PHOSPHATE, BandPreset.PHOSPHATE.window());
        assertEquals(BandRatio.Windows.ESTER, BandPreset.LIPID_ESTER.window());
        assertEquals(new BandWindow(1000, 1060), BandPreset.GLYCOGEN.window());
        for (BandPreset p : BandPreset.values()) assertSame(p, BandPreset.find(p.label()));
        assertSame(BandPreset.AMIDE_I, BandPreset.find("AmideI"));
        assertSame(BandPreset.LIPID_ESTER, BandPreset.find("lipid_ester"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BandQuantity.parse("amide-IV"));
        assertTrue(e.getMessage().contains("glycogen"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BandQuantity.parse("1600:1600"));
        assertThrows(IllegalArgumentException.class, () -> BandQuantity.parse("a/b/c"));
    }
}
