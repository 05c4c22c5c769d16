package io.descatter.spectra.image.agilent;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.ImageFiles;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.image.SpectralImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Agilent (Cary / Resolutions Pro) FPA image: a single tile ({@code .bsp} header + {@code .dat} data; the
 * {@code .seq} interferograms are not needed) or a mosaic ({@code .dmt} header + {@code <stem>_XXXX_YYYY.dmd} tiles in
 * the same folder, stems matched without regard to case). Each tile file is a 255-float32 preamble followed by
 * points x fpa x fpa float32 values, band after band, little-endian.
 *
 * <p>Orientation follows agilent-format and Quasar: within a tile, rows come in file order; tiles are numbered
 * left to right ({@code XXXX}) and top to bottom ({@code YYYY}) while image rows count upwards, so row 0 is the
 * bottom row of the last tile row and {@code map_y} grows upwards. A tile missing from the mosaic is a block of
 * missing (NaN) pixels. Tiles are memory-mapped one tile row at a time: memory does not grow with the mosaic.
 */
public final class AgilentFpaImage implements SpectralImage {
    /** float32 values before the spectra in every .dat/.dmd. */
    static final int PREAMBLE_FLOATS = 255;
    private static final int LARGEST_FPA = 1024;

    private final String source;
    private final WavenumberAxis axis;
    private final PixelGrid grid;
    private final int fpa;
    private final int tilesX;
    private final int tilesY;
    /** Tile files by {@code y * tilesX + x}; null where the mosaic has no tile. */
    private final Path[] tiles;
    private final String[] tileNames;
    private final long tileBytes;

    private int mappedTileRow = -1;
    private FloatBuffer[] mapped;
    private float[] scratch = new float[0];
    private boolean closed;

    private AgilentFpaImage(String source, AgilentHeader header, int fpa, int tilesX, int tilesY, Path[] tiles,
            String[] tileNames) {
        this.source = source;
        this.axis = header.axis();
        this.grid = header.pixelSize() == null ? PixelGrid.indices()
                : new PixelGrid(0, 0, header.pixelSize(), header.pixelSize(), "um");
        this.fpa = fpa;
        this.tilesX = tilesX;
        this.tilesY = tilesY;
        this.tiles = tiles;
        this.tileNames = tileNames;
        this.tileBytes = tileBytes(fpa, axis.size());
    }

    /**
     * Whether {@code path} names an Agilent image: a {@code .dmt} mosaic header, a {@code .bsp} tile header, or a
     * {@code .dat} with a {@code .bsp} beside it (the extension decides: the header's signature is checked on
     * opening so that a damaged header gets its own message).
     */
    public static boolean recognises(Path path, byte[] firstBytes) {
        String extension = extension(path);
        return switch (extension) {
            case "dmt", "bsp" -> true;
            case "dat" -> sibling(path, stem(path) + ".bsp") != null;
            default -> false;
        };
    }

    /**
     * Opens a single tile ({@code .bsp} or {@code .dat}) or a mosaic ({@code .dmt}).
     *
     * @param nameForMessages the file as the user named it
     * @throws BadInputException when a file is missing, a header is damaged, a mosaic has no tiles or a tile is
     *     shorter than the header says
     */
    public static AgilentFpaImage open(Path path, String nameForMessages) throws IOException {
        if (extension(path).equals("dmt")) return openMosaic(path, nameForMessages);
        return openTile(path, nameForMessages);
    }

    private static AgilentFpaImage openTile(Path path, String name) throws IOException {
        String stem = stem(path);
        Path bsp = extension(path).equals("bsp") ? path : sibling(path, stem + ".bsp");
        String bspName = bsp == path ? name : ImageFiles.siblingName(name, stem + ".bsp");
        if (bsp == null) {
            throw new BadInputException(bspName, 0, 0, "no such file: the header of the Agilent tile "
                    + Path.of(name).getFileName() + " (keep the .bsp beside the .dat)");
        }
        AgilentHeader header = AgilentHeader.read(bsp, bspName);
        Path dat = extension(path).equals("dat") ? path : sibling(path, stem + ".dat");
        String datName = dat == path ? name : ImageFiles.siblingName(name, stem + ".dat");
        if (dat == null) {
            throw new BadInputException(datName, 0, 0, "no such file: the data of the Agilent tile "
                    + Path.of(name).getFileName() + " (keep the .dat beside the .bsp)");
        }
        int fpa = fpaSize(Files.size(dat), header.axis().size(), datName);
        return new AgilentFpaImage(name, header, fpa, 1, 1, new Path[] {dat}, new String[] {datName});
    }

