package io.descatter.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.image.parquet.ParquetTestFiles;
import io.descatter.testing.Cli;
import io.descatter.testing.SpectraFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-input matrix: each case must give exactly one line on stderr naming the file (and line and
 * column where they exist) and what is wrong, the documented exit code, no stack trace, no output file and no
 * temporary file left behind, and the input untouched.
 */
class BadInputTest {
    @TempDir
    Path dir;

    /** One malformed input: file name, its bytes (null: the file does not exist), the expected code and message parts. */
    record Case(String label, String file, byte[] content, int exitCode, String location, String problem) {
        @Override
        public String toString() { return label; }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final String HEADER = "id,1000,1002,1004,1006\n";

    static Stream<Case> cases() throws IOException {
        byte[] utf16 = ("\uFEFF" + HEADER + "a,1,2,3,4\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        binary[0] = 'P'; // not a gzip or BOM signature
        binary[1] = 'K';
        char[] longLine = new char[10 << 20];
        Arrays.fill(longLine, 'x');
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(utf8(HEADER + "a,1,2,3,4\n".repeat(200)));
        }
        byte[] truncatedGz = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        byte[] corruptStart = gz.toByteArray().clone();
        for (int i = 10; i < Math.min(corruptStart.length, 40); i++) corruptStart[i] = (byte) 0xff; // not a deflate block
        return Stream.of(
                new Case("missing file", "absent.csv", null, 3, "absent.csv:", "no such file"),
                new Case("shell pattern that matched nothing", "*.0", null, 3, "*.0:", "no such file: no file matches this pattern"),
                new Case("empty file", "empty.csv", new byte[0], 3, "empty.csv:", "empty"),
                new Case("header only", "header.csv", utf8(HEADER), 3, "header.csv:", "no spectra"),
                new Case("blank lines only", "blank.csv", utf8("\n\n\n"), 3, "blank.csv", "holds no data (only blank or comment lines)"),
                new Case("comment lines only", "notes.txt", utf8("# exported\n; nothing else\n"), 3, "notes.txt", "holds no data (only blank or comment lines)"),
                new Case("Excel workbook", "book.xlsx", new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0}, 3, "book.xlsx:",
                        "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?), not spectra text: save the sheet as CSV"),
                new Case("JCAMP-DX", "s.jdx", utf8("##JCAMP-DX=4.24\n##TITLE=cell 1\n##XYDATA=(X++(Y..Y))\n4000 0.1 0.2 0.3\n3994 0.4 0.5 0.6\n##END=\n"),
                        3, "s.jdx:1:1:", "a JCAMP-DX file (##JCAMP-DX=4.24), which descatter does not read"),
                new Case("non-numeric cell", "text.csv", utf8(HEADER + "a,1,2,3,4\nb,1,two,3,4\n"), 3, "text.csv:3:3:", "not a number: \"two\""),
                new Case("ragged row", "ragged.csv", utf8(HEADER + "a,1,2,3,4\nb,1,2,3\nc,1,2,3,4\n"), 3, "ragged.csv:3:", "4 cells but the header has 5"),
                new Case("duplicate wavenumber", "dup.csv", utf8("id,1000,1002,1002,1006\na,1,2,3,4\n"), 3, "dup.csv:1:4:", "duplicate wavenumber 1002"),
                new Case("non-monotonic wavenumbers", "order.csv", utf8("id,1000,1002,1001,1006\na,1,2,3,4\n"), 3, "order.csv:1:4:", "breaks the ascending order"),
                new Case("NaN cell", "nan.csv", utf8(HEADER + "a,1,2,NaN,4\n"), 3, "nan.csv:2:4:", "NaN"),
                new Case("empty cell", "hole.csv", utf8(HEADER + "a,1,,3,4\n"), 3, "hole.csv:2:3:", "empty or NaN cell"),
                new Case("infinite cell", "inf.csv", utf8(HEADER + "a,1,2,3,-Infinity\n"), 3, "inf.csv:2:5:", "infinite value"),
                new Case("UTF-16 text", "utf16.csv", utf16, 3, "utf16.csv:1:1:", "UTF-16"),
                new Case("mixed decimal marks", "comma.csv", utf8("id;1000;1002;1004\na;0,1;0.2;0,3\n"), 3, "comma.csv:2:3:", "mixed decimal marks"),
                new Case("binary garbage", "garbage.csv", binary, 3, "garbage.csv:1:", "binary data"),
                new Case("10 MB single line", "long.csv", utf8(new String(longLine)), 3, "long.csv:1:1:", "longer than"),
                new Case("file truncated mid-row", "cut.csv", utf8(HEADER + "a,1,2,3,4\nb,1,2"), 3, "cut.csv:3:", "ends in the middle of a row"),
                new Case("mixed layouts: a second header", "joined.csv", utf8(HEADER + "a,1,2,3,4\n" + HEADER + "b,1,2,3,4\n"), 3, "joined.csv:3:", "repeats the header"),
                new Case("mixed layouts: Quasar rows inside wide data", "mixed.csv",
                        utf8(HEADER + "a,1,2,3,4\nstring,continuous,continuous,continuous\n"), 3, "mixed.csv:3:", "Quasar type row"),
                new Case("quote never closed", "quote.csv", utf8(HEADER + "\"a,1,2,3,4\n"), 3, "quote.csv:2:1:", "inside a quoted cell"),
                new Case("corrupt gzip", "cut.csv.gz", truncatedGz, 3, "cut.csv.gz", "gzip"),
                new Case("gzip corrupt right after its header", "bad.csv.gz", corruptStart, 3, "bad.csv.gz", "corrupt or truncated gzip data"),
                new Case("gzip header only", "hdr.csv.gz", Arrays.copyOf(gz.toByteArray(), 10), 3, "hdr.csv.gz", "corrupt or truncated gzip data"),
                new Case("one column only", "single.csv", utf8("1000\n1002\n"), 3, "single.csv:1:", "only one column"),
                new Case("columnar wavenumber not a number", "col.csv", utf8("wavenumber,s1\n1000,0.1\nx,0.2\n1004,0.3\n"), 3, "col.csv:3:1:", "wavenumber \"x\""),
                new Case("columnar duplicate wavenumber", "coldup.csv", utf8("wavenumber,s1\n1000,0.1\n1002,0.2\n1002,0.3\n"), 3, "coldup.csv:4:1:", "duplicate wavenumber"),
                new Case("Parquet magic, then garbage", "part-0.parquet", parquetLike(), 3, "part-0.parquet:", "not a readable Parquet file"));
    }

