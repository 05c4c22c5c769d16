package io.descatter.spectra.image.hdf5;

/**
 * descatter's HDF5 layout (docs/FORMATS.md, "HDF5"), shared by reader and writer: a cube or a matrix of spectra beside
 * their wavenumbers, pixel grid as attributes of the cube, metadata as string datasets.
 */
final class Hdf5Layout {
    /** rows x columns x bands, an image. */
    static final String CUBE = "/cube";
    /** spectra x points, a plain list. */
    static final String SPECTRA = "/spectra";
    /** points, the axis (cm-1). */
    static final String WAVENUMBERS = "/wavenumbers";
    /** Per-spectrum text columns: {@code /meta/NAME}, one string per spectrum in image order. */
    static final String META = "meta";
    /** Pixel positions of the cube's columns and rows, when there are no grid attributes (another program's way). */
    static final String MAP_X = "/map_x";
    static final String MAP_Y = "/map_y";
    /** Attributes of {@link #CUBE}: where pixel (0, 0) lies and the pixel size, in {@link #UNIT}. */
    static final String X_START = "x_start";
    static final String Y_START = "y_start";
    static final String X_SIZE = "x_size";
    static final String Y_SIZE = "y_size";
    static final String UNIT = "unit";

    /** HDF5's signature, at offset 0, 512, 1024, … (after a user block). */
    static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private Hdf5Layout() {
    }
}
