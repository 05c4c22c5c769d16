package io.descatter.spectra.image;

/**
 * Position of an image's pixels: pixel (column, row) lies at {@code (xStart + column * xSize, yStart + row * ySize)}
 * in {@code unit} (e.g. "um"; "" for pixel indices). Written as Quasar's {@code map_x}, {@code map_y} metadata and
 * as ENVI's {@code map info}; the aspect ratio {@code |ySize / xSize|} shapes drawn maps.
 *
 * <p>{@code map_y} grows upwards, as on a plot's axes (maps draw the largest {@code map_y} at the top): a format whose
 * row 0 is the top of the picture (ENVI, a MATLAB or HDF5 cube without positions) has a negative {@code ySize}
 * ({@link #imageRows()}); one whose rows count upwards (Agilent FPA) a positive one ({@link #indices()}).
 */
public record PixelGrid(double xStart, double yStart, double xSize, double ySize, String unit) {
    /** Pixel indices, rows counting upwards: {@code map_x} = column, {@code map_y} = row, square pixels. */
    public static PixelGrid indices() { return new PixelGrid(0, 0, 1, 1, ""); }

    /** Pixel indices of a picture whose row 0 is the top: {@code map_x} = column, {@code map_y} = −row. */
    public static PixelGrid imageRows() { return new PixelGrid(0, 0, 1, -1, ""); }

    public double x(int column) { return xStart + column * xSize; }

    public double y(int row) { return yStart + row * ySize; }
}