    /** Parquet's magic number, then bytes: enough for a file that is Parquet to the reader. */
    private static byte[] parquetLike() {
        byte[] b = new byte[256];
        new java.util.Random(3).nextBytes(b);
        System.arraycopy(new byte[] {'P', 'A', 'R', '1'}, 0, b, 0, 4);
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedInputGivesOneClearLineAndNoOutput(Case c) throws IOException {
        Path in = dir.resolve(c.file());
        if (c.content() != null) Files.write(in, c.content());
        Path out = dir.resolve("out.csv");
        Cli.Run run = Cli.run("convert", in.toString(), "-o", out.toString());
        assertOneLineFailure(run, c.exitCode(), c.location(), c.problem());
        assertFalse(Files.exists(out), "no output file");
        assertNoTemporaryFiles();
        if (c.content() != null) assertArrayEquals(c.content(), Files.readAllBytes(in), "input untouched");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void infoReportsTheSameProblems(Case c) throws IOException {
        Path in = dir.resolve(c.file());
        if (c.content() != null) Files.write(in, c.content());
        Cli.Run run = Cli.run("info", in.toString());
        if (c.file().equals("nan.csv") || c.file().equals("hole.csv")) { // info counts missing values instead of refusing
            assertEquals(ExitCode.OK, run.exitCode(), run::toString);
            assertTrue(run.out().contains("missing:   1 NaN value in 1 spectrum"), run::toString);
        } else {
            assertOneLineFailure(run, c.exitCode(), c.location(), c.problem());
        }
    }

    /** Valid files near the edges of the format are read, not refused. */
    @org.junit.jupiter.api.Test
    void validEdgesOfTheFormatAreRead() throws IOException {
        // the last row ends in an empty metadata cell and has no final line break (RFC 4180: a,b, is three cells)
        Path trailing = SpectraFixtures.write(dir, "trailing.csv", "id,1000,1002,note\ns1,0.1,0.2,\ns2,0.3,0.4,");
        Cli.Run run = Cli.run("info", trailing.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("spectra:   2"), run::toString);
        // rows of empty cells, as Excel writes for cleared rows, between and after the data: no data, skipped
        Path excel = SpectraFixtures.write(dir, "excel.csv", "id,1000,1002\r\na,0.1,0.2\r\n,,\r\nb,0.3,0.4\r\n,,\r\n,,\r\n");
        Cli.Run cleared = Cli.run("info", excel.toString());
        assertEquals(0, cleared.exitCode(), cleared::toString);
        assertTrue(cleared.out().contains("spectra:   2"), cleared::toString);
        // ... but a row with a quoted empty id is data, and its empty values are refused as usual
        Path quoted = SpectraFixtures.write(dir, "quoted.csv", "id,1000,1002\na,0.1,0.2\n\"\",,\n");
        Cli.Run quotedRun = Cli.run("convert", quoted.toString(), "-o", dir.resolve("q_out.csv").toString());
        assertOneLineFailure(quotedRun, ExitCode.BAD_INPUT, "quoted.csv:3:2", "empty or NaN cell");
        // a spectrum whose id is the id column's name: data, not the header again (its values are not the wavenumbers)
        Path idNamedId = SpectraFixtures.write(dir, "idid.csv", "id,1000,1002\nid,0.1,0.2\n");
        Cli.Run id = Cli.run("info", idNamedId.toString());
        assertEquals(0, id.exitCode(), id::toString);
        assertTrue(id.out().contains("spectra:   1"), id::toString);
    }

    @org.junit.jupiter.api.Test
    void byteOrderMarkIsAcceptedAndReadAsWithout() throws IOException {
        String csv = HEADER + "a,1,2,3,4\n";
        Path plain = SpectraFixtures.write(dir, "plain.csv", csv);
        Path bom = SpectraFixtures.write(dir, "bom.csv", "\uFEFF" + csv);
        Cli.Run a = Cli.run("convert", plain.toString(), "-o", dir.resolve("a.csv").toString());
        Cli.Run b = Cli.run("convert", bom.toString(), "-o", dir.resolve("b.csv").toString());
        assertEquals(0, a.exitCode(), a::toString);
        assertEquals(0, b.exitCode(), b::toString);
        assertEquals(Files.readString(dir.resolve("a.csv")), Files.readString(dir.resolve("b.csv")));
        assertTrue(Files.readString(dir.resolve("a.csv")).startsWith("id,1000,"), "the BOM is not taken into the first name");
    }

    @org.junit.jupiter.api.Test
    void missingValuesPassWhenAllowed() throws IOException {
        Path in = SpectraFixtures.write(dir, "holes.csv", HEADER + "a,1,,NaN,4\n");
        Path out = dir.resolve("out.csv");
        Cli.Run run = Cli.run("convert", "--allow-nan", in.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(HEADER + "a,1,NaN,NaN,4\n", Files.readString(out));
        Cli.Run info = Cli.run("info", in.toString());
        assertTrue(info.out().contains("missing:   2 NaN values in 1 spectrum"), info::toString);
    }

    @org.junit.jupiter.api.Test
    void outputFolderThatDoesNotExist() throws IOException {
        Path in = SpectraFixtures.write(dir, "ok.csv", HEADER + "a,1,2,3,4\n");
        Path out = dir.resolve("no/such/folder/out.csv");
        assertOneLineFailure(Cli.run("convert", in.toString(), "-o", out.toString()), ExitCode.FAILURE, out.toString(), "does not exist");
        assertNoTemporaryFiles();
    }

    @org.junit.jupiter.api.Test
    void outputFolderThatIsAFile() throws IOException {
        // Tests may run as root, who writes through permission bits: a regular file as parent is unwritable for anyone.
        Path in = SpectraFixtures.write(dir, "ok.csv", HEADER + "a,1,2,3,4\n");
        Path blocker = SpectraFixtures.write(dir, "blocker", "not a folder");
        Path out = blocker.resolve("out.csv");
        assertOneLineFailure(Cli.run("convert", in.toString(), "-o", out.toString()), ExitCode.FAILURE, out.toString(),
                "blocker is a file, not a folder");
        Path nowhere = dir.resolve("missing").resolve("out.csv");
        assertOneLineFailure(Cli.run("convert", in.toString(), "-o", nowhere.toString()), ExitCode.FAILURE, nowhere.toString(),
                "missing does not exist");
    }

    @org.junit.jupiter.api.Test
    void outputFolderWithoutWritePermission() throws IOException {
        Path in = SpectraFixtures.write(dir, "ok.csv", HEADER + "a,1,2,3,4\n");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assertTrue(locked.toFile().setWritable(false, false));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked), "running as root: permission bits do not apply");
            Path out = locked.resolve("out.csv");
            assertOneLineFailure(Cli.run("convert", in.toString(), "-o", out.toString()), ExitCode.FAILURE, out.toString(), "cannot write");
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    @org.junit.jupiter.api.Test
    void outputEqualToInputIsAUsageErrorAndLeavesTheInput() throws IOException {
        String csv = HEADER + "a,1,2,3,4\n";
        Path in = SpectraFixtures.write(dir, "same.csv", csv);
        assertOneLineFailure(Cli.run("convert", in.toString(), "-o", in.toString()), ExitCode.USAGE, "same.csv", "is the input");
        Path viaOtherSpelling = dir.resolve(".").resolve("same.csv");
        assertOneLineFailure(Cli.run("convert", in.toString(), "-o", viaOtherSpelling.toString()), ExitCode.USAGE, "same.csv", "is the input");
        assertEquals(csv, Files.readString(in));
    }

    @org.junit.jupiter.api.Test
    void axisOutsideTheDataIsAMismatch() throws IOException {
        Path in = SpectraFixtures.write(dir, "ok.csv", HEADER + "a,1,2,3,4\n");
        Path out = dir.resolve("out.csv");
        assertOneLineFailure(Cli.run("convert", in.toString(), "-o", out.toString(), "--axis", "990:1006:2"), ExitCode.MISMATCH,
                "ok.csv", "reaches outside the data's axis");
        assertFalse(Files.exists(out));
    }

    @org.junit.jupiter.api.Test
    void badOptionValuesAreUsageErrors() throws IOException {
        Path in = SpectraFixtures.write(dir, "ok.csv", HEADER + "a,1,2,3,4\n");
        String out = dir.resolve("out.csv").toString();
        assertEquals(ExitCode.USAGE, Cli.run("convert", in.toString(), "-o", out, "--axis", "1000:x").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("convert", in.toString(), "-o", out, "--digits", "40").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("convert", in.toString(), "-o", out, "--layout", "diagonal").exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("convert", in.toString()).exitCode());
        assertEquals(ExitCode.USAGE, Cli.run("convert", in.toString(), "-o", out, "--no-such-option").exitCode());
        assertFalse(Files.exists(dir.resolve("out.csv")));
    }

    /** A broken ENVI image: how to break a valid one, the file the message names, and what it says. */
    record EnviCase(String label, String breakage, String named, String problem) {
        @Override
        public String toString() { return label; }
    }

    static Stream<EnviCase> enviCases() {
        return Stream.of(
                new EnviCase("data file shorter than the header says", "truncate", "img.img", "shorter than its header"),
                new EnviCase("header contradicting the file size", "extend", "img.img", "more than its header"),
                new EnviCase("unknown data type", "data type = 4->data type = 6", "img.hdr:", "data type 6 is not read"),
                new EnviCase("unknown interleave", "interleave = bip->interleave = bxq", "img.hdr:", "interleave 'bxq' is none of bsq, bil, bip"),
                new EnviCase("missing data file", "delete", "img.hdr", "no data file beside this ENVI header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enviCases")
    void brokenEnviImageGivesOneLineAndNoOutput(EnviCase c) throws IOException {
        double[][][] v = new double[2][3][4];
        for (int i = 0; i < 24; i++) v[i / 12][i / 4 % 3][i % 4] = i * 0.01;
        Path header = io.descatter.spectra.image.envi.EnviFixtures.write(dir, "img", ".img", v, new double[] {1000, 1002, 1004, 1006}, 4,
                "bip", 0, 0, "");
        Path data = dir.resolve("img.img");
        switch (c.breakage()) {
            case "truncate" -> Files.write(data, Arrays.copyOf(Files.readAllBytes(data), 90));
            case "extend" -> Files.write(data, new byte[8], java.nio.file.StandardOpenOption.APPEND);
            case "delete" -> Files.delete(data);
            default -> {
                String[] edit = c.breakage().split("->");
                Files.writeString(header, Files.readString(header).replace(edit[0], edit[1]));
            }
        }
        for (String out : new String[] {"out.hdr", "out.csv"}) {
            Cli.Run run = Cli.run("convert", header.toString(), "-o", dir.resolve(out).toString());
            assertOneLineFailure(run, ExitCode.BAD_INPUT, c.named(), c.problem());
        }
        assertOneLineFailure(Cli.run("info", header.toString()), ExitCode.BAD_INPUT, c.named(), c.problem());
        assertFalse(Files.exists(dir.resolve("out.hdr")) || Files.exists(dir.resolve("out.img")) || Files.exists(dir.resolve("out.csv")),
                "no output file");
        assertNoTemporaryFiles();
    }

    /** Writes a broken instrument or image file into a folder and returns the file to name. */
    interface BrokenFile {
        Path write(Path dir) throws IOException;
    }

    /** A broken file of one of the binary formats: how to make it, the file the message names, what it says. */
    record BinaryCase(String label, BrokenFile file, String named, String problem) {
        @Override
        public String toString() { return label; }
    }

    private static final io.descatter.spectra.WavenumberAxis AXIS = io.descatter.spectra.WavenumberAxis.of(1000, 1002, 1004, 1006);

    private static Path cut(Path file, int keep) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Files.write(file, Arrays.copyOf(bytes, keep < 0 ? bytes.length + keep : keep));
    }

    private static byte[] opusAbsorbance() throws IOException {
        return new io.descatter.spectra.image.opus.OpusTestFile()
                .floats(io.descatter.spectra.image.opus.OpusTestFile.AB, 1, 2, 3, 4)
                .parameters(io.descatter.spectra.image.opus.OpusTestFile.status(io.descatter.spectra.image.opus.OpusTestFile.AB),
                        io.descatter.spectra.image.opus.OpusTestFile.axis(4, 1000, 1006))
                .bytes();
    }

    static Stream<BinaryCase> binaryCases() {
        int reflectance = io.descatter.spectra.image.opus.OpusTestFile.REFLECTANCE;
        return Stream.of(
                new BinaryCase("Agilent tile: truncated .dat", d -> {
                    io.descatter.spectra.image.agilent.AgilentTestFiles.header(d.resolve("t.bsp"), 100, 4, null, null);
                    io.descatter.spectra.image.agilent.AgilentTestFiles.tile(d.resolve("t.dat"), new double[16][4], 4);
                    cut(d.resolve("t.dat"), -40);
                    return d.resolve("t.dat");
                }, "t.dat", "the file is truncated"),
                new BinaryCase("Agilent mosaic: .dmt with no tiles", d -> {
                    io.descatter.spectra.image.agilent.AgilentTestFiles.header(d.resolve("m.dmt"), 100, 4, null, null);
                    return d.resolve("m.dmt");
                }, "m.dmt", "no tiles"),
                new BinaryCase("OPUS without an absorbance block", d -> Files.write(d.resolve("r.0"),
                        new io.descatter.spectra.image.opus.OpusTestFile().floats(reflectance, 1, 2, 3, 4)
                                .parameters(io.descatter.spectra.image.opus.OpusTestFile.status(reflectance),
                                        io.descatter.spectra.image.opus.OpusTestFile.axis(4, 1000, 1006)).bytes()),
                        "r.0", "no absorbance (AB) block"),
                new BinaryCase("OPUS truncated", d -> {
                    byte[] whole = opusAbsorbance();
                    return Files.write(d.resolve("cut.0"), Arrays.copyOf(whole, whole.length - 30));
                }, "cut.0", "truncated"),
                new BinaryCase("MAT variable of the wrong shape", d -> {
                    us.hebi.matlab.mat.types.MatFile mat = us.hebi.matlab.mat.format.Mat5.newMatFile()
                            .addArray("X", us.hebi.matlab.mat.format.Mat5.newMatrix(new int[] {2, 2, 2, 4}));
                    Path p = d.resolve("x.mat");
                    try (us.hebi.matlab.mat.types.Sink sink = us.hebi.matlab.mat.types.Sinks.newStreamingFile(p.toFile())) {
                        us.hebi.matlab.mat.format.Mat5.newWriter(sink).writeMat(mat);
                    }
                    return p;
                }, "x.mat", "more than 3 dimensions"),
                new BinaryCase("HDF5 truncated", d -> {
                    Path p = d.resolve("t.h5");
                    try (io.descatter.spectra.image.hdf5.Hdf5ImageWriter w = io.descatter.spectra.image.hdf5.Hdf5ImageWriter.create(
                            p, AXIS, 2, 2, io.descatter.spectra.image.PixelGrid.indices(), List.of())) {
                        w.write(new double[16], null, 4);
                        w.commit();
                    }
                    return cut(p, -10);
                }, "t.h5", "truncated"),
                new BinaryCase("Parquet truncated", d -> cut(parquet(d.resolve("t.parquet"), ParquetTestFiles.sparkFooter(1000, 1002, 1004, 1006)), -20),
                        "t.parquet", "not a readable Parquet file"),
                new BinaryCase("Parquet without wavenumbers", d -> parquet(d.resolve("w.parquet"), java.util.Map.of()), "w.parquet",
                        "no wavenumbers"),
                new BinaryCase("Parquet without a spectrum column", d -> ParquetTestFiles.write(d.resolve("s.parquet"),
                        "message m { optional binary id (STRING); }", java.util.Map.of(), 1, (row, i) -> row.append("id", "a")),
                        "s.parquet", "no 'spectrum' column"),
                // an axis that covers the shipped model's and pixel positions, so that correct and map too get as far as the rows
                new BinaryCase("Parquet spectrum of another length than the axis", d -> ParquetTestFiles.write(d.resolve("n.parquet"),
                        "message m { optional double map_x; optional double map_y; optional group spectrum (LIST) { repeated group list "
                                + "{ required float element; } } }",
                        ParquetTestFiles.sparkFooter(java.util.stream.IntStream.rangeClosed(0, 1500).mapToDouble(k -> 1000 + 2 * k).toArray()), 3,
                        (row, i) -> ParquetTestFiles.floats(row.append("map_x", (double) i).append("map_y", 0.0), new float[i == 2 ? 1500 : 1501])),
                        "n.parquet", "row 3: its spectrum has 1500 values, the axis 1501"),
                new BinaryCase("Parquet without rows", d -> ParquetTestFiles.write(d.resolve("e.parquet"), ParquetTestFiles.SPARK_LIKE,
                        ParquetTestFiles.sparkFooter(1000, 1002, 1004, 1006), 0, (row, i) -> { }), "e.parquet", "no spectra"),
                new BinaryCase("Parquet spectrum of integers", d -> ParquetTestFiles.write(d.resolve("i.parquet"),
                        "message m { optional group spectrum (LIST) { repeated group list { optional int32 element; } } }",
                        ParquetTestFiles.sparkFooter(1000, 1002, 1004, 1006), 1, (row, i) -> {
                            org.apache.parquet.example.data.Group list = row.addGroup("spectrum");
                            for (int k = 0; k < 4; k++) list.addGroup("list").append("element", k);
                        }), "i.parquet", "is a list of int32, not a list of float or double"),
                new BinaryCase("Parquet folder whose parts have different axes", d -> {
                    Path folder = Files.createDirectory(d.resolve("parts.parquet"));
                    parquet(folder.resolve("part-0.parquet"), ParquetTestFiles.sparkFooter(1000, 1002, 1004, 1006));
                    parquet(folder.resolve("part-1.parquet"), ParquetTestFiles.sparkFooter(1000, 1002, 1004, 1008));
                    return folder;
                }, "parts.parquet/part-1.parquet", "wavenumbers differ"));
    }

    /** Two spectra of four values in Spark's layout, with the footer given. */
    private static Path parquet(Path file, java.util.Map<String, String> footer) throws IOException {
        return ParquetTestFiles.write(file, ParquetTestFiles.SPARK_LIKE, footer, 2, (row, i) -> ParquetTestFiles.floats(row.append("id", "r" + i), 1, 2, 3, 4));
    }

    /** Every reader's broken files, at the CLI: exit 3, one line naming the file, nothing written. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void brokenBinaryFileGivesOneLineAndNoOutput(BinaryCase c) throws IOException {
        Path in = c.file().write(dir);
        List<Path> before;
        try (Stream<Path> files = Files.list(dir)) {
            before = files.sorted().toList();
        }
        for (String out : new String[] {"out.hdr", "out.csv", "out.h5", "out.mat"}) {
            Cli.Run run = Cli.run("convert", in.toString(), "-o", dir.resolve(out).toString());
            assertOneLineFailure(run, ExitCode.BAD_INPUT, c.named(), c.problem());
        }
        assertOneLineFailure(Cli.run("correct", in.toString(), "-o", dir.resolve("c.h5").toString()), ExitCode.BAD_INPUT, c.named(), c.problem());
        assertOneLineFailure(Cli.run("info", in.toString()), ExitCode.BAD_INPUT, c.named(), c.problem());
        assertOneLineFailure(Cli.run("map", in.toString(), "--band", "1000:1006", "-o", dir.resolve("m.png").toString()),
                ExitCode.BAD_INPUT, c.named(), c.problem());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(before, files.sorted().toList(), "no output and no temporary file");
        }
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
            assertTrue(parts.isEmpty(), "temporary files left: " + parts);
        }
    }

    static void assertOneLineFailure(Cli.Run run, int exitCode, String location, String problem) {
        assertEquals(exitCode, run.exitCode(), run::toString);
        String[] lines = run.errLines();
        assertEquals(1, lines.length, () -> "exactly one line on stderr:\n" + run.err());
        String line = lines[0];
        assertTrue(line.startsWith("descatter: "), line);
        assertTrue(line.contains(location), () -> "names '" + location + "': " + line);
        assertTrue(line.contains(problem), () -> "says '" + problem + "': " + line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), () -> "no stack trace or exception name: " + line);
        assertTrue(line.length() < 400, "one readable line");
    }
}
