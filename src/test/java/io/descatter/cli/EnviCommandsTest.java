package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.spectra.io.SpectraWriter;
import io.descatter.spectra.io.TableSchema;
import io.descatter.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** correct, convert and info on an ENVI image: an image stays an image (shape, grid), a table gets map_x/map_y. */
class EnviCommandsTest {
    @TempDir
    Path dir;

    private static final PixelGrid GRID = new PixelGrid(10, 20, 5.5, 5.5, "um");
    private Path image;

    /** The shipped samples as a 20 x 15 float32 image on a 5.5 um grid. */
    @BeforeEach
    void writeImage() throws IOException {
        SpectraTable t = SpectraTable.read(InputSource.of("data-samples/sim_raw.csv.gz"), ReadOptions.defaults());
        TableSchema schema = t.schema().withImage(new ImageShape(20, 15, GRID));
        image = dir.resolve("cells.hdr");
        try (SpectraWriter w = SpectraWriter.open(OutputTarget.of(image.toString()), schema, DoubleFormatter.exact())) {
            SpectraChunk chunk = new SpectraChunk(t.size(), schema.axis().size(), schema.meta().size());
            for (int i = 0; i < t.size(); i++) chunk.addRow(t.spectra().get(i), 0, t.meta().get(i), 0);
            w.write(chunk);
            w.commit();
        }
    }

    @Test
    void correctedImageKeepsShapeAndGrid() throws IOException {
        Path out = dir.resolve("corrected.hdr");
        Cli.Run run = Cli.run("correct", image.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        // every score and flag that ENVI cannot keep is named, and where they would be kept
        assertTrue(run.err().contains("ENVI keeps no metadata columns: confidence_ood, ood_flag, scattering_share, scattering_flag, "
                + "background_level, background_flag, signal_to_noise, noise_flag not "
                + "written to " + out + " (a .h5, .mat, .parquet or wide .csv output keeps them)"), run::toString);
        try (SpectraReader r = SpectraReader.open(out.toString(), ReadOptions.defaults())) {
            assertEquals(new ImageShape(20, 15, GRID), r.schema().image());
            assertEquals(300, r.expectedSpectra());
        }
        assertTrue(Files.readString(out).contains("units=Micrometers"));
    }

    @Test
    void mapOfAnImageKnowsThePositionsUnit() throws IOException {
        try (SpectraReader r = SpectraReader.open(image.toString(), ReadOptions.defaults())) {
            io.descatter.chemistry.MapRaster raster = io.descatter.chemistry.BandMap.read(r,
                    List.of(io.descatter.chemistry.BandMap.Channel.column("map_x")), 1, io.descatter.spectra.io.Progress.NONE, -1).raster();
            assertEquals("um", raster.grid().unit(), "the axis labels of a drawn map give the image's unit");
            assertEquals(5.5, raster.grid().xSize(), 1e-12);
        }
    }

    @Test
    void imageToTableHasThePixelPositions() throws IOException {
        Path out = dir.resolve("corrected.csv");
        Cli.Run run = Cli.run("correct", image.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith("map_x,map_y,"), lines.get(0));
        assertTrue(lines.get(2).startsWith("meta,meta,"), "Quasar flags the positions as meta: " + lines.get(2));
        assertTrue(lines.get(3 + 21).startsWith("15.5,25.5,"), "pixel (1, 1): " + lines.get(3 + 21));
        assertEquals(3 + 300, lines.size());
    }

    @Test
    void convertAndInfoReadTheImage() throws IOException {
        Path csv = dir.resolve("cells.csv");
        assertEquals(0, Cli.run("convert", image.toString(), "-o", csv.toString()).exitCode());
        Path back = dir.resolve("back.img");
        Cli.Run run = Cli.run("convert", csv.toString(), "-o", back.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("ENVI"), run::toString);
        Cli.Run info = Cli.run("info", dir.resolve("cells.img").toString());
        assertEquals(0, info.exitCode(), info::toString);
        assertTrue(info.out().contains("spectra:   300"), info::toString);
        assertTrue(info.out().contains("image:     20 x 15 pixels, ENVI"), info::toString);
    }
}
