package io.descatter.spectra.image.hdf5;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.image.SpectralImage;
import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An HDF5 file in descatter's layout ({@link Hdf5Layout}, docs/FORMATS.md), read through jHDF (pure Java) slice by
 * slice: a block of image rows, or of spectra, at a time, so memory does not grow with the file.
 */
public final class Hdf5Image implements SpectralImage {
    /** Spectra per slice of a plain list: bounds jHDF's temporary arrays. */
    static final int LIST_SLICE = 4096;

    private static final Set<Class<?>> NUMBERS = Set.of(double.class, float.class, long.class, int.class, short.class,
            byte.class);

    private final String source;
    private final HdfFile file;
    private final Dataset data;
    private final WavenumberAxis axis;
    private final int width;
    private final int height;
    private final PixelGrid grid;
    private final List<String> metaNames;
    private final List<Object> metaValues;

    private Hdf5Image(String source, HdfFile file, Dataset data, WavenumberAxis axis, int width, int height,
                      PixelGrid grid, List<String> metaNames, List<Object> metaValues) {
        this.source = source;
        this.file = file;
        this.data = data;
        this.axis = axis;
        this.width = width;
        this.height = height;
        this.grid = grid;
        this.metaNames = metaNames;
        this.metaValues = metaValues;
    }

