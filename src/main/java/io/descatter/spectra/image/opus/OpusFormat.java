package io.descatter.spectra.image.opus;

import io.descatter.spectra.image.ImageFormats;

/** Bruker OPUS in the {@link ImageFormats} registry, told by its magic bytes; read only (the absorbance block). */
public final class OpusFormat {
    public static final ImageFormats.Reading READING =
            new ImageFormats.Reading("Bruker OPUS", OpusSpectra::recognises, OpusSpectra::open);

    private OpusFormat() {
    }
}
