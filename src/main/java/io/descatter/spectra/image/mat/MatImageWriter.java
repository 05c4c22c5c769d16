package io.descatter.spectra.image.mat;

import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.image.SpectralImageWriter;
import io.descatter.spectra.io.StagedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;
import us.hebi.matlab.mat.types.Struct;

/**
 * Writes spectra as a compressed MAT v7 file that MATLAB ({@code load}), scipy and Quasar open (docs/FORMATS.md):
 * {@code spectra} (n x points double, one spectrum per row, pixels row after row), {@code wavenumbers}
 * (1 x points), for an image {@code map_x}/{@code map_y} (n x 1, Quasar's positions) and the {@code image} struct
 * (width, height, pixel grid), and each metadata column as a char matrix (n x longest). The spectra are held in
 * memory until {@link #commit()} (MAT compresses a variable as one stream), so the size is checked against the heap
 * when the writer is made.
 */
public final class MatImageWriter implements SpectralImageWriter {
    /** MAT v7's limit on one variable's bytes. */
    static final long MAX_VARIABLE_BYTES = (1L << 31) - 1;

    private static final String INSTEAD = "write HDF5 (a .h5 output), which is written block by block";

    private final StagedFile staged;
    private final String target;
    private final WavenumberAxis axis;
    /** Width and height of an image; for a list whose count comes at the commit, 1 and 0 until then. */
    private final int width;
    private int height;
    private final boolean countKnown;
    private final PixelGrid grid;
    private final List<String> metaNames;
    /** The spectra: made up front for a known count, else at the commit from {@link #growing}. */
    private Matrix spectra;
    private double[] growing;
    private final List<String[]> meta = new ArrayList<>();
    private int written;

    private MatImageWriter(StagedFile staged, String target, WavenumberAxis axis, int width, int height,
                           boolean countKnown, PixelGrid grid, List<String> metaNames) {
        this.staged = staged;
        this.target = target;
        this.axis = axis;
        this.width = width;
        this.height = height;
        this.countKnown = countKnown;
        this.grid = grid;
        this.metaNames = List.copyOf(metaNames);
        if (countKnown) this.spectra = Mat5.newMatrix(width * height, axis.size());
        else this.growing = new double[0];
    }

    /**
     * A writer for {@code width x height} spectra on {@code axis}; {@code grid} null (and width 1) for a plain list.
     *
     * @throws IllegalArgumentException when the spectra exceed MAT v7's 2 GB per variable
     * @throws io.descatter.util.OutOfHeap when they would take more than a share of the heap
     */
    public static MatImageWriter create(Path target, WavenumberAxis axis, int width, int height, PixelGrid grid,
                                        List<String> metaNames) throws IOException {
        if (width < 1 || height < 1) throw new IllegalArgumentException("an image needs pixels, got " + width + " x " + height);
        checkSize(target.toString(), (long) width * height, axis.size(), 1);
        return new MatImageWriter(StagedFile.beside(target, ""), target.toString(), axis, width, height, true, grid, metaNames);
    }

    /**
     * A writer for a plain list of spectra whose count is known only at the commit (spectra passing through a table):
     * they are held in a growing array and become the {@code spectra} variable at the commit.
     */
    public static MatImageWriter createList(Path target, WavenumberAxis axis, List<String> metaNames) throws IOException {
        return new MatImageWriter(StagedFile.beside(target, ""), target.toString(), axis, 1, 0, false, null, metaNames);
    }

    /**
     * Refuses {@code spectra} spectra that MAT v7 cannot hold or that would take more than a share of the heap
     * ({@code copies} arrays of them at once).
     */
    private static void checkSize(String target, long spectra, int points, int copies) {
        long bytes = spectra * points * Double.BYTES;
        if (bytes > MAX_VARIABLE_BYTES) {
            throw new IllegalArgumentException(target + ": " + spectra + " spectra of " + points + " points take "
                    + (bytes >> 20) + " MB, more than the 2 GB a MAT v7 variable holds: " + INSTEAD);
        }
        MatHeap.require("writing " + target, copies * bytes, INSTEAD);
    }

    @Override
    public void write(double[] values, String[][] meta, int pixels) {
        int points = axis.size();
        if (countKnown && written + pixels > width * height) {
            throw new IllegalStateException("more pixels than the " + width + " x " + height + " the writer was made for");
        }
        if (!countKnown) {
            long needed = (long) (written + pixels) * points;
            if (needed > growing.length) {
                long most = MAX_VARIABLE_BYTES / Double.BYTES / points;
                long spectraThen = Math.max(written + pixels, Math.min(2L * written, most));
                // the growing array and the matrix made from it at the commit
                checkSize(target, spectraThen, points, 2);
                growing = java.util.Arrays.copyOf(growing, (int) (spectraThen * points));
            }
            System.arraycopy(values, 0, growing, written * points, pixels * points);
        }
        for (int p = 0; p < pixels; p++) {
            int row = written + p;
            if (countKnown) for (int b = 0; b < points; b++) spectra.setDouble(row, b, values[p * points + b]);
            if (!metaNames.isEmpty()) this.meta.add(meta[p]);
        }
        written += pixels;
    }

