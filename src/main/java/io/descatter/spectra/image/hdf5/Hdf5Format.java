package io.descatter.spectra.image.hdf5;

import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.ImageSpec;
import io.descatter.spectra.image.SpectralImage;
import io.descatter.spectra.image.SpectralImageWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * HDF5 (descatter's layout) in the {@link ImageFormats} registry: read by its signature (not a MATLAB v7.3 file,
 * which the MAT format claims), written for {@code .h5}/{@code .hdf5} with the metadata as string datasets.
 */
public final class Hdf5Format {
    public static final ImageFormats.Reading READING = new ImageFormats.Reading() {
        @Override
        public String name() { return "HDF5"; }

        @Override
        public boolean recognises(Path file, byte[] head) { return Hdf5Image.recognises(file, head); }

        @Override
        public SpectralImage open(Path file, String name) throws IOException { return Hdf5Image.open(file, name); }
    };

    public static final ImageFormats.Writing WRITING = new ImageFormats.Writing() {
        @Override
        public String name() { return "HDF5"; }

        @Override
        public boolean writes(String outputName) { return ImageFormats.hasExtension(outputName, ".h5", ".hdf5"); }

        @Override
        public boolean keepsMetadata() { return true; }

        @Override
        public SpectralImageWriter create(String outputName, ImageSpec spec) throws IOException {
            ImageShape s = spec.shape();
            Path target = Path.of(outputName);
            return s == null ? Hdf5ImageWriter.createList(target, spec.axis(), spec.metaNames())
                    : Hdf5ImageWriter.create(target, spec.axis(), s.width(), s.height(), s.grid(), spec.metaNames());
        }
    };

    private Hdf5Format() {
    }
}
