package io.descatter.spectra.image.mat;

import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.ImageSpec;
import io.descatter.spectra.image.SpectralImageWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * MATLAB MAT in the {@link ImageFormats} registry: read from v5 files by their header (a v7.3 file is recognised so
 * that it gets its own message), written for {@code .mat} with the metadata as char matrices.
 */
public final class MatFormat {
    public static final ImageFormats.Reading READING = new ImageFormats.Reading("MATLAB MAT", MatImage::recognises, MatImage::open);

    public static final ImageFormats.Writing WRITING =
            new ImageFormats.Writing("MATLAB MAT", List.of(".mat"), "float64", true, true, MatFormat::create);

    private MatFormat() {
    }

    /** A list writer for a table's spectra (their count is known only at the commit), else an image writer. */
    private static SpectralImageWriter create(String outputName, ImageSpec spec) throws IOException {
        ImageShape s = spec.shape();
        Path target = Path.of(outputName);
        return s == null ? MatImageWriter.createList(target, spec.axis(), spec.metaNames())
                : MatImageWriter.create(target, spec.axis(), s.width(), s.height(), s.grid(), spec.metaNames());
    }
}
