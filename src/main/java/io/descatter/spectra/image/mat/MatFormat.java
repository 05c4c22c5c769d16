package io.descatter.spectra.image.mat;

import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.ImageSpec;
import io.descatter.spectra.image.SpectralImage;
import io.descatter.spectra.image.SpectralImageWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * MATLAB MAT in the {@link ImageFormats} registry: read from v5 files by their header (a v7.3 file is recognised so
 * that it gets its own message), written for {@code .mat} with the metadata as char matrices.
 */
public final class MatFormat {
    public static final ImageFormats.Reading READING = new ImageFormats.Reading() {
        @Override
        public String name() { return "MATLAB MAT"; }

        @Override
        public boolean recognises(Path file, byte[] head) { return MatImage.recognises(file, head); }

        @Override
        public SpectralImage open(Path file, String name) throws IOException { return MatImage.open(file, name); }
    };

    public static final ImageFormats.Writing WRITING = new ImageFormats.Writing() {
        @Override
        public String name() { return "MATLAB MAT"; }

        @Override
        public boolean writes(String outputName) { return ImageFormats.hasExtension(outputName, ".mat"); }

        @Override
        public boolean keepsMetadata() { return true; }

        @Override
        public String values() { return "float64"; }

        @Override
        public SpectralImageWriter create(String outputName, ImageSpec spec) throws IOException {
            ImageShape s = spec.shape();
            Path target = Path.of(outputName);
            return s == null ? MatImageWriter.createList(target, spec.axis(), spec.metaNames())
                    : MatImageWriter.create(target, spec.axis(), s.width(), s.height(), s.grid(), spec.metaNames());
        }
    };

    private MatFormat() {
    }
}
