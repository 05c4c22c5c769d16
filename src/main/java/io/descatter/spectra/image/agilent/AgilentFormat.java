package io.descatter.spectra.image.agilent;

import io.descatter.spectra.image.ImageFormats;

/** Agilent FPA in the {@link ImageFormats} registry: a tile ({@code .bsp}/{@code .dat}) or a mosaic ({@code .dmt}); read only. */
public final class AgilentFormat {
    public static final ImageFormats.Reading READING =
            new ImageFormats.Reading("Agilent FPA", AgilentFpaImage::recognises, AgilentFpaImage::open);

    private AgilentFormat() {
    }
}
