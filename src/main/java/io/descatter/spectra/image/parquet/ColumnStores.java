package io.descatter.spectra.image.parquet;

import java.lang.reflect.Field;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * The column writers behind parquet-java's record consumer, for writers that hand each value straight to its column
 * ({@link ParquetTableWriter}, and descatter-spark's writer): the record consumer tracks five events per element of a
 * list, which was most of the time of writing a spectrum.
 */
public final class ColumnStores {
    private static final String RECORD_CONSUMER = "org.apache.parquet.io.MessageColumnIO$MessageColumnIORecordConsumer";

    private ColumnStores() {
    }

    /**
     * The column store behind parquet-java's record consumer (its private field {@code columns}), or null where the
     * consumer is another (a wrapper, validation switched on, another parquet-java): the caller then writes events.
     */
    public static ColumnWriteStore of(RecordConsumer consumer) {
        if (!consumer.getClass().getName().equals(RECORD_CONSUMER)) return null;
        try {
            Field f = consumer.getClass().getDeclaredField("columns");
            f.setAccessible(true);
            return f.get(consumer) instanceof ColumnWriteStore s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
