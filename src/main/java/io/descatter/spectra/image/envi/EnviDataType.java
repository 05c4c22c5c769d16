package io.descatter.spectra.image.envi;

import java.nio.ByteBuffer;

/** The ENVI {@code data type} codes descatter reads: integers of 8 to 32 bits and IEEE floats. */
enum EnviDataType {
    UINT8(1, 1), INT16(2, 2), INT32(3, 4), FLOAT32(4, 4), FLOAT64(5, 8), UINT16(12, 2), UINT32(13, 4);

    final int code;
    final int bytes;

    EnviDataType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The type of a header's code, or null for one not read here (complex, 64-bit integers). */
    static EnviDataType of(int code) {
        for (EnviDataType t : values()) if (t.code == code) return t;
        return null;
    }

    /**
     * Decodes {@code n} values from element {@code from} of {@code src} (its byte order set) into
     * {@code dst[off], dst[off + stride], ...}. One loop per type, so the type is not asked per value.
     */
    void decode(ByteBuffer src, int from, int n, double[] dst, int off, int stride) {
        int b = from * bytes;
        switch (this) {
            case UINT8 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.get(b + i) & 0xff; }
            case INT16 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.getShort(b + 2 * i); }
            case UINT16 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.getShort(b + 2 * i) & 0xffff; }
            case INT32 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.getInt(b + 4 * i); }
            case UINT32 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.getInt(b + 4 * i) & 0xffffffffL; }
            case FLOAT32 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.getFloat(b + 4 * i); }
            case FLOAT64 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.getDouble(b + 8 * i); }
        }
    }
}
