package io.descatter.spectra.image.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Parquet's plain encoding of floats (four little-endian bytes each) written into one array, for the spectrum column
 * of descatter's writers: parquet-java's own plain writer puts every float through a data stream one byte at a time
 * into a slab list, which was a third of the time of writing a spectrum. The bytes are the same, so a file is the
 * same; {@link #install} swaps it into a column writer where that writer is parquet-java's as expected, else leaves
 * the writer as it is.
 */
public final class FloatValues extends ValuesWriter {
    private static final VarHandle LITTLE_ENDIAN = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    /** The values writer of parquet-java's column writers (a private field), or null where it is not there. */
    private static final Field DATA_COLUMN = dataColumnField();

    private byte[] bytes = new byte[64 << 10];
    private int size;

    private FloatValues() {
    }

    private static Field dataColumnField() {
        try {
            Field f = Class.forName("org.apache.parquet.column.impl.ColumnWriterBase").getDeclaredField("dataColumn");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Gives the writer of a float column, fresh (nothing written yet), this values writer instead of parquet-java's
     * plain one. Does nothing for another column type, or where the writer is another (dictionary encoding, another
     * encoding or another parquet-java).
     *
     * @param column the column {@code writer} writes
     * @return whether it did
     */
    public static boolean install(ColumnWriter writer, ColumnDescriptor column) {
        if (column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.FLOAT) return false;
        if (DATA_COLUMN == null || !DATA_COLUMN.getDeclaringClass().isInstance(writer)) return false;
        try {
            Object current = DATA_COLUMN.get(writer);
            if (current == null || current.getClass() != PlainValuesWriter.class || ((ValuesWriter) current).getBufferedSize() != 0) return false;
            ((ValuesWriter) current).close();
            DATA_COLUMN.set(writer, new FloatValues());
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void writeFloat(float v) {
        if (size + Float.BYTES > bytes.length) bytes = java.util.Arrays.copyOf(bytes, 2 * bytes.length);
        LITTLE_ENDIAN.set(bytes, size, v);
        size += Float.BYTES;
    }

    @Override
    public long getBufferedSize() { return size; }

    /** The page's bytes; valid until the next {@link #reset()}, after which a new array is used. */
    @Override
    public BytesInput getBytes() { return BytesInput.from(bytes, 0, size); }

    @Override
    public Encoding getEncoding() { return Encoding.PLAIN; }

    @Override
    public void reset() {
        // the page writer may still hold the array it was given (uncompressed pages are collected, not copied)
        bytes = new byte[bytes.length];
        size = 0;
    }

    @Override
    public long getAllocatedSize() { return bytes.length; }

    @Override
    public String memUsageString(String prefix) { return prefix + " FloatValues " + size + " bytes"; }
}
