package io.descatter.emsc;

import io.descatter.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MATLAB gold data of the ME-EMSC ports (../shared/data/memsc/miestd): CSV files whose rows are a name
 * followed by values. Read in place, never copied into the project; a test that reads them is skipped where they
 * are absent (a fresh clone).
 */
final class MieStdGold {

    private MieStdGold() {
    }

    /** The rows of one file, by name, in file order. */
    static Map<String, double[]> rows(String file) {
        try {
            List<String> lines = Files.readAllLines(SharedData.assumePresent("memsc", "miestd", file));
            Map<String, double[]> rows = new LinkedHashMap<>();
            for (String line : lines) {
                if (line.isBlank()) continue;
                String[] cells = line.split(",");
                rows.put(cells[0].trim(), Arrays.stream(cells, 1, cells.length).mapToDouble(Double::parseDouble).toArray());
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] row(String file, int index) {
        return rows(file).values().toArray(new double[0][])[index];
    }
}
