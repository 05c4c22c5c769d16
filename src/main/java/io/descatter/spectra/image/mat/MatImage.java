package io.descatter.spectra.image.mat;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.image.SpectralImage;
import io.descatter.util.OutOfHeap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.format.Mat5Reader;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Source;
import us.hebi.matlab.mat.types.Sources;

/**
 * A MATLAB MAT v5 file (v6 and v7, compressed or not) of spectra, in one of the layouts {@link MatLayout} knows.
 * Read whole through MFL (us.hebi.matlab.mat): the format compresses each variable as one stream, so a variable
 * cannot be read block by block; a file larger than a share of the heap is refused up front ({@link MatHeap}).
 * MAT v7.3 files (HDF5 inside) are refused with what to do.
 */
public final class MatImage implements SpectralImage {
    private static final byte[] V5_TEXT = "MATLAB 5.0 MAT-file".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V73_TEXT = "MATLAB 7.3 MAT-file".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 128;

    private final String source;
    private final MatFile file;
    private final MatLayout layout;

    private MatImage(String source, MatFile file, MatLayout layout) {
        this.source = source;
        this.file = file;
        this.layout = layout;
    }

    /** A MAT file by its header: the text MATLAB writes, or the v5 version and byte-order mark at bytes 124-127. */
    public static boolean recognises(Path path, byte[] firstBytes) {
        if (startsWith(firstBytes, V5_TEXT) || startsWith(firstBytes, V73_TEXT)) return true;
        if (firstBytes.length < HEADER) return false;
        byte a = firstBytes[124];
        byte b = firstBytes[125];
        String mark = new String(firstBytes, 126, 2, StandardCharsets.US_ASCII);
        return (a == 0 && b == 1 && mark.equals("IM")) || (a == 1 && b == 0 && mark.equals("MI"));
    }

    /**
     * Reads the file and finds its layout.
     *
     * @throws BadInputException naming {@code nameForMessages} (and the variable) when the file is damaged, v7.3, or
     *     holds no spectra in a known layout
     * @throws OutOfHeap when its variables would take more than a share of the heap
     */
    public static MatImage open(Path path, String nameForMessages) throws IOException {
        byte[] header = readHeader(path);
        if (startsWith(header, V73_TEXT) || (header.length == HEADER && version(header) == 0x0200)) {
            throw new BadInputException(nameForMessages, 0, 0, "a MATLAB v7.3 MAT file (HDF5 inside), which descatter does"
                    + " not read: save it with save(FILE, '-v7'), or write the HDF5 layout of docs/FORMATS.md");
        }
        if (header.length < HEADER || !recognises(path, header)) {
            throw new BadInputException(nameForMessages, 0, 0, "not a MATLAB MAT v5 file (no 128-byte MAT header)");
        }
        long needed = Math.max(Files.size(path), variableBytes(path, nameForMessages));
        String instead = "save the spectra as HDF5 (docs/FORMATS.md), which descatter reads block by block";
        MatHeap.require("reading " + nameForMessages, needed, instead);
        Mat5File mat;
        try {
            mat = read(path, nameForMessages, null);
        } catch (OutOfMemoryError e) {
            throw new OutOfHeap("out of memory (heap " + OutOfHeap.heapMb() + " MB) reading " + nameForMessages
                    + ", which MAT files need whole: " + instead);
        }
        Map<String, Array> vars = new LinkedHashMap<>();
        for (MatFile.Entry e : mat.getEntries()) vars.put(e.getName(), e.getValue());
        try {
            return new MatImage(nameForMessages, mat, MatLayout.find(nameForMessages, vars));
        } catch (RuntimeException e) {
            mat.close();
            throw e;
        }
    }

    private static byte[] readHeader(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(HEADER);
        }
    }

    private static int version(byte[] header) {
        boolean little = header[126] == 'I';
        int lo = header[little ? 124 : 125] & 0xff;
        int hi = header[little ? 125 : 124] & 0xff;
        return hi << 8 | lo;
    }

    /** What the variables take in memory by their headers (structs and cells, whose size is unknown, count 0). */
    private static long variableBytes(Path path, String name) throws IOException {
        long[] bytes = {0};
        read(path, name, h -> {
            bytes[0] += (long) h.getNumElements() * bytesPerElement(h.getType()) * (h.isComplex() ? 2 : 1);
            return false;
        });
        return bytes[0];
    }

    private static int bytesPerElement(MatlabType type) {
        return switch (type) {
            case Double, Int64, UInt64 -> 8;
            case Single, Int32, UInt32 -> 4;
            case Int16, UInt16, Character -> 2;
            case Int8, UInt8 -> 1;
            default -> 0;
        };
    }

    /** Reads the file (the variables {@code filter} accepts; all when null), any library failure as bad input. */
    private static Mat5File read(Path path, String name, Mat5Reader.EntryFilter filter) throws IOException {
        try (Source src = Sources.openFile(path.toFile())) {
            Mat5Reader reader = Mat5.newReader(src);
            if (filter != null) reader.setEntryFilter(filter);
            return reader.readMat();
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new BadInputException(name, 0, 0, "not a readable MAT v5 file, truncated or damaged (" + why + ")");
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (bytes[i] != prefix[i]) return false;
        return true;
    }

    /** The layout found, for {@code info}: "ME-EMSC struct 'Spectra' (d 60 x 1556 double)". */
    public String layout() { return layout.description(); }

    @Override
    public String source() { return source; }

    @Override
    public WavenumberAxis axis() { return layout.axis(); }

    @Override
    public int width() { return layout.width(); }

    @Override
    public int height() { return layout.height(); }

    @Override
    public PixelGrid grid() { return layout.grid(); }

    @Override
    public List<String> metaNames() {
        return layout.metas().stream().map(MatLayout.Meta::name).toList();
    }

    @Override
    public boolean readRows(int firstRow, int rows, double[] values, String[][] meta) {
        if (firstRow < 0 || rows < 0 || firstRow + rows > height()) {
            throw new IndexOutOfBoundsException("rows " + firstRow + "+" + rows + " of " + height());
        }
        int points = layout.axis().size();
        int first = firstRow * width();
        int count = rows * width();
        List<MatLayout.Meta> metas = layout.metas();
        for (int p = 0; p < count; p++) {
            int s = first + p;
            int at = p * points;
            for (int b = 0; b < points; b++) values[at + b] = layout.cells().get(s, b);
            if (meta != null && !metas.isEmpty()) {
                String[] m = new String[metas.size()];
                for (int k = 0; k < m.length; k++) m[k] = metas.get(k).value().apply(s);
                meta[p] = m;
            }
        }
        return false; // not looked at: the reader checks them
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
