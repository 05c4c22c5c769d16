package io.descatter.spectra.image.envi;

import io.descatter.spectra.image.EncodesApart;
import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.ImageSpec;
import io.descatter.spectra.image.SpectralImageWriter;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.WrittenAxis;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes an ENVI image: float32, little-endian, band-interleaved by pixel (bip: spectra stream out in the order they
 * come), a header with the wavenumbers ({@code wavelength units = Wavenumber}) and, for an image with a grid,
 * {@code map info} (or {@code x start}/{@code y start} for plain pixel indices). {@code -o out.hdr} writes
 * {@code out.hdr} and {@code out.img}; {@code -o out.img} the same pair. Both go to hidden temporary files moved into
 * place at the commit (the data first, so a header never stands beside a partial data file).
 */
final class EnviWriter implements SpectralImageWriter, EncodesApart {
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private final ImageSpec spec;
    private final OutputTarget data;
    private final OutputTarget header;
    private final OutputStream out;
    private final int points;
    private byte[] bytes = new byte[0];
    private long written;

    private EnviWriter(ImageSpec spec, OutputTarget data, OutputTarget header) throws IOException {
        this.spec = spec;
        this.data = data;
        this.header = header;
        this.points = spec.axis().size();
        this.out = data.openStream();
    }

    /** The data file and the header of an output named by either. */
    static EnviWriter create(String outputName, ImageSpec spec) throws IOException {
        String stem = outputName.substring(0, outputName.length() - 4); // .hdr or .img
        OutputTarget data = OutputTarget.of(stem + (ImageFormats.hasExtension(outputName, ".img") ? outputName.substring(stem.length()) : ".img"));
        OutputTarget header = OutputTarget.of(stem + (ImageFormats.hasExtension(outputName, ".hdr") ? outputName.substring(stem.length()) : ".hdr"));
        try {
            return new EnviWriter(spec, data, header);
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    @Override
    public void write(double[] values, String[][] meta, int pixels) throws IOException {
        int n = pixels * bytesPerPixel();
        if (bytes.length < n) bytes = new byte[n];
        encode(values, pixels, bytes, 0);
        writeEncoded(bytes, 0, n);
    }

    @Override
    public int bytesPerPixel() { return 4 * points; }

    @Override
    public void encode(double[] values, int pixels, byte[] into, int offset) {
        int n = pixels * points;
        for (int i = 0; i < n; i++) FLOAT_LE.set(into, offset + 4 * i, (float) values[i]);
    }

    @Override
    public void writeEncoded(byte[] b, int offset, int length) throws IOException {
        out.write(b, offset, length);
        written += length / bytesPerPixel();
    }

    @Override
    public void commit() throws IOException {
        ImageShape shape = spec.shape();
        if (shape != null && written != shape.pixels()) {
            throw new IllegalStateException(data.name() + ": " + written + " pixels written, the image has " + shape.pixels());
        }
        if (written == 0 || written > Integer.MAX_VALUE) throw new IllegalStateException(data.name() + ": " + written + " pixels written");
        // a table's spectra: one per image row, so the image reads back block by block
        int samples = shape == null ? 1 : shape.width();
        int lines = shape == null ? (int) written : shape.height();
        String text = EnviHeader.text(samples, lines, WrittenAxis.values(spec.axis()), shape == null ? null : shape.grid());
        data.commit();
        OutputStream h = header.openStream();
        h.write(text.getBytes(StandardCharsets.US_ASCII));
        header.commit();
    }

    @Override
    public void close() throws IOException {
        try {
            data.close();
        } finally {
            header.close();
        }
    }
}