    private static AgilentFpaImage openMosaic(Path dmt, String name) throws IOException {
        AgilentHeader header = AgilentHeader.read(dmt, name);
        Pattern tileName = Pattern.compile(Pattern.quote(stem(dmt)) + "_(\\d{4})_(\\d{4})\\.dmd",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        List<TileFile> found = new ArrayList<>();
        try (DirectoryStream<Path> folder = Files.newDirectoryStream(folder(dmt))) {
            for (Path file : folder) {
                Matcher m = tileName.matcher(file.getFileName().toString());
                if (m.matches()) found.add(new TileFile(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), file));
            }
        }
        if (found.isEmpty()) {
            throw new BadInputException(name, 0, 0, "no tiles: a mosaic's data are the files " + stem(dmt)
                    + "_XXXX_YYYY.dmd beside the .dmt (copy them into the same folder)");
        }
        int tilesX = found.stream().mapToInt(t -> t.x + 1).max().getAsInt();
        int tilesY = found.stream().mapToInt(t -> t.y + 1).max().getAsInt();
        Path[] tiles = new Path[tilesX * tilesY];
        String[] names = new String[tiles.length];
        long largest = 0;
        String largestName = null;
        for (TileFile tile : found) {
            int index = tile.y * tilesX + tile.x;
            tiles[index] = tile.path;
            names[index] = ImageFiles.siblingName(name, tile.path.getFileName().toString());
            long size = Files.size(tile.path);
            if (size > largest) {
                largest = size;
                largestName = names[index];
            }
        }
        int points = header.axis().size();
        int fpa = fpaSize(largest, points, largestName);
        long expected = tileBytes(fpa, points);
        for (int i = 0; i < tiles.length; i++) {
            if (tiles[i] != null && Files.size(tiles[i]) != expected) {
                throw ImageFiles.truncated(names[i], "a tile of " + fpa + " x " + fpa + " pixels and " + points
                        + " points", expected, Files.size(tiles[i]));
            }
        }
        if ((long) tilesX * fpa > Integer.MAX_VALUE / 2 || (long) tilesY * fpa > Integer.MAX_VALUE / 2) {
            throw new BadInputException(name, 0, 0, "a mosaic of " + tilesX + " x " + tilesY + " tiles is too large");
        }
        return new AgilentFpaImage(name, header, fpa, tilesX, tilesY, tiles, names);
    }

    /** The square FPA edge that a tile file of {@code bytes} holds for {@code points} bands. */
    private static int fpaSize(long bytes, int points, String name) {
        long pixels = bytes % 4 == 0 ? (bytes / 4 - PREAMBLE_FLOATS) / points : -1;
        int fpa = (int) Math.round(Math.sqrt(Math.max(pixels, 0)));
        boolean exact = bytes % 4 == 0 && bytes / 4 - PREAMBLE_FLOATS == (long) points * fpa * fpa;
        if (!exact || fpa < 1 || fpa > LARGEST_FPA || Integer.bitCount(fpa) != 1) {
            throw new BadInputException(name, 0, 0, bytes + " bytes do not hold a " + 4 * PREAMBLE_FLOATS
                    + "-byte preamble and " + points + " bands of a square FPA tile (float32): the file is truncated"
                    + " or belongs to another header");
        }
        if (tileBytes(fpa, points) > Integer.MAX_VALUE) {
            throw new BadInputException(name, 0, 0, "tiles over 2 GiB (" + bytes + " bytes) are not supported");
        }
        return fpa;
    }

    private static long tileBytes(int fpa, int points) {
        return 4L * (PREAMBLE_FLOATS + (long) points * fpa * fpa);
    }

    @Override
    public String source() { return source; }

    @Override
    public WavenumberAxis axis() { return axis; }

