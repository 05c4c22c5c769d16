package io.descatter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.chemistry.BandMap;
import io.descatter.chemistry.BandQuantity;
import io.descatter.chemistry.MapRaster;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.Progress;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.testing.MapFixtures;
import io.descatter.testing.SpectraFixtures;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drawn map: size and pixel aspect, colours of values, missing and NaN pixels, shared scale, RGB channels. */
class ChemicalMapTest {
    @TempDir
    Path dir;

    private MapRaster raster(String csv, String... bands) throws Exception {
        Path file = SpectraFixtures.write(dir, "image" + System.nanoTime() + ".csv", csv);
        List<BandMap.Channel> channels = java.util.Arrays.stream(bands).map(b -> BandMap.Channel.of(BandQuantity.parse(b))).toList();
        return BandMap.read(InputSource.of(file), ReadOptions.defaults().withAllowMissing(true), channels, 2, Progress.NONE).raster();
    }

    /** The colour drawn at the centre of map pixel (column, row) of the panel whose map starts at screen x {@code x0}. */
    private static int colourAt(BufferedImage image, MapRaster r, int x0, int column, int row) {
        Dimension d = ChemicalMap.drawnSize(r);
        int u = x0 + (int) ((column + 0.5) * d.width / r.width());
        // raster row 0 holds the smallest map_y, drawn at the bottom (the largest map_y on top, as on plot axes)
        int v = ChemicalMap.TOP + (int) ((r.height() - 1 - row + 0.5) * d.height / r.height());
        return image.getRGB(u, v) & 0xFFFFFF;
    }

    @Test
    void theDrawnSizeFollowsThePixelGrid() throws Exception {
        MapRaster r = raster(MapFixtures.image(Set.of(), Set.of()), "amide-I");
        // 6 pixels of 5 wide, 4 of 10 high: 30 × 40, so the height is the long side
        assertEquals(new Dimension(450, 600), ChemicalMap.drawnSize(r));
        MapRaster square = raster(MapFixtures.image(Set.of(), Set.of(), MapFixtures.X_STEP), "amide-I");
        assertEquals(1.0, square.pixelAspect(), 1e-12);
        assertEquals(new Dimension(600, 400), ChemicalMap.drawnSize(square));
    }

    @Test
    void onePanelHasItsMapColourBarAndLegendAndItsGreys() throws Exception {
        MapRaster r = raster(MapFixtures.image(Set.of(201), Set.of(402)), "amide-I");
        Path png = dir.resolve("map.png");
        ChemicalMap.Scale scale = ChemicalMap.Scale.percentiles(List.of(new ChemicalMap.Panel("a", r)), 0);
        ChemicalMap.write(png, "amide I", List.of(new ChemicalMap.Panel("a", r)), 0, scale, BandQuantity.AREA_UNIT);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(ChemicalMap.LEFT + 450 + ChemicalMap.BAR_BLOCK, image.getWidth());
        assertEquals(ChemicalMap.TOP + 600 + ChemicalMap.AXIS_LABELS + 2 * ChemicalMap.LEGEND_LINE + 10, image.getHeight());
        assertEquals(ChemicalMap.NO_SPECTRUM.getRGB() & 0xFFFFFF, colourAt(image, r, ChemicalMap.LEFT, 2, 1));
        assertEquals(ChemicalMap.NOT_A_NUMBER.getRGB() & 0xFFFFFF, colourAt(image, r, ChemicalMap.LEFT, 4, 2));
        // the smallest and largest areas lie beyond the 1st and 99th percentiles: the scale's end colours
        assertEquals(Palette.viridis(0), colourAt(image, r, ChemicalMap.LEFT, 0, 3));
        assertEquals(Palette.viridis(1), colourAt(image, r, ChemicalMap.LEFT, 5, 0));
        assertEquals(Palette.viridis(scale.fraction(MapFixtures.amideArea(2))), colourAt(image, r, ChemicalMap.LEFT, 2, 2));
    }

    @Test
    void sideBySidePanelsShareOneScale() throws Exception {
        MapRaster raw = raster(MapFixtures.image(Set.of(), Set.of()), "amide-I");
        // the second file's amide band is twice as large: its column 2 shows what the first file's column 5 shows
        MapRaster doubled = raster(MapFixtures.image(Set.of(), Set.of()), "amide-I");
        for (int p = 0; p < doubled.values(0).length; p++) doubled.values(0)[p] *= 2;
        List<ChemicalMap.Panel> panels = List.of(new ChemicalMap.Panel("raw", raw), new ChemicalMap.Panel("corrected", doubled));
        ChemicalMap.Scale scale = ChemicalMap.Scale.percentiles(panels, 0);
        assertTrue(scale.high() > MapFixtures.amideArea(5) * 1.5, "the scale spans both panels: " + scale);
        Path png = dir.resolve("both.png");
        ChemicalMap.write(png, "amide I", panels, 0, scale, BandQuantity.AREA_UNIT);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * (ChemicalMap.LEFT + 450) + ChemicalMap.BAR_BLOCK, image.getWidth());
        int second = 2 * ChemicalMap.LEFT + 450;
        assertEquals(colourAt(image, raw, ChemicalMap.LEFT, 5, 1), colourAt(image, doubled, second, 2, 1));
    }

    @Test
    void rgbScalesEachChannelByItsOwnPercentiles() throws Exception {
        MapRaster r = raster(MapFixtures.image(Set.of(), Set.of()), "amide-I", "phosphate", "amide-I/phosphate");
        List<ChemicalMap.Panel> panels = List.of(new ChemicalMap.Panel("a", r));
        ChemicalMap.Scale[] scales = new ChemicalMap.Scale[3];
        for (int c = 0; c < 3; c++) scales[c] = ChemicalMap.Scale.percentiles(panels, c);
        Path png = dir.resolve("rgb.png");
        ChemicalMap.writeRgb(png, "rgb", panels, scales);
        BufferedImage image = ImageIO.read(png.toFile());
        int low = colourAt(image, r, ChemicalMap.LEFT, 0, 0);
        int high = colourAt(image, r, ChemicalMap.LEFT, 5, 0);
        assertEquals(0x00, low >> 16 & 0xFF);
        assertEquals(0xFF, high >> 16 & 0xFF);
        assertEquals(0x80, high >> 8 & 0xFF, "phosphate is the same everywhere: the middle of its scale");
        assertEquals(0xFF, high & 0xFF);
    }

    @Test
    void percentilesInterpolateAndOrdinalsReadRight() {
        assertEquals(1.99, ChemicalMap.percentile(new double[] {1, 2, 3}, 49.5), 1e-12);
        assertEquals("1st", ChemicalMap.ordinal(1));
        assertEquals("99th", ChemicalMap.ordinal(99));
        assertEquals("12th", ChemicalMap.ordinal(12));
        assertEquals("2.5th", ChemicalMap.ordinal(2.5));
    }
}
