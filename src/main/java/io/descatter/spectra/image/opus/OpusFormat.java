package io.descatter.spectra.image.opus;

import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.SpectralImage;
import java.io.IOException;
import java.nio.file.Path;

/** Bruker OPUS in the {@link ImageFormats} registry, told by its magic bytes; read only (the absorbance block). */
public final class OpusFormat {
    public static final ImageFormats.Reading READING = new ImageFormats.Reading() {
        @Override
        public String name() { return "Bruker OPUS"; }

        @Override
        public boolean recognises(Path file, byte[] head) { return OpusSpectra.recognises(file, head); }

        @Override
        public SpectralImage open(Path file, String name) throws IOException { return OpusSpectra.open(file, name); }
    };

    private OpusFormat() {
    }
}
