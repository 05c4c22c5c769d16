package io.descatter.spectra.image;

/**
 * The shape of an image whose spectra pass through a table: {@code width} pixels per row, {@code height} rows, and
 * where each pixel lies ({@code grid}, null for a plain list of spectra). A corrected image is written with it.
 */
public record ImageShape(int width, int height, PixelGrid grid) {
    public ImageShape {
        if (width < 1 || height < 1) throw new IllegalArgumentException("an image needs width and height >= 1, got " + width + " x " + height);
    }

    public long pixels() { return (long) width * height; }
}