    @Override
    public void commit() throws IOException {
        if (!countKnown) fixCount();
        int n = width * height;
        if (written != n) throw new IllegalStateException(written + " of " + n + " pixels written before commit");
        MatFile mat = Mat5.newMatFile();
        mat.addArray(MatNames.SPECTRA, spectra);
        Matrix wn = Mat5.newMatrix(1, axis.size());
        for (int b = 0; b < axis.size(); b++) wn.setDouble(0, b, axis.get(b));
        mat.addArray(MatNames.WAVENUMBERS, wn);
        if (grid != null) addImage(mat, grid); // no grid: a plain list
        Set<String> taken = new HashSet<>(MatNames.RESERVED);
        for (int k = 0; k < metaNames.size(); k++) mat.addArray(variableName(metaNames.get(k), taken), column(k));
        try (Sink sink = Sinks.newStreamingFile(staged.temp().toFile())) {
            Mat5.newWriter(sink).setDeflateLevel(Deflater.BEST_SPEED).writeMat(mat);
        }
        staged.commit();
    }

    /** A list's spectra, now that their count is known, as the matrix MFL writes. */
    private void fixCount() {
        if (written == 0) throw new IllegalStateException(target + ": no spectra written");
        int points = axis.size();
        height = written;
        spectra = Mat5.newMatrix(written, points);
        for (int s = 0; s < written; s++) for (int b = 0; b < points; b++) spectra.setDouble(s, b, growing[s * points + b]);
        growing = null;
    }

    private void addImage(MatFile mat, PixelGrid g) {
        int n = width * height;
        Matrix x = Mat5.newMatrix(n, 1);
        Matrix y = Mat5.newMatrix(n, 1);
        for (int i = 0; i < n; i++) {
            x.setDouble(i, 0, g.x(i % width));
            y.setDouble(i, 0, g.y(i / width));
        }
        mat.addArray(MatNames.MAP_X, x);
        mat.addArray(MatNames.MAP_Y, y);
        Struct image = Mat5.newStruct()
                .set(MatNames.WIDTH, Mat5.newScalar(width))
                .set(MatNames.HEIGHT, Mat5.newScalar(height))
                .set(MatNames.X_START, Mat5.newScalar(g.xStart()))
                .set(MatNames.Y_START, Mat5.newScalar(g.yStart()))
                .set(MatNames.X_SIZE, Mat5.newScalar(g.xSize()))
                .set(MatNames.Y_SIZE, Mat5.newScalar(g.ySize()))
                .set(MatNames.UNIT, Mat5.newString(g.unit()));
        mat.addArray(MatNames.IMAGE, image);
    }

    /** Metadata column {@code k} as a char matrix, one value per row, padded with spaces as MATLAB pads. */
    private Char column(int k) {
        int longest = 0;
        for (String[] m : meta) longest = Math.max(longest, m[k].length());
        Char c = Mat5.newChar(meta.size(), longest);
        for (int i = 0; i < meta.size(); i++) {
            String v = meta.get(i)[k];
            for (int j = 0; j < longest; j++) c.setChar(i, j, j < v.length() ? v.charAt(j) : ' ');
        }
        return c;
    }

    /**
     * A valid MATLAB variable name for a metadata column, unique among {@code taken}: other characters become
     * {@code _}, a name not starting with a letter gets {@code m_} in front, at most 63 characters.
     */
    static String variableName(String name, Set<String> taken) {
        String ascii = new String(name.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        String v = ascii.replaceAll("[^A-Za-z0-9_]", "_");
        if (v.isEmpty() || !Character.isLetter(v.charAt(0))) v = "m_" + v;
        if (v.length() > MatNames.MAX_NAME) v = v.substring(0, MatNames.MAX_NAME);
        String unique = v;
        for (int i = 2; taken.contains(unique); i++) {
            String suffix = "_" + i;
            unique = v.substring(0, Math.min(v.length(), MatNames.MAX_NAME - suffix.length())) + suffix;
        }
        taken.add(unique);
        return unique;
    }

    @Override
    public void close() throws IOException {
        try {
            if (spectra != null) spectra.close();
        } finally {
            staged.close();
        }
    }
}
