package io.descatter.spectra.image;

import io.descatter.spectra.WavenumberAxis;
import java.util.List;

/**
 * What a {@link SpectralImageWriter} is made with.
 *
 * @param axis the wavenumbers of every spectrum written
 * @param shape width, height and grid of the image; null when the spectra come from a table, whose count is known
 *     only at the commit: they are then written as one column of pixels (a spectrum per image row, so that the image
 *     reads back block by block)
 * @param metaNames the metadata of each pixel, in the order {@link SpectralImageWriter#write} gets it; a format
 *     that holds none writes the values alone
 */
public record ImageSpec(WavenumberAxis axis, ImageShape shape, List<String> metaNames) {
    public ImageSpec {
        metaNames = List.copyOf(metaNames);
    }
}
