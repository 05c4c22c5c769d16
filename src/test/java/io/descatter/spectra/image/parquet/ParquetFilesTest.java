package io.descatter.spectra.image.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.cli.ExitCode;
import io.descatter.model.BatchCorrection;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.SpectralImage;
import io.descatter.spectra.image.envi.EnviFixtures;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.testing.Cli;
import io.descatter.testing.SpectraFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet through the CLI and the reader: round trips at float32, descatter-spark's layout (typed columns, Spark's
 * footer with the wavenumbers, Snappy), Spark's folders of part files, other writers' list layouts, random block
 * order. Interoperability with Spark itself is checked in the spark module (CliParquetTest).
 */
class ParquetFilesTest {
    @TempDir
    Path dir;

    /** Every spectrum and metadata cell of {@code file}, read by descatter's reader. */
    private record Table(double[] axis, List<String> meta, List<String[]> cells, List<double[]> spectra) {
    }

    private static Table read(Path file) throws IOException {
        try (SpectraReader r = SpectraReader.open(file.toString(), ReadOptions.defaults().withAllowMissing(true))) {
            SpectraChunk chunk = r.newChunk(7); // blocks smaller than the table: reading goes on across blocks
            List<String[]> cells = new ArrayList<>();
            List<double[]> spectra = new ArrayList<>();
            int n;
            int points = r.schema().axis().size();
            while ((n = r.read(chunk)) > 0) {
                for (int i = 0; i < n; i++) {
                    cells.add(chunk.meta(i).clone());
                    spectra.add(java.util.Arrays.copyOfRange(chunk.values(), i * points, (i + 1) * points));
                }
            }
            List<String> meta = r.schema().meta().stream().map(m -> m.name()).toList();
            return new Table(r.schema().axis().values(), meta, cells, spectra);
        }
    }

    private static void assertOk(Cli.Run run) {
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    }

    @Test
    void csvToParquetAndBackKeepsEveryValueAtFloatPrecisionAndEveryCell() throws IOException {
        StringBuilder csv = new StringBuilder("id,tissue,1000,1002,1004,1006\n");
        for (int s = 0; s < 20; s++) {
            csv.append("s").append(s).append(',').append(s % 3 == 0 ? "" : "epithelial, \"inner\"".replace("\"", "")).append(',')
                    .append(0.1 * s + 1e-9).append(',').append(-1.5e-7 * s).append(',').append(s == 4 ? "NaN" : "3.25").append(',')
                    .append(1.0 / (s + 1)).append('\n');
        }
        Path in = SpectraFixtures.write(dir, "in.csv", csv.toString().replace("epithelial, inner", "\"epithelial, inner\""));
        Path pq = dir.resolve("t.parquet");
        assertOk(Cli.run("convert", in.toString(), "-o", pq.toString(), "--allow-nan"));
        Table a = read(in);
        Table b = read(pq);
        assertArrayEquals(a.axis(), b.axis());
        assertEquals(a.meta(), b.meta());
        assertEquals(a.cells().size(), b.cells().size());
        for (int s = 0; s < a.cells().size(); s++) {
            assertArrayEquals(a.cells().get(s), b.cells().get(s), "metadata of row " + s);
            for (int k = 0; k < a.axis().length; k++) {
                double x = a.spectra().get(s)[k];
                assertEquals((double) (float) x, b.spectra().get(s)[k], 0.0, "row " + s + " point " + k + " (NaN stays NaN)");
            }
        }
        // and back to CSV: the same values as the Parquet file holds
        Path back = dir.resolve("back.csv");
        assertOk(Cli.run("convert", pq.toString(), "-o", back.toString(), "--allow-nan"));
        Table c = read(back);
        for (int s = 0; s < b.spectra().size(); s++) assertArrayEquals(b.spectra().get(s), c.spectra().get(s), 0.0);
    }

