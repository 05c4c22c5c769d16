package io.descatter.spectra.image.agilent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small Agilent FPA files from the documented layout (not from the reader's code): a header with the OLE
 * signature, the axis at bytes 2216/2228/2236 and optionally the pixel-size properties as the instrument stores them,
 * and tiles of a 255-float preamble followed by band-sequential float32 values.
 */
public final class AgilentTestFiles {
    public static final double SPACING = 15.427738189697264;
    public static final int FIRST = 129;

    private AgilentTestFiles() {
    }

    /** The value written at (band, row in tile, column in tile) of tile {@code tile}: easy to trace back. */
    static float value(int tile, int band, int row, int column) {
        return tile * 1000 + band * 100 + row * 10 + column;
    }

    static void header(Path file, int points, Double fpaPixelSize, Integer aggregation) throws IOException {
        header(file, FIRST, points, fpaPixelSize, aggregation);
    }

    /** A header whose axis is {@code SPACING * (first + k)}, k = 0 .. points - 1. */
    public static void header(Path file, int first, int points, Double fpaPixelSize, Integer aggregation) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(AgilentHeader.MAGIC);
        b.putDouble(2216, SPACING).putInt(2228, first).putInt(2236, points);
        if (fpaPixelSize != null) {
            b.position(3000);
            text(b, "FPA Pixel Size");
            b.putInt(0).putInt(2).putInt(8).put(ascii("PropType"));
            b.putInt(1).putInt(1).putInt(4).putInt(0).putInt(4).put(ascii("1.00"));
            b.putInt(1).putInt(1).putInt(8).putDouble(fpaPixelSize);
        }
        if (aggregation != null) {
            b.position(3300);
            text(b, "PixelAggregationSize");
            for (int field : new int[] {4, 1, 4, 2, 4, 4, 4, 2, 4, 2}) b.putInt(field);
            text(b, Integer.toString(aggregation));
        }
        Files.write(file, b.array());
    }

    /** A tile of {@code fpa} x {@code fpa} pixels whose values are {@link #value}{@code (tile, ...)}. */
    static void tile(Path file, int tile, int points, int fpa) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * (255 + points * fpa * fpa)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(4 * 255);
        for (int band = 0; band < points; band++) {
            for (int row = 0; row < fpa; row++) {
                for (int column = 0; column < fpa; column++) b.putFloat(value(tile, band, row, column));
            }
        }
        Files.write(file, b.array());
    }

    /**
     * A tile of {@code fpa} x {@code fpa} pixels holding the given spectra: {@code spectra[row * fpa + column]} at
     * (row, column) in file order (rows count upwards in the sample, as Agilent stores them).
     */
    public static void tile(Path file, double[][] spectra, int fpa) throws IOException {
        int points = spectra[0].length;
        ByteBuffer b = ByteBuffer.allocate(4 * (255 + points * fpa * fpa)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(4 * 255);
        for (int band = 0; band < points; band++) {
            for (int p = 0; p < fpa * fpa; p++) b.putFloat((float) spectra[p][band]);
        }
        Files.write(file, b.array());
    }

    private static void text(ByteBuffer b, String s) {
        b.putInt(s.length()).put(ascii(s));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
