package io.descatter.spectra.image.hdf5;

import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.ImageSpec;
import io.descatter.spectra.image.SpectralImageWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * HDF5 (descatter's layout) in the {@link ImageFormats} registry: read by its signature (not a MATLAB v7.3 file,
 * which the MAT format claims), written for {@code .h5}/{@code .hdf5} with the metadata as string datasets.
 */
public final class Hdf5Format {
    public static final ImageFormats.Reading READING = new ImageFormats.Reading("HDF5", Hdf5Image::recognises, Hdf5Image::open);

    public static final ImageFormats.Writing WRITING =
            new ImageFormats.Writing("HDF5", List.of(".h5", ".hdf5"), "float32", true, true, Hdf5Format::create);

    private Hdf5Format() {
    }

    /** A list writer for a table's spectra (their count is known only at the commit), else an image writer. */
    private static SpectralImageWriter create(String outputName, ImageSpec spec) throws IOException {
        ImageShape s = spec.shape();
        Path target = Path.of(outputName);
        return s == null ? Hdf5ImageWriter.createList(target, spec.axis(), spec.metaNames())
                : Hdf5ImageWriter.create(target, spec.axis(), s.width(), s.height(), s.grid(), spec.metaNames());
    }
}
