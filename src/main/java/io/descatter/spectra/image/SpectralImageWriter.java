package io.descatter.spectra.image;

import java.io.IOException;

/**
 * Writes a binary spectra file (ENVI, HDF5, MAT) pixel block by pixel block in image order: the width, height, axis,
 * grid and metadata names are fixed when the writer is made. Nothing is visible under the final name before
 * {@link #commit()}; closing without commit removes what was written.
 */
public interface SpectralImageWriter extends AutoCloseable {
    /**
     * Appends {@code pixels} spectra: {@code values[p * points + band]}; {@code meta[p]} for the metadata names the
     * writer was made with (may be null when there are none).
     */
    void write(double[] values, String[][] meta, int pixels) throws IOException;

    /** Finishes the file and moves it (with any companion file, e.g. the ENVI header) to its final name. */
    void commit() throws IOException;

    @Override
    void close() throws IOException;
}
