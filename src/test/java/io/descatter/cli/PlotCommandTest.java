package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.report.SpectrumPlot;
import io.descatter.testing.Cli;
import io.descatter.testing.SpectraFixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plot}: the PNG's grid of panels, rows by id or number, the refusal of a missing row, --mean. */
class PlotCommandTest {
    @TempDir
    Path dir;
    Path raw;
    Path corrected;

    @BeforeEach
    void files() throws Exception {
        raw = SpectraFixtures.write(dir, "raw.csv", SpectraFixtures.wide(6, 40, 1));
        corrected = SpectraFixtures.write(dir, "corrected.csv", SpectraFixtures.wide(6, 40, 2));
    }

    private BufferedImage plot(String... extra) throws Exception {
        Path png = dir.resolve("fig.png");
        Files.deleteIfExists(png);
        String[] args = new String[extra.length + 6];
        args[0] = "plot";
        args[1] = raw.toString();
        args[2] = "--compare";
        args[3] = corrected.toString();
        args[4] = "-o";
        args[5] = png.toString();
        System.arraycopy(extra, 0, args, 6, extra.length);
        Cli.Run run = Cli.run(args);
        assertEquals(0, run.exitCode(), run.toString());
        return ImageIO.read(png.toFile());
    }

    @Test
    void threeRowsMakeAGridOfThreePanelsTwoWide() throws Exception {
        BufferedImage image = plot("--rows", "1,2,5");
        assertEquals(2 * SpectrumPlot.PANEL_WIDTH, image.getWidth());
        assertEquals(2 * SpectrumPlot.PANEL_HEIGHT, image.getHeight());
    }

    @Test
    void columnsSetTheGrid() throws Exception {
        BufferedImage image = plot("--rows", "1,2,5", "--columns", "3");
        assertEquals(3 * SpectrumPlot.PANEL_WIDTH, image.getWidth());
        assertEquals(SpectrumPlot.PANEL_HEIGHT, image.getHeight());
        BufferedImage single = plot();
        assertEquals(SpectrumPlot.PANEL_WIDTH, single.getWidth());
        assertEquals(SpectrumPlot.PANEL_HEIGHT, single.getHeight());
    }

    @Test
    void rowsByIdAndByNumber() throws Exception {
        BufferedImage image = plot("--rows", "cell_3,2", "--columns", "1");
        assertEquals(SpectrumPlot.PANEL_WIDTH, image.getWidth());
        assertEquals(2 * SpectrumPlot.PANEL_HEIGHT, image.getHeight());
    }

    @Test
    void aMissingRowIsExit3NamingItAndWritesNothing() {
        Path png = dir.resolve("missing.png");
        Cli.Run run = Cli.run("plot", raw.toString(), "--rows", "2,cell_99", "-o", png.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("cell_99") && run.err().contains(raw.toString()), run.err());
        assertFalse(Files.exists(png));
        assertEquals(ExitCode.BAD_INPUT, Cli.run("plot", raw.toString(), "--rows", "7", "-o", png.toString()).exitCode());
    }

    @Test
    void meanAndOverlayDrawOnePanel() throws Exception {
        for (String[] mode : new String[][] {{"--mean"}, {"--mean", "--rows", "1,3", "--normalise"}, {"--overlay", "--rows", "1,2,3", "--offset", "0.5"}}) {
            BufferedImage image = plot(mode);
            assertEquals(SpectrumPlot.PANEL_WIDTH, image.getWidth(), String.join(" ", mode));
            assertEquals(SpectrumPlot.PANEL_HEIGHT, image.getHeight(), String.join(" ", mode));
        }
    }

    @Test
    void contradictoryOptionsAreUsageErrors() {
        Path png = dir.resolve("u.png");
        assertEquals(ExitCode.USAGE, Cli.run("plot", raw.toString(), "--mean", "--overlay", "-o", png.toString()).exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("plot", raw.toString(), "--columns", "0", "-o", png.toString()).exitCode());
    }

    @Test
    void helpTeachesTheOptionsWithExamples() {
        String help = Cli.run("plot", "--help").out();
        for (String s : new String[] {"--rows 1,2,5", "--overlay --offset", "--mean", "--normalise", "--columns", "Okabe-Ito"}) {
            assertTrue(help.contains(s), s);
        }
    }
}
