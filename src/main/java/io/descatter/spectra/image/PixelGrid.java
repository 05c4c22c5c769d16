package io.descatter.spectra.image;

/**
 * Position of an image's pixels: pixel (column, row) lies at {@code (xStart + column * xSize, yStart + row * ySize)}
 * in {@code unit} (e.g. "um"; "" for pixel indices). Written as Quasar's {@code map_x}, {@code map_y} metadata and
 * as ENVI's {@code map info}; the aspect ratio {@code ySize / xSize} shapes drawn maps.
 */
public record PixelGrid(double xStart, double yStart, double xSize, double ySize, String unit) {
    /** Pixel indices: column and row numbers from 0, square pixels. */
    public static PixelGrid indices() { return new PixelGrid(0, 0, 1, 1, ""); }

    public double x(int column) { return xStart + column * xSize; }

    public double y(int row) { return yStart + row * ySize; }
}
