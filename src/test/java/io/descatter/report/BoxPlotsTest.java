package io.descatter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoxPlotsTest {
    @TempDir
    Path dir;

    /** Three panels in rows of two: the grid has a partial last row (XChart's own grid writer failed on it). */
    @Test
    void partialLastRowIsLeftBlank() throws Exception {
        Map<String, Map<String, double[]>> panels = new LinkedHashMap<>();
        for (String name : new String[] {"a", "b", "c"}) {
            Map<String, double[]> groups = new LinkedHashMap<>();
            groups.put("measured", new double[] {1, 2, 3, 4});
            groups.put("simulated", new double[] {2, 3, 4, 5, 6});
            panels.put(name, groups);
        }
        Path png = dir.resolve("grid.png");
        BoxPlots.save(panels, 2, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * 360, image.getWidth());
        assertEquals(2 * 280, image.getHeight());
        assertEquals(0xFFFFFF, image.getRGB(360 + 180, 280 + 140) & 0xFFFFFF, "the empty fourth cell is white");
    }

    /** A statistic the axis does not reach has no values: its group is left out, or its panel drawn empty and titled so. */
    @Test
    void groupsWithoutValuesAreLeftOut() throws Exception {
        Map<String, Map<String, double[]>> panels = new LinkedHashMap<>();
        Map<String, double[]> half = new LinkedHashMap<>();
        half.put("measured", new double[0]);
        half.put("simulated", new double[] {2, 3, 4, 5, 6});
        panels.put("half", half);
        Map<String, double[]> none = new LinkedHashMap<>();
        none.put("measured", new double[0]);
        none.put("simulated", new double[0]);
        panels.put("none", none);
        Path png = dir.resolve("empty.png");
        BoxPlots.save(panels, 2, png);
        assertEquals(2 * 360, ImageIO.read(png.toFile()).getWidth());
    }
}
