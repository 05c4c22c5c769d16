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
     *
     * @return whether every value is finite (integers always are; a float is looked at as it is decoded, so the
     *     reader need not scan the block again)
     */
    boolean decode(ByteBuffer src, int from, int n, double[] dst, int off, int stride) {
        int b = from * bytes;
        switch (this) {
            case UINT8 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.get(b + i) & 0xff; }
            case INT16 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.getShort(b + 2 * i); }
            case UINT16 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.getShort(b + 2 * i) & 0xffff; }
            case INT32 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.getInt(b + 4 * i); }
            case UINT32 -> { for (int i = 0; i < n; i++, off += stride) dst[off] = src.getInt(b + 4 * i) & 0xffffffffL; }
            case FLOAT32 -> {
                if (stride == 1 && src.order() == ByteOrder.LITTLE_ENDIAN) return floatsLittleEndian(src, b, n, dst, off); // bip, a bsq/bil row
                int exponents = 0;
                for (int i = 0; i < n; i++, off += stride) {
                    float v = src.getFloat(b + 4 * i);
                    dst[off] = v;
                    exponents |= allOnesExponent(Float.floatToRawIntBits(v));
                }
                return exponents >= 0;
            }
            case FLOAT64 -> {
                if (stride == 1 && src.order() == ByteOrder.LITTLE_ENDIAN) return doublesLittleEndian(src, b, n, dst, off);
                long exponents = 0;
                for (int i = 0; i < n; i++, off += stride) {
                    double v = src.getDouble(b + 8 * i);
                    dst[off] = v;
                    exponents |= allOnesExponent(Double.doubleToRawLongBits(v));
                }
                return exponents >= 0;
            }
        }
        return true;
    }

    // NaN and the infinities are the values whose exponent bits are all ones. Adding one to the lowest exponent bit
    // carries into the sign bit exactly then, so an OR over a block is negative iff some value is not finite: integer
    // arithmetic without a branch per value. The OR keeps the JIT from vectorising the loop, but the fused loop still
    // costs less than decoding and then scanning the block (1.21 against 0.78 + 0.52 us per 1556-value spectrum).
    // The float and double loops stay apart: one loop for both would box or branch per value.

    private static int allOnesExponent(int floatBits) {
        return (floatBits & 0x7f800000) + 0x00800000;
    }

    private static long allOnesExponent(long doubleBits) {
        return (doubleBits & 0x7ff0000000000000L) + 0x0010000000000000L;
    }

    private static boolean floatsLittleEndian(ByteBuffer src, int byteOffset, int n, double[] dst, int off) {
        int exponents = 0;
        for (int i = 0; i < n; i++) {
            float v = (float) FLOAT_LE.get(src, byteOffset + 4 * i);
            dst[off + i] = v;
            exponents |= allOnesExponent(Float.floatToRawIntBits(v));
        }
        return exponents >= 0;
    }

    private static boolean doublesLittleEndian(ByteBuffer src, int byteOffset, int n, double[] dst, int off) {
        long exponents = 0;
        for (int i = 0; i < n; i++) {
            double v = (double) DOUBLE_LE.get(src, byteOffset + 8 * i);
            dst[off + i] = v;
            exponents |= allOnesExponent(Double.doubleToRawLongBits(v));
        }
        return exponents >= 0;
    }
}
