package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.report.ChemicalMap;
import io.descatter.testing.Cli;
import io.descatter.testing.MapFixtures;
import io.descatter.testing.SpectraFixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code map}: the PNG and --values, the choice of what to map, refusals with their exit codes and no output. */
class MapCommandTest {
    @TempDir
    Path dir;
    Path image;
    Path png;

    @BeforeEach
    void files() throws Exception {
        image = SpectraFixtures.write(dir, "image.csv", MapFixtures.image(Set.of(201), Set.of(402)));
        png = dir.resolve("map.png");
    }

    private Cli.Run map(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "map";
        args[1] = image.toString();
        args[2] = "-o";
        args[3] = png.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Cli.run(args);
    }

    @Test
    void aBandMapWritesThePngAndItsValues() throws Exception {
        Path values = dir.resolve("values.csv");
        Cli.Run run = map("--band", "1600:1710", "--values", values.toString());
        assertEquals(0, run.exitCode(), run.toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(ChemicalMap.LEFT + 450 + ChemicalMap.BAR_BLOCK, img.getWidth());
        assertEquals(ChemicalMap.TOP + 600 + ChemicalMap.AXIS_LABELS + 2 * ChemicalMap.LEGEND_LINE + 10, img.getHeight());
        List<String> lines = Files.readAllLines(values);
        assertEquals("map_x,map_y,value", lines.get(0));
        assertEquals(1 + 23, lines.size());
        assertEquals("10,0", lines.get(3).substring(0, 4)); // third spectrum: column 2, row 0
        assertEquals(MapFixtures.amideArea(2), Double.parseDouble(lines.get(3).split(",")[2]), 1e-9);
        assertTrue(lines.contains("20,20,NaN"), "the NaN pixel keeps its row");
        assertTrue(run.err().contains("6 × 4 pixels, 23 spectra, 1 missing pixels, 1 NaN values"), run.err());
    }

    @Test
    void ratioRgbAndColumnMaps() throws Exception {
        Path values = dir.resolve("v.csv");
        assertEquals(0, map("--ratio", "amide-I/phosphate", "--values", values.toString()).exitCode());
        assertEquals(MapFixtures.amideArea(1) / MapFixtures.PHOSPHATE_AREA, Double.parseDouble(Files.readAllLines(values).get(2).split(",")[2]),
                1e-9);
        Cli.Run rgb = map("--rgb", "amide-I,phosphate,1600:1700", "--values", values.toString());
        assertEquals(0, rgb.exitCode(), rgb.toString());
        assertEquals("map_x,map_y,red,green,blue", Files.readAllLines(values).get(0));
        assertEquals(0, map("--column", "score", "--values", values.toString()).exitCode());
        assertEquals("5,0,1", Files.readAllLines(values).get(2));
    }

    @Test
    void emscsFitRmseColumnIsMapped() throws Exception {
        Path whole = SpectraFixtures.write(dir, "whole.csv", MapFixtures.image(Set.of(), Set.of()));
        Path corrected = dir.resolve("emsc.csv");
        Cli.Run emsc = Cli.run("emsc", "--method", "emsc", "--reference", "mean", whole.toString(), "-o", corrected.toString());
        assertEquals(0, emsc.exitCode(), emsc.toString());
        Path values = dir.resolve("rmse.csv");
        Cli.Run run = Cli.run("map", corrected.toString(), "--column", "emsc_rmse", "-o", png.toString(), "--values", values.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(1 + MapFixtures.WIDTH * MapFixtures.HEIGHT, Files.readAllLines(values).size());
    }

    @Test
    void sideBySideDrawsTwoPanels() throws Exception {
        Path other = SpectraFixtures.write(dir, "corrected.csv", MapFixtures.image(Set.of(), Set.of()));
        Cli.Run run = map("--band", "amide-I", "--side-by-side", other.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(2 * (ChemicalMap.LEFT + 450) + ChemicalMap.BAR_BLOCK, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void aFileWithoutMapColumnsIsExit3NamingThemAndWritesNothing() throws Exception {
        Path plain = SpectraFixtures.write(dir, "plain.csv", SpectraFixtures.wide(5, 400, 1));
        Path values = dir.resolve("values.csv");
        Cli.Run run = Cli.run("map", plain.toString(), "--band", "amide-I", "-o", png.toString(), "--values", values.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("plain.csv") && run.err().contains("map_x") && run.err().contains("map_y"), run.err());
        assertEquals(1, run.errLines().length, run.err());
        assertFalse(Files.exists(png));
        assertFalse(Files.exists(values));
    }

    @Test
    void usageErrorsAreExit2() {
        assertEquals(ExitCode.USAGE, map().exitCode());
        assertEquals(ExitCode.USAGE, map("--band", "amide-I", "--column", "score").exitCode());
        assertEquals(ExitCode.USAGE, map("--band", "amide-I/phosphate").exitCode());
        assertEquals(ExitCode.USAGE, map("--ratio", "amide-I").exitCode());
        assertEquals(ExitCode.USAGE, map("--rgb", "amide-I,CH").exitCode());
        assertEquals(ExitCode.USAGE, map("--band", "amide-I", "--range", "5:1").exitCode());
        Cli.Run unknown = map("--band", "amide-V");
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("lipid-ester"), unknown.err());
        Cli.Run column = map("--column", "confidence_ood");
        assertEquals(ExitCode.USAGE, column.exitCode());
        assertTrue(column.err().contains("score"), column.err());
        assertFalse(Files.exists(png));
    }

    @Test
    void aWindowOutsideTheAxisIsExit4() {
        Cli.Run run = map("--band", "CH");
        assertEquals(ExitCode.MISMATCH, run.exitCode(), run.toString());
        assertFalse(Files.exists(png));
    }

    @Test
    void helpTeachesWithExamples() {
        Cli.Run run = Cli.run("map", "--help");
        assertEquals(0, run.exitCode());
        for (String s : List.of("--ratio phosphate/amide-I", "--rgb amide-I,CH,phosphate", "--column confidence_ood", "emsc_rmse",
                "--side-by-side", "--values")) {
            assertTrue(run.out().contains(s), s);
        }
    }
}
