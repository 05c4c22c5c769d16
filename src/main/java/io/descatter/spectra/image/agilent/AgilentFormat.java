package io.descatter.spectra.image.agilent;

import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.SpectralImage;
import java.io.IOException;
import java.nio.file.Path;

/** Agilent FPA in the {@link ImageFormats} registry: a tile ({@code .bsp}/{@code .dat}) or a mosaic ({@code .dmt}); read only. */
public final class AgilentFormat {
    public static final ImageFormats.Reading READING = new ImageFormats.Reading() {
        @Override
        public String name() { return "Agilent FPA"; }

        @Override
        public boolean recognises(Path file, byte[] head) { return AgilentFpaImage.recognises(file, head); }

        @Override
        public SpectralImage open(Path file, String name) throws IOException { return AgilentFpaImage.open(file, name); }
    };

    private AgilentFormat() {
    }
}
