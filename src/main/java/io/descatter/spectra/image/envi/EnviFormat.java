package io.descatter.spectra.image.envi;

import io.descatter.spectra.image.ImageFormats;
import java.util.List;

/** ENVI in the {@link ImageFormats} registry: read from a header or its data file, written for {@code .hdr}/{@code .img}. */
public final class EnviFormat {
    public static final ImageFormats.Reading READING = new ImageFormats.Reading("ENVI", EnviFiles::recognises, EnviImage::open);

    public static final ImageFormats.Writing WRITING =
            new ImageFormats.Writing("ENVI", List.of(".hdr", ".img"), "float32", false, true, EnviWriter::create);

    private EnviFormat() {
    }
}
