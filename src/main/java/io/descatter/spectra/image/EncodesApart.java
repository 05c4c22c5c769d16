package io.descatter.spectra.image;

import java.io.IOException;

/**
 * A {@link SpectralImageWriter} whose pixels become bytes apart from writing them: a pipeline's workers encode their
 * batches in parallel, and the writing thread only appends bytes, in order (what keeps binary output at the network's
 * speed on few cores). Used instead of {@link SpectralImageWriter#write} where the writer gets no metadata.
 */
public interface EncodesApart {
    /** Bytes one pixel takes in the file. */
    int bytesPerPixel();

    /**
     * Encodes {@code pixels} spectra ({@code values[p * points + band]}) into {@code into[offset ..]} exactly as
     * {@link SpectralImageWriter#write} would write them; touches no state, so any thread may call it.
     */
    void encode(double[] values, int pixels, byte[] into, int offset);

    /** Appends bytes made by {@link #encode}, whole pixels, in image order. */
    void writeEncoded(byte[] bytes, int offset, int length) throws IOException;
}