    /** HDF5 by its signature, at the start or after a user block (not a MATLAB v7.3 file, whose header says so). */
    public static boolean recognises(Path path, byte[] firstBytes) {
        if (firstBytes.length >= 6 && new String(firstBytes, 0, 6, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("MATLAB")) {
            return false;
        }
        for (int at = 0; at + Hdf5Layout.SIGNATURE.length <= firstBytes.length; at = at == 0 ? 512 : at * 2) {
            if (Arrays.equals(firstBytes, at, at + Hdf5Layout.SIGNATURE.length, Hdf5Layout.SIGNATURE, 0,
                    Hdf5Layout.SIGNATURE.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens the file and checks its layout.
     *
     * @throws BadInputException naming {@code nameForMessages} and the dataset when the file is damaged, truncated, or
     *     not in the layout
     */
    public static Hdf5Image open(Path path, String nameForMessages) throws IOException {
        checkLength(path, nameForMessages);
        HdfFile file;
        try {
            file = new HdfFile(path);
        } catch (RuntimeException e) {
            throw damaged(nameForMessages, e);
        }
        try {
            return layout(path, nameForMessages, file);
        } catch (RuntimeException e) {
            file.close();
            throw e instanceof BadInputException ? e : damaged(nameForMessages, e);
        }
    }

    /** The superblock records where the file ends: a shorter file is a truncated copy (as libhdf5 also says). */
    private static void checkLength(Path path, String source) throws IOException {
        long size = Files.size(path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            for (long at = 0; at + Hdf5Layout.SIGNATURE.length <= size; at = at == 0 ? 512 : at * 2) {
                ByteBuffer sig = ByteBuffer.allocate(Hdf5Layout.SIGNATURE.length);
                ch.read(sig, at);
                if (!Arrays.equals(sig.array(), Hdf5Layout.SIGNATURE)) continue;
                Superblock sb;
                try {
                    sb = Superblock.readSuperblock(ch, at);
                } catch (RuntimeException e) {
                    throw damaged(source, e);
                }
                long end = sb.getBaseAddressByte() + sb.getEndOfFileAddress();
                if (end > size) {
                    throw new BadInputException(source, 0, 0, "truncated: the HDF5 header says the file is " + end
                            + " bytes long, but it has " + size);
                }
                return;
            }
        }
        throw new BadInputException(source, 0, 0, "not an HDF5 file (no HDF5 signature)");
    }

    private static BadInputException damaged(String source, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new BadInputException(source, 0, 0, "not a readable HDF5 file, truncated or damaged (" + why + ")");
    }

    private static Hdf5Image layout(Path path, String source, HdfFile file) throws IOException {
        Dataset cube = dataset(file, Hdf5Layout.CUBE);
        Dataset list = cube == null ? dataset(file, Hdf5Layout.SPECTRA) : null;
        Dataset data = cube != null ? cube : list;
        if (data == null) {
            throw new BadInputException(source, 0, 0, "no " + Hdf5Layout.CUBE + " (rows x columns x bands) or "
                    + Hdf5Layout.SPECTRA + " (spectra x points) dataset; the file holds " + contents(file));
        }
        int[] dims = data.getDimensions();
        String dataText = data.getPath() + " (" + describe(data) + ")";
        if (dims.length != (cube != null ? 3 : 2) || !NUMBERS.contains(data.getJavaType())) {
            throw new BadInputException(source, 0, 0, "dataset " + dataText + " is not a " + (cube != null
                    ? "3-D cube of numbers (rows x columns x bands)" : "2-D matrix of numbers (spectra x points)"));
        }
        checkComplete(path, source, data);
        WavenumberAxis axis = axis(file, source, dims[dims.length - 1], dataText);
        int width = cube != null ? dims[1] : 1; // a plain list: a spectrum per row (SpectralImage)
        int height = dims[0];
        PixelGrid grid = cube != null ? grid(file, cube, source, width, height) : null;
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (file.getChild(Hdf5Layout.META) instanceof Group meta) {
            for (Node n : meta.getChildren().values()) {
                if (!(n instanceof Dataset d)) continue;
                if (d.getJavaType() != String.class || d.getDimensions().length != 1 || d.getDimensions()[0] != width * height) {
                    throw new BadInputException(source, 0, 0, "dataset " + d.getPath() + " (" + describe(d) + ") is not "
                            + width * height + " strings, one per spectrum");
                }
                names.add(d.getName());
                values.add(d.getData());
            }
        }
        return new Hdf5Image(source, file, data, axis, width, height, grid, List.copyOf(names), values);
    }

    private static Dataset dataset(HdfFile file, String path) {
        return file.getChild(path.substring(1)) instanceof Dataset d ? d : null;
    }

    private static String describe(Dataset d) {
        String dims = Arrays.stream(d.getDimensions()).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
        return (dims.isEmpty() ? "scalar" : dims) + " " + d.getJavaType().getSimpleName();
    }

    private static String contents(HdfFile file) {
        String all = file.getChildren().values().stream().map(Node::getPath).collect(Collectors.joining(", "));
        return all.isEmpty() ? "nothing" : all;
    }

    /** A contiguous dataset whose bytes lie past the end of the file: a truncated copy. */
    private static void checkComplete(Path path, String source, Dataset data) throws IOException {
        if (!(data instanceof ContiguousDataset c)) return; // chunks are checked as they are read
        long end = c.getDataAddress() + data.getSizeInBytes();
        long size = Files.size(path);
        if (c.getDataAddress() < 0 || end > size) {
            throw new BadInputException(source, 0, 0, "truncated: dataset " + data.getPath() + " needs " + end
                    + " bytes but the file has " + size);
        }
    }

    private static WavenumberAxis axis(HdfFile file, String source, int points, String dataText) {
        Dataset wn = dataset(file, Hdf5Layout.WAVENUMBERS);
        if (wn == null) {
            throw new BadInputException(source, 0, 0, "no " + Hdf5Layout.WAVENUMBERS + " dataset beside " + dataText);
        }
        double[] v = numbers(wn.getData());
        if (v == null || wn.getDimensions().length != 1) {
            throw new BadInputException(source, 0, 0, "dataset " + Hdf5Layout.WAVENUMBERS + " (" + describe(wn)
                    + ") is not a 1-D array of numbers");
        }
        if (v.length != points) {
            throw new BadInputException(source, 0, 0, "dataset " + Hdf5Layout.WAVENUMBERS + " has " + v.length
                    + " values but " + dataText + " has " + points + " points per spectrum");
        }
        try {
            return WavenumberAxis.of(v);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source, 0, 0, "dataset " + Hdf5Layout.WAVENUMBERS + ": " + e.getMessage());
        }
    }

    /** From the cube's attributes, else regular /map_x and /map_y vectors, else pixel indices. */
    private static PixelGrid grid(HdfFile file, Dataset cube, String source, int width, int height) {
        Attribute xs = cube.getAttribute(Hdf5Layout.X_SIZE);
        if (xs != null) {
            Attribute unit = cube.getAttribute(Hdf5Layout.UNIT);
            return new PixelGrid(attribute(cube, Hdf5Layout.X_START, source), attribute(cube, Hdf5Layout.Y_START, source),
                    attribute(cube, Hdf5Layout.X_SIZE, source), attribute(cube, Hdf5Layout.Y_SIZE, source),
                    unit == null ? "" : String.valueOf(scalar(unit.getData())));
        }
        Dataset mx = dataset(file, Hdf5Layout.MAP_X);
        Dataset my = dataset(file, Hdf5Layout.MAP_Y);
        double[] x = mx == null ? null : numbers(mx.getData());
        double[] y = my == null ? null : numbers(my.getData());
        if (x != null && y != null && x.length == width && y.length == height) {
            return new PixelGrid(x[0], y[0], width > 1 ? x[1] - x[0] : 1, height > 1 ? y[1] - y[0] : 1, "");
        }
        return PixelGrid.imageRows(); // no positions: row 0 is the top of the picture
    }

    private static double attribute(Dataset cube, String name, String source) {
        Attribute a = cube.getAttribute(name);
        Object v = a == null ? null : scalar(a.getData());
        if (!(v instanceof Number n)) {
            throw new BadInputException(source, 0, 0, "attribute " + cube.getPath() + "/" + name + " is "
                    + (a == null ? "missing" : "not a number") + " (the cube's pixel grid needs x_start, y_start, x_size, y_size)");
        }
        return n.doubleValue();
    }

    /** A scalar attribute's value, whether jHDF gives it boxed or as a one-element array. */
    private static Object scalar(Object v) {
        return v != null && v.getClass().isArray() && Array.getLength(v) == 1 ? Array.get(v, 0) : v;
    }

    /** The values of a 1-D numeric array, null for anything else. */
    private static double[] numbers(Object v) {
        if (v == null || !v.getClass().isArray() || !NUMBERS.contains(v.getClass().getComponentType())) return null;
        double[] out = new double[Array.getLength(v)];
        for (int i = 0; i < out.length; i++) out[i] = Array.getDouble(v, i);
        return out;
    }

    @Override
    public String source() { return source; }

    @Override
    public WavenumberAxis axis() { return axis; }

    @Override
    public int width() { return width; }

    @Override
    public int height() { return height; }

    @Override
    public PixelGrid grid() { return grid; }

    @Override
    public List<String> metaNames() { return metaNames; }

    @Override
    public boolean readRows(int firstRow, int rows, double[] values, String[][] meta) {
        if (firstRow < 0 || rows < 0 || firstRow + rows > height) {
            throw new IndexOutOfBoundsException("rows " + firstRow + "+" + rows + " of " + height);
        }
        int points = axis.size();
        try {
            if (data.getDimensions().length == 3) {
                Object block = data.getData(new long[] {firstRow, 0, 0}, new int[] {rows, width, points});
                for (int r = 0; r < rows; r++) copy(Array.get(block, r), values, r * width, points);
            } else {
                for (int s = 0; s < rows; s += LIST_SLICE) {
                    int k = Math.min(LIST_SLICE, rows - s);
                    copy(data.getData(new long[] {firstRow + s, 0}, new int[] {k, points}), values, s, points);
                }
            }
        } catch (LinkageError e) { // a filter whose library descatter leaves out (LZ4, LZF)
            throw new BadInputException(source, 0, 0, "dataset " + data.getPath() + " is compressed with a filter"
                    + " descatter does not include (" + e.getMessage() + "): write it with gzip or no compression");
        } catch (RuntimeException e) {
            throw damaged(source, e);
        }
        if (meta != null && !metaNames.isEmpty()) {
            int first = firstRow * width;
            for (int p = 0; p < rows * width; p++) {
                String[] m = new String[metaNames.size()];
                for (int k = 0; k < m.length; k++) m[k] = (String) Array.get(metaValues.get(k), first + p);
                meta[p] = m;
            }
        }
        return false; // not looked at: the reader checks them
    }

    /** Copies a 2-D array of spectra (any numeric type) to {@code values} from spectrum {@code at} on. */
    private static void copy(Object spectra, double[] values, int at, int points) {
        int n = Array.getLength(spectra);
        for (int i = 0; i < n; i++) {
            Object row = Array.get(spectra, i);
            int to = (at + i) * points;
            if (row instanceof double[] d) {
                System.arraycopy(d, 0, values, to, points);
            } else if (row instanceof float[] f) {
                for (int b = 0; b < points; b++) values[to + b] = f[b];
            } else {
                for (int b = 0; b < points; b++) values[to + b] = Array.getDouble(row, b);
            }
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
