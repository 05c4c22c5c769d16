package io.descatter.spectra.image.envi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small ENVI files byte by byte, independently of the project's reader and writer, so that reading them back
 * checks the reader against the format, not against the project's own writer.
 */
public final class EnviFixtures {
    private EnviFixtures() {
    }

    /**
     * Writes {@code stem.hdr} and {@code stem + dataExtension}: {@code v[row][column][band]} in the type, interleave and
     * byte order given, after {@code offset} bytes of zeros.
     */
    public static Path write(Path dir, String stem, String dataExtension, double[][][] v, double[] wavenumbers, int type,
            String interleave, int byteOrder, int offset, String extraHeader) throws IOException {
        int lines = v.length;
        int samples = v[0].length;
        int bands = v[0][0].length;
        int size = size(type);
        ByteBuffer b = ByteBuffer.allocate(offset + lines * samples * bands * size)
                .order(byteOrder == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < lines; r++) {
            for (int c = 0; c < samples; c++) {
                for (int k = 0; k < bands; k++) {
                    int index = switch (interleave) {
                        case "bsq" -> (k * lines + r) * samples + c;
                        case "bil" -> (r * bands + k) * samples + c;
                        default -> (r * samples + c) * bands + k;
                    };
                    put(b, offset + index * size, type, v[r][c][k]);
                }
            }
        }
        Files.write(dir.resolve(stem + dataExtension), b.array());
        StringBuilder h = new StringBuilder("ENVI\ndescription = {\n  test image }\n");
        h.append("samples = ").append(samples).append("\nlines   = ").append(lines).append("\nbands   = ").append(bands)
                .append("\nheader offset = ").append(offset).append("\nfile type = ENVI Standard\ndata type = ").append(type)
                .append("\ninterleave = ").append(interleave).append("\nbyte order = ").append(byteOrder).append('\n').append(extraHeader)
                .append("wavelength = {\n");
        for (int k = 0; k < bands; k++) h.append(' ').append(wavenumbers[k]).append(k + 1 < bands ? ",\n" : "\n}\n");
        Path header = dir.resolve(stem + ".hdr");
        Files.writeString(header, h.toString(), StandardCharsets.US_ASCII);
        return header;
    }

    static int size(int type) {
        return switch (type) {
            case 1 -> 1;
            case 2, 12 -> 2;
            case 3, 4, 13 -> 4;
            case 5 -> 8;
            default -> throw new IllegalArgumentException("type " + type);
        };
    }

    private static void put(ByteBuffer b, int at, int type, double x) {
        switch (type) {
            case 1 -> b.put(at, (byte) (long) x);
            case 2, 12 -> b.putShort(at, (short) (long) x);
            case 3, 13 -> b.putInt(at, (int) (long) x);
            case 4 -> b.putFloat(at, (float) x);
            case 5 -> b.putDouble(at, x);
            default -> throw new IllegalArgumentException("type " + type);
        }
    }
}
