package io.descatter.spectra.image;

import io.descatter.spectra.WavenumberAxis;
import java.io.IOException;
import java.util.List;

/**
 * A binary spectra file: a hyperspectral image (ENVI, Agilent FPA, HDF5 cube) or a plain list of spectra (an OPUS
 * file, a MAT or HDF5 matrix: {@code width() == 1}, {@code height()} spectra, no {@link #grid()}: a spectrum per row,
 * so that a list is read block by block like an image). Read row block by row block, so memory does not grow with
 * the image; implementations memory-map or read tile by tile.
 *
 * <p>Orientation: {@code map_y = grid().y(row)}; maps draw larger {@code map_y} at the top (plot axes, as Quasar),
 * so a format whose row 0 is the top of the picture (ENVI) has a grid with negative {@code ySize}
 * (docs/FORMATS.md, "Pixel positions").
 */
public interface SpectralImage extends AutoCloseable {
    /** The file as the user named it, used in every message. */
    String source();

    /** The wavenumber of each band, in the order the values are given. */
    WavenumberAxis axis();

    /** Pixels per image row (1 for a plain list). */
    int width();

    /** Image rows (the number of spectra of a plain list). */
    int height();

    /** Where pixel (column, row) lies, for {@code map_x}/{@code map_y}; null for a plain list of spectra. */
    PixelGrid grid();

    /** Names of the file's own per-spectrum metadata (not {@code map_x}/{@code map_y}); usually none. */
    default List<String> metaNames() { return List.of(); }

    /**
     * Reads image rows {@code firstRow .. firstRow + rows - 1}: pixel {@code (x, r)} of the block lands at
     * {@code values[((r - firstRow) * width() + x) * axis().size() + band]}; a missing pixel (an absent mosaic tile)
     * is NaN in every band. {@code meta}, when {@link #metaNames()} is not empty, gets one array per pixel in the same
     * order.
     *
     * @return true where every value read is finite, as the image found while decoding them (a caller need not scan
     *     them again); false where some is not, or where the image did not look
     * @throws io.descatter.spectra.BadInputException when the file is shorter or otherwise not what its header says
     */
    boolean readRows(int firstRow, int rows, double[] values, String[][] meta) throws IOException;

    @Override
    void close() throws IOException;
}
