package io.descatter.spectra.image.envi;

import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.ImageSpec;
import io.descatter.spectra.image.SpectralImage;
import io.descatter.spectra.image.SpectralImageWriter;
import java.io.IOException;
import java.nio.file.Path;

/** ENVI in the {@link ImageFormats} registry: read from a header or its data file, written for {@code .hdr}/{@code .img}. */
public final class EnviFormat {
    public static final ImageFormats.Reading READING = new ImageFormats.Reading() {
        @Override
        public String name() { return "ENVI"; }

        @Override
        public boolean recognises(Path file, byte[] head) { return EnviFiles.recognises(file, head); }

        @Override
        public SpectralImage open(Path file, String name) throws IOException { return EnviImage.open(file, name); }
    };

    public static final ImageFormats.Writing WRITING = new ImageFormats.Writing() {
        @Override
        public String name() { return "ENVI"; }

        @Override
        public boolean writes(String outputName) { return ImageFormats.hasExtension(outputName, ".hdr", ".img"); }

        @Override
        public SpectralImageWriter create(String outputName, ImageSpec spec) throws IOException { return EnviWriter.create(outputName, spec); }
    };

    private EnviFormat() {
    }
}
