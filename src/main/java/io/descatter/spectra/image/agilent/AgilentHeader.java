package io.descatter.spectra.image.agilent;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.ImageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The binary header of an Agilent FPA image ({@code .bsp} of a single tile, {@code .dmt} of a mosaic): an OLE
 * compound file whose wavenumber axis lies at fixed offsets (float64 spacing at 2216, int32 first point index at
 * 2228, int32 point count at 2236: wavenumber k = spacing x (first + k)) and whose properties hold the FPA pixel size
 * (um) and the pixel aggregation (tiles are binned n x n). The pixel pitch is their product, as in Quasar's reader;
 * null when either property is absent.
 */
record AgilentHeader(WavenumberAxis axis, Double pixelSize) {
    /** The OLE compound-file signature every {@code .bsp}/{@code .dmt} starts with. */
    static final byte[] MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    static final int SPACING_AT = 2216;
    static final int FIRST_POINT_AT = 2228;
    static final int POINTS_AT = 2236;
    /** Headers are tens of kB; a limit keeps a wrong file (a renamed image) from being read whole. */
    private static final int MAX_HEADER_BYTES = 64 << 20;

    static AgilentHeader read(Path path, String name) throws IOException {
        byte[] bytes;
        try (FileChannel channel = ImageFiles.open(path, name)) {
            long size = channel.size();
            if (size > MAX_HEADER_BYTES) {
                throw new BadInputException(name, 0, 0, size + " bytes is too large for an Agilent header (.bsp/.dmt)");
            }
            bytes = ImageFiles.readFully(channel, 0, (int) size, name, "the header").array();
        }
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new BadInputException(name, 0, 0, "not an Agilent header: it does not start with the OLE signature"
                    + " D0 CF 11 E0 A1 B1 1A E1 of .bsp/.dmt files");
        }
        if (bytes.length < POINTS_AT + 4) {
            throw ImageFiles.truncated(name, "the wavenumber axis of the header", POINTS_AT + 4, bytes.length);
        }
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new AgilentHeader(axis(le, name), pixelSize(bytes, le));
    }

    private static WavenumberAxis axis(ByteBuffer le, String name) {
        double spacing = le.getDouble(SPACING_AT);
        int first = le.getInt(FIRST_POINT_AT);
        int points = le.getInt(POINTS_AT);
        if (points < 2 || points > 1_000_000) {
            throw new BadInputException(name, 0, 0, "the header gives " + points + " points per spectrum (byte "
                    + POINTS_AT + "); descatter needs at least 2");
        }
        if (!(spacing > 0) || !Double.isFinite(spacing)) {
            throw new BadInputException(name, 0, 0, "the header gives a point spacing of " + spacing + " cm-1 (byte "
                    + SPACING_AT + "); it must be a positive number");
        }
        double[] wavenumbers = new double[points];
        for (int k = 0; k < points; k++) wavenumbers[k] = spacing * ((double) first + k);
        return WavenumberAxis.of(wavenumbers);
    }

    /** FPA pixel size x aggregation in um, or null when the header does not say. */
    private static Double pixelSize(byte[] bytes, ByteBuffer le) {
        Double fpaPixel = doubleProperty(bytes, le, "FPA Pixel Size");
        Integer aggregation = integerProperty(bytes, le, "PixelAggregationSize");
        if (fpaPixel == null || aggregation == null) return null;
        return fpaPixel * aggregation;
    }

    /**
     * A float64 property: its length-prefixed name, a type description ending in the version text "1.00", two int32,
     * the int32 value size (8) and the value.
     */
    private static Double doubleProperty(byte[] bytes, ByteBuffer le, String property) {
        int end = propertyNameEnd(bytes, le, property);
        if (end < 0) return null;
        int version = indexOf(bytes, "1.00".getBytes(StandardCharsets.US_ASCII), end, end + 128);
        if (version < 0) return null;
        int sizeAt = version + 4 + 8;
        if (sizeAt + 12 > bytes.length || le.getInt(sizeAt) != 8) return null;
        double value = le.getDouble(sizeAt + 4);
        return value > 0 && value < 1e4 ? value : null;
    }

    /** A property stored as text: after its name come int32 fields, the last of them the length of the digits. */
    private static Integer integerProperty(byte[] bytes, ByteBuffer le, String property) {
        int end = propertyNameEnd(bytes, le, property);
        if (end < 0) return null;
        for (int at = end; at + 4 < Math.min(bytes.length, end + 128); at += 4) {
            int length = le.getInt(at);
            if (length < 1 || length > 6 || at + 4 + length > bytes.length) continue;
            String text = new String(bytes, at + 4, length, StandardCharsets.US_ASCII);
            if (text.chars().allMatch(Character::isDigit)) {
                int value = Integer.parseInt(text);
                return value >= 1 && value <= 1024 ? value : null;
            }
        }
        return null;
    }

    /** The byte after the first occurrence of {@code property} stored with its int32 length before it; -1 if none. */
    private static int propertyNameEnd(byte[] bytes, ByteBuffer le, String property) {
        byte[] name = property.getBytes(StandardCharsets.US_ASCII);
        for (int at = indexOf(bytes, name, 4, bytes.length); at >= 0; at = indexOf(bytes, name, at + 1, bytes.length)) {
            if (le.getInt(at - 4) == name.length) return at + name.length;
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from, int to) {
        int last = Math.min(to, bytes.length) - pattern.length;
        outer:
        for (int i = Math.max(from, 0); i <= last; i++) {
            for (int j = 0; j < pattern.length; j++) if (bytes[i + j] != pattern[j]) continue outer;
            return i;
        }
        return -1;
    }
}