    @Override
    public int width() { return tilesX * fpa; }

    @Override
    public int height() { return tilesY * fpa; }

    @Override
    public PixelGrid grid() { return grid; }

    /** Pixels per tile edge (after aggregation). */
    public int fpaSize() { return fpa; }

    @Override
    public boolean readRows(int firstRow, int rows, double[] values, String[][] meta) throws IOException {
        if (closed) throw new IllegalStateException(source + " is closed");
        int bands = axis.size();
        int width = width();
        if (firstRow < 0 || rows < 0 || firstRow + rows > height()) {
            throw new IndexOutOfBoundsException("rows " + firstRow + ".." + (firstRow + rows - 1) + " of " + height());
        }
        if (values.length < (long) rows * width * bands) {
            throw new IllegalArgumentException("values holds " + values.length + ", rows need " + (long) rows * width * bands);
        }
        int row = firstRow;
        while (row < firstRow + rows) {
            int tileRow = tilesY - 1 - row / fpa;
            int rowInTile = row % fpa;
            int count = Math.min(fpa - rowInTile, firstRow + rows - row);
            FloatBuffer[] buffers = tileRow(tileRow);
            for (int tx = 0; tx < tilesX; tx++) {
                copyTile(buffers[tx], rowInTile, count, (row - firstRow) * width + tx * fpa, values);
            }
            row += count;
        }
        return false; // not looked at: the reader checks them
    }

    /** Copies {@code count} rows of one tile into the block, pixel-major; NaN where the tile is missing. */
    private void copyTile(FloatBuffer tile, int rowInTile, int count, int firstPixel, double[] values) {
        int bands = axis.size();
        int width = width();
        int n = count * fpa;
        if (tile == null) {
            for (int r = 0; r < count; r++) {
                int from = (firstPixel + r * width) * bands;
                Arrays.fill(values, from, from + fpa * bands, Double.NaN);
            }
            return;
        }
        if (scratch.length < n) scratch = new float[n];
        for (int b = 0; b < bands; b++) {
            tile.get(PREAMBLE_FLOATS + b * fpa * fpa + rowInTile * fpa, scratch, 0, n);
            for (int r = 0; r < count; r++) {
                int to = (firstPixel + r * width) * bands + b;
                int from = r * fpa;
                for (int c = 0; c < fpa; c++) values[to + c * bands] = scratch[from + c];
            }
        }
    }

    /** The mapped tiles of one tile row; the previous row's mappings are dropped (and unmapped by the collector). */
    private FloatBuffer[] tileRow(int tileRow) throws IOException {
        if (tileRow == mappedTileRow) return mapped;
        mapped = null;
        FloatBuffer[] row = new FloatBuffer[tilesX];
        for (int tx = 0; tx < tilesX; tx++) {
            int index = tileRow * tilesX + tx;
            if (tiles[index] == null) continue;
            try (FileChannel channel = ImageFiles.open(tiles[index], tileNames[index])) {
                if (channel.size() < tileBytes) {
                    throw ImageFiles.truncated(tileNames[index], "a tile of " + fpa + " x " + fpa + " pixels and "
                            + axis.size() + " points", tileBytes, channel.size());
                }
                row[tx] = channel.map(FileChannel.MapMode.READ_ONLY, 0, tileBytes)
                        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            }
        }
        mapped = row;
        mappedTileRow = tileRow;
        return row;
    }

    @Override
    public void close() {
        closed = true;
        mapped = null;
        mappedTileRow = -1;
    }

    /** A mosaic tile file and its place: column {@code x}, row {@code y} counted from the top. */
    private record TileFile(int x, int y, Path path) {
    }

    private static Path folder(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** The file {@code fileName} beside {@code path}, matched without regard to case; null if there is none. */
    private static Path sibling(Path path, String fileName) {
        Path exact = path.resolveSibling(fileName);
        if (Files.isRegularFile(exact)) return exact;
        try (DirectoryStream<Path> folder = Files.newDirectoryStream(folder(path))) {
            for (Path file : folder) {
                if (file.getFileName().toString().equalsIgnoreCase(fileName) && Files.isRegularFile(file)) return file;
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String extension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stem(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