    @Test
    void correctWritesDescatterSparksLayoutWithTypedScoresAndTheAxisInSparksFooter() throws IOException {
        Path in = dir.resolve("sim.csv");
        assertOk(Cli.run("simulate", "--n", "12", "--seed", "3", "-o", in.toString()));
        Path pq = dir.resolve("c.parquet");
        Path csv = dir.resolve("c.csv");
        assertOk(Cli.run("correct", in.toString(), "-o", pq.toString()));
        assertOk(Cli.run("correct", in.toString(), "-o", csv.toString()));
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(pq), ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            assertEquals(PrimitiveTypeName.DOUBLE, schema.getType(BatchCorrection.SCORE_COLUMN).asPrimitiveType().getPrimitiveTypeName());
            assertEquals(PrimitiveTypeName.INT32, schema.getType(BatchCorrection.FLAG_COLUMN).asPrimitiveType().getPrimitiveTypeName());
            assertEquals(PrimitiveTypeName.BINARY, schema.getType("id").asPrimitiveType().getPrimitiveTypeName());
            assertEquals(PrimitiveTypeName.FLOAT, schema.getColumnDescription(new String[] {"spectrum", "list", "element"}).getPrimitiveType()
                    .getPrimitiveTypeName());
            for (ColumnChunkMetaData c : r.getFooter().getBlocks().get(0).getColumns()) assertEquals(CompressionCodecName.SNAPPY, c.getCodec());
            double[] axis = SparkRowSchema.wavenumbers(r.getFooter().getFileMetaData().getKeyValueMetaData().get(SparkRowSchema.FOOTER_KEY));
            assertArrayEquals(read(csv).axis(), axis, "the axis in Spark's schema");
        }
        Table p = read(pq);
        Table t = read(csv);
        assertEquals(t.meta(), p.meta());
        for (int s = 0; s < t.spectra().size(); s++) {
            for (int k = 0; k < t.axis().length; k++) assertEquals((float) t.spectra().get(s)[k], p.spectra().get(s)[k], 1e-6);
            int score = t.meta().indexOf(BatchCorrection.SCORE_COLUMN);
            assertEquals(Double.parseDouble(t.cells().get(s)[score]), Double.parseDouble(p.cells().get(s)[score]), 0.0);
        }
    }

    @Test
    void typedColumnsAreTheOnesDescatterAdds() {
        Set<String> added = Set.of(BatchCorrection.SCORE_COLUMN, BatchCorrection.FLAG_COLUMN, BatchCorrection.SHARE_COLUMN,
                BatchCorrection.SHARE_FLAG_COLUMN, BatchCorrection.BACKGROUND_COLUMN, BatchCorrection.BACKGROUND_FLAG_COLUMN,
                BatchCorrection.SNR_COLUMN, BatchCorrection.NOISE_FLAG_COLUMN, BatchCorrection.CHANGE_COLUMN, BatchCorrection.FIT_COLUMN, BatchCorrection.FIT_FLAG_COLUMN, "emsc_iterations", "emsc_rmse",
                "map_x", "map_y");
        assertEquals(added, ParquetTableWriter.TYPED.keySet());
        for (String flag : List.of(BatchCorrection.FLAG_COLUMN, BatchCorrection.SHARE_FLAG_COLUMN, BatchCorrection.BACKGROUND_FLAG_COLUMN,
                BatchCorrection.NOISE_FLAG_COLUMN, BatchCorrection.FIT_FLAG_COLUMN, "emsc_iterations")) {
            assertEquals("integer", ParquetTableWriter.TYPED.get(flag), flag);
        }
    }

    @Test
    void floatValuesGoIntoFreshPlainFloatColumnsOnly() {
        MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message m { optional float f; optional double d; }");
        var store = new org.apache.parquet.column.impl.ColumnWriteStoreV1(schema, path -> null,
                org.apache.parquet.column.ParquetProperties.builder().withDictionaryEncoding(false).build());
        var f = schema.getColumns().get(0);
        var d = schema.getColumns().get(1);
        assertTrue(FloatValues.install(store.getColumnWriter(f), f), "a plain float column");
        assertTrue(!FloatValues.install(store.getColumnWriter(f), f), "not twice");
        assertTrue(!FloatValues.install(store.getColumnWriter(d), d), "not a double column");
    }

    @Test
    void theDirectPathWritesWhatParquetJavasEventsWrite() throws IOException {
        io.descatter.spectra.WavenumberAxis axis = io.descatter.spectra.WavenumberAxis.of(1000, 1002, 1004);
        List<String> names = List.of("id", BatchCorrection.SCORE_COLUMN, BatchCorrection.FLAG_COLUMN);
        double[] values = {1, 2, 3, -4.5, Double.NaN, 6e-9, 7, 8, 9};
        String[][] meta = {{"a", "0.25", "1"}, {"", "", ""}, {"c", "-1e-300", "0"}};
        Path[] files = {dir.resolve("direct.parquet"), dir.resolve("events.parquet")};
        for (int f = 0; f < 2; f++) {
            try (ParquetTableWriter w = ParquetTableWriter.create(files[f], axis, names, f == 0)) {
                w.write(values, meta, 3);
                w.commit();
            }
        }
        // and a table of several pages (1 MB each) and a grown buffer: 2,000 spectra of 600 values
        io.descatter.spectra.WavenumberAxis wide = io.descatter.spectra.WavenumberAxis.regular(1000, 2198, 2);
        double[] many = new double[2000 * 600];
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < many.length; i++) many[i] = rnd.nextGaussian();
        Path[] big = {dir.resolve("big_direct.parquet"), dir.resolve("big_events.parquet")};
        for (int f = 0; f < 2; f++) {
            try (ParquetTableWriter w = ParquetTableWriter.create(big[f], wide, List.of(), f == 0)) {
                for (int b = 0; b < 2000; b += 500) w.write(java.util.Arrays.copyOfRange(many, b * 600, (b + 500) * 600), null, 500);
                w.commit();
            }
        }
        assertEquals(-1L, Files.mismatch(big[0], big[1]), "the same bytes over several pages");
        assertEquals((float) many[1999 * 600 + 599], read(big[0]).spectra().get(1999)[599], 0.0);
        assertEquals(-1L, Files.mismatch(files[0], files[1]), "the same bytes: levels, plain floats (FloatValues), footer");
        Table direct = read(files[0]);
        Table events = read(files[1]);
        assertEquals(events.meta(), direct.meta());
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(events.cells().get(s), direct.cells().get(s));
            assertArrayEquals(events.spectra().get(s), direct.spectra().get(s), 0.0);
        }
        assertArrayEquals(new String[] {"", "", ""}, direct.cells().get(1), "empty cells are nulls, read back as empty");
        assertArrayEquals(new double[] {-4.5, Double.NaN, 6e-9f}, direct.spectra().get(1), 0.0);
    }

    @Test
    void sparksFolderOfPartFilesIsReadPartByPartInNameOrder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("out.parquet"));
        Map<String, String> footer = ParquetTestFiles.sparkFooter(1000, 1002, 1004);
        // written out of name order; Spark's markers and checksums beside them
        ParquetTestFiles.write(folder.resolve("part-00001-x.snappy.parquet"), ParquetTestFiles.SPARK_LIKE, footer, 2,
                (row, i) -> ParquetTestFiles.floats(row.append("id", "b" + i), 10 + i, 11, 12));
        ParquetTestFiles.write(folder.resolve("part-00000-x.snappy.parquet"), ParquetTestFiles.SPARK_LIKE, footer, 3,
                (row, i) -> ParquetTestFiles.floats(row.append("id", "a" + i), i, 1, 2));
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Files.writeString(folder.resolve(".part-00000-x.snappy.parquet.crc"), "crc");
        Table t = read(folder);
        assertEquals(List.of("a0", "a1", "a2", "b0", "b1"), t.cells().stream().map(c -> c[0]).toList());
        assertArrayEquals(new double[] {11, 11, 12}, t.spectra().get(4), 0.0);
        assertArrayEquals(new double[] {1000, 1002, 1004}, t.axis(), 0.0);
        Path csv = dir.resolve("all.csv");
        assertOk(Cli.run("convert", folder.toString(), "-o", csv.toString()));
        assertEquals(5, read(csv).spectra().size());
    }

    @Test
    void twoLevelListsDoubleElementsAndNullElementsAreRead() throws IOException {
        String legacy = "message m { optional binary id (STRING); optional int64 n; optional double x; optional boolean ok; "
                + "optional group spectrum (LIST) { repeated double array; } }";
        Path p = ParquetTestFiles.write(dir.resolve("legacy.parquet"), legacy, ParquetTestFiles.sparkFooter(1000, 1002), 2,
                (row, i) -> {
                    row.append("id", "r" + i).append("n", 7L * i).append("x", 0.1).append("ok", i == 0);
                    row.addGroup("spectrum").append("array", 1.5 + i).append("array", 2.0);
                });
        Table t = read(p);
        assertEquals(List.of("id", "n", "x", "ok"), t.meta());
        assertArrayEquals(new String[] {"r1", "7", "0.1", "false"}, t.cells().get(1));
        assertArrayEquals(new double[] {2.5, 2.0}, t.spectra().get(1), 0.0);
        String nullable = "message m { optional group spectrum (LIST) { repeated group list { optional float element; } } }";
        Path q = ParquetTestFiles.write(dir.resolve("nulls.parquet"), nullable, ParquetTestFiles.sparkFooter(1000, 1002, 1004), 2,
                (row, i) -> {
                    if (i == 1) return; // a null spectrum
                    org.apache.parquet.example.data.Group list = row.addGroup("spectrum");
                    list.addGroup("list").append("element", 1f);
                    list.addGroup("list"); // a null element
                    list.addGroup("list").append("element", 3f);
                });
        Table u = read(q);
        assertArrayEquals(new double[] {1, Double.NaN, 3}, u.spectra().get(0), 0.0);
        assertTrue(java.util.Arrays.stream(u.spectra().get(1)).allMatch(Double::isNaN), "a null spectrum: all missing");
        assertEquals(ExitCode.BAD_INPUT, Cli.run("convert", q.toString(), "-o", dir.resolve("q.csv").toString()).exitCode(),
                "missing values refused without --allow-nan");
    }

    @Test
    void aWideFrameAsPandasWritesItIsReadWithItsColumnNamesAsTheAxis() throws IOException {
        // one double column per wavenumber (descending, as many instruments export), named by it; other columns metadata,
        // a string column named by a number among them
        MessageType wide = org.apache.parquet.schema.Types.buildMessage()
                .optional(PrimitiveTypeName.BINARY).as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType()).named("id")
                .optional(PrimitiveTypeName.DOUBLE).named("1004.5")
                .optional(PrimitiveTypeName.DOUBLE).named("1002.5")
                .optional(PrimitiveTypeName.FLOAT).named("1000.5")
                .optional(PrimitiveTypeName.INT64).named("n")
                .optional(PrimitiveTypeName.BINARY).as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType()).named("7")
                .named("schema");
        Path p = ParquetTestFiles.write(dir.resolve("wide.parquet"), wide, Map.of(), 3, (row, i) -> {
            row.append("id", "s" + i).append("1004.5", 10.0 + i);
            if (i != 1) row.append("1002.5", 20.0 + i); // row 1: a missing value
            row.append("1000.5", 30f + i).append("n", (long) i).append("7", "seven");
        });
        Table t = read(p);
        assertArrayEquals(new double[] {1004.5, 1002.5, 1000.5}, t.axis(), 0.0);
        assertEquals(List.of("id", "n", "7"), t.meta());
        assertArrayEquals(new String[] {"s2", "2", "seven"}, t.cells().get(2));
        assertArrayEquals(new double[] {12, 22, 32}, t.spectra().get(2), 0.0);
        assertArrayEquals(new double[] {11, Double.NaN, 31}, t.spectra().get(1), 0.0);
    }

    @Test
    void aListWithThePlainWavenumbersEntryIsRead() throws IOException {
        Path p = ParquetTestFiles.write(dir.resolve("plain.parquet"), ParquetTestFiles.SPARK_LIKE, Map.of("wavenumbers", "[1000, 1002.25]"), 2,
                (row, i) -> ParquetTestFiles.floats(row.append("id", "r" + i), i, 5));
        Table t = read(p);
        assertArrayEquals(new double[] {1000, 1002.25}, t.axis(), 0.0);
        assertArrayEquals(new double[] {1, 5}, t.spectra().get(1), 0.0);
        // and descatter writes that entry too, beside Spark's schema
        Path out = dir.resolve("out.parquet");
        assertOk(Cli.run("convert", p.toString(), "-o", out.toString()));
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(out), ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            assertArrayEquals(new double[] {1000, 1002.25}, SparkRowSchema.numbers(r.getFooter().getFileMetaData().getKeyValueMetaData().get("wavenumbers")), 0.0);
        }
    }

    @Test
    void blocksReadOutOfOrderGiveTheirOwnRows() throws IOException {
        Path p = ParquetTestFiles.write(dir.resolve("t.parquet"), ParquetTestFiles.SPARK_LIKE, ParquetTestFiles.sparkFooter(1000, 1002), 9,
                (row, i) -> ParquetTestFiles.floats(row.append("id", "s" + i), i, -i));
        try (SpectralImage table = ImageFormats.open(p, "t.parquet")) {
            double[] v = new double[4];
            String[][] meta = new String[2][];
            table.readRows(6, 2, v, meta);
            assertArrayEquals(new double[] {6, -6, 7, -7}, v, 0.0);
            table.readRows(1, 2, v, meta); // before the position: read again from the start
            assertArrayEquals(new double[] {1, -1, 2, -2}, v, 0.0);
            assertEquals("s2", meta[1][0]);
            table.readRows(8, 1, v, meta);
            assertEquals(8, v[0], 0.0);
        }
    }

    @Test
    void manyRowGroupsAndPagesAreReadAcrossTheirBoundaries() throws IOException {
        // 400 rows of 60 values in row groups of about 8 KB (parquet-java checks the size now and then: 4 groups) and pages of 1 KB; read in blocks of 7
        // and out of order, each row must be its own
        double[] axis = java.util.stream.IntStream.range(0, 60).mapToDouble(k -> 1000 + 2 * k).toArray();
        Path p = ParquetTestFiles.write(dir.resolve("groups.parquet"), org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                ParquetTestFiles.SPARK_LIKE), ParquetTestFiles.sparkFooter(axis), 400, (row, i) -> {
                    float[] v = new float[60];
                    for (int k = 0; k < 60; k++) v[k] = i * 100 + k;
                    ParquetTestFiles.floats(row.append("id", "s" + i), v);
                }, 8 << 10);
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(p), ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            assertTrue(r.getRowGroups().size() > 2, "row groups: " + r.getRowGroups().size());
        }
        Table t = read(p);
        assertEquals(400, t.spectra().size());
        for (int i = 0; i < 400; i += 37) {
            assertEquals("s" + i, t.cells().get(i)[0]);
            assertEquals(i * 100 + 59, t.spectra().get(i)[59], 0.0);
        }
        try (SpectralImage table = ImageFormats.open(p, "groups.parquet")) {
            double[] v = new double[3 * 60];
            for (int first : new int[] {390, 5, 200, 201, 399 - 2}) {
                table.readRows(first, 3, v, null);
                for (int j = 0; j < 3; j++) assertEquals((first + j) * 100, v[j * 60], 0.0, "row " + (first + j));
            }
        }
    }

    @Test
    void anImageBecomesRowsWithItsPixelPositions() throws IOException {
        double[][][] cube = new double[2][3][4];
        for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) for (int k = 0; k < 4; k++) cube[r][c][k] = r * 10 + c + 0.25 * k;
        Path hdr = EnviFixtures.write(dir, "img", ".img", cube, new double[] {1000, 1002, 1004, 1006}, 4, "bip", 0, 0,
                "map info = {Arbitrary, 1, 1, 0, 0, 2.5, 2.5}\n");
        Path pq = dir.resolve("img.parquet");
        Path csv = dir.resolve("img.csv");
        assertOk(Cli.run("convert", hdr.toString(), "-o", pq.toString()));
        assertOk(Cli.run("convert", hdr.toString(), "-o", csv.toString()));
        Table p = read(pq);
        Table c = read(csv);
        assertEquals(c.meta(), p.meta());
        assertTrue(p.meta().containsAll(List.of("map_x", "map_y")), p.meta().toString());
        for (int s = 0; s < 6; s++) {
            for (int m = 0; m < c.meta().size(); m++) {
                assertEquals(Double.parseDouble(c.cells().get(s)[m]), Double.parseDouble(p.cells().get(s)[m]), 0.0);
            }
            assertArrayEquals(c.spectra().get(s), p.spectra().get(s), 0.0);
        }
    }
}
