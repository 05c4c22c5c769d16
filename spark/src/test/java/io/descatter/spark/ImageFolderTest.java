package io.descatter.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.cli.Main;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of ENVI images (written by the CLI's ENVI writer), corrected on Spark one image per task: every pixel once,
 * with its map_x/map_y and its image, and the numbers of {@code descatter correct} on the same image.
 */
class ImageFolderTest {
    @TempDir
    Path dir;

    @Test
    void correctsAFolderOfImagesAsTheCliDoes() throws Exception {
        Path images = Files.createDirectory(dir.resolve("slides"));
        // the sample's 300 spectra as 1 x 300 pixel images (one spectrum per image row: map_y 0 .. -299, y growing up)
        assertEquals(0, Main.execute("convert", SameNumbersTest.SAMPLE, "-o", images.resolve("a.hdr").toString()));
        assertEquals(0, Main.execute("convert", SameNumbersTest.SAMPLE, "-o", images.resolve("b.hdr").toString()));
        Path cli = dir.resolve("cli.csv");
        assertEquals(0, Main.execute("correct", images.resolve("a.hdr").toString(), "-o", cli.toString(),
                "--model", SameNumbersTest.MODEL.toString(), "--threads", "2"));
        double[][] expected = new double[300][];
        try (SpectraReader r = SpectraReader.open(InputSource.of(cli), ReadOptions.defaults())) {
            int y = r.schema().meta().stream().map(m -> m.name()).toList().indexOf(SpectraSources.MAP_Y);
            SpectraChunk c = r.newChunk(1000);
            r.read(c);
            for (int i = 0; i < c.rows(); i++) {
                expected[(int) -Double.parseDouble(c.meta(i)[y])] = Arrays.copyOfRange(c.values(), c.offset(i), c.offset(i) + c.points());
            }
        }

        LocalSpark.get();
        String out = dir.resolve("corrected.parquet").toString();
        assertEquals(0, DescatterSpark.execute("correct", images.toString(), out, "--model", SameNumbersTest.MODEL.toString()));
        List<Row> rows = LocalSpark.get().read().parquet(out).collectAsList();
        assertEquals(600, rows.size(), "every pixel of both images once");
        TreeSet<String> names = new TreeSet<>();
        double largest = 0, worst = 0;
        for (Row row : rows) {
            String image = row.getString(row.fieldIndex(SpectraSources.IMAGE));
            names.add(Path.of(java.net.URI.create(image).getPath()).getFileName().toString());
            assertEquals(0.0, row.getDouble(row.fieldIndex(SpectraSources.MAP_X)));
            int y = (int) -row.getDouble(row.fieldIndex(SpectraSources.MAP_Y));
            List<Float> got = row.getList(row.fieldIndex(SpectraFrame.SPECTRUM));
            for (int k = 0; k < got.size(); k++) {
                largest = Math.max(largest, Math.abs(expected[y][k]));
                worst = Math.max(worst, Math.abs(expected[y][k] - got.get(k)));
            }
        }
        assertEquals(new TreeSet<>(List.of("a.hdr", "b.hdr")), names, "the image column names the header of each image");
        assertTrue(worst <= 1e-6 * largest, "largest difference " + worst + " of largest value " + largest);
    }
}
