package io.descatter.spectra.image.envi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The ENVI {@code data type} codes descatter reads: integers of 8 to 32 bits and IEEE floats. */
enum EnviDataType {
    UINT8(1, 1), INT16(2, 2), INT32(3, 4), FLOAT32(4, 4), FLOAT64(5, 8), UINT16(12, 2), UINT32(13, 4);

    final int code;
    final int bytes;

    // Little-endian views of a buffer: a contiguous loop through a constant handle compiles to plain (vectorised)
    // loads, where ByteBuffer.getFloat pays its checks per value (float32 to double: 0.7 against 1.3 us per
    // 1556-value spectrum). Other orders and strides keep the buffer's own getters.
    private static final VarHandle FLOAT_LE = MethodHandles.byteBufferViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_LE = MethodHandles.byteBufferViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

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
            case FLOAT32 -> {
                if (stride == 1 && src.order() == ByteOrder.LITTLE_ENDIAN) { // bip, and a bsq/bil row: the usual image
                    floatsLittleEndian(src, b, n, dst, off);
                } else {
                    for (int i = 0; i < n; i++, off += stride) dst[off] = src.getFloat(b + 4 * i);
                }
            }
            case FLOAT64 -> {
                if (stride == 1 && src.order() == ByteOrder.LITTLE_ENDIAN) {
                    doublesLittleEndian(src, b, n, dst, off);
                } else {
                    for (int i = 0; i < n; i++, off += stride) dst[off] = src.getDouble(b + 8 * i);
                }
            }
        }
    }

    private static void floatsLittleEndian(ByteBuffer src, int byteOffset, int n, double[] dst, int off) {
        for (int i = 0; i < n; i++) dst[off + i] = (float) FLOAT_LE.get(src, byteOffset + 4 * i);
    }

    private static void doublesLittleEndian(ByteBuffer src, int byteOffset, int n, double[] dst, int off) {
        for (int i = 0; i < n; i++) dst[off + i] = (double) DOUBLE_LE.get(src, byteOffset + 8 * i);
    }
}
