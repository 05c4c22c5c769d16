package io.descatter.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/** Counts the rows that pass, for the summary line, without a second pass over the data. */
final class Counting {
    private Counting() {
    }

    static Dataset<Row> count(Dataset<Row> frame, LongAccumulator counter) {
        MapPartitionsFunction<Row, Row> f = rows -> new Iterator<>() {
            @Override
            public boolean hasNext() { return rows.hasNext(); }

            @Override
            public Row next() {
                counter.add(1);
                return rows.next();
            }
        };
        Dataset<Row> counted = frame.mapPartitions(f, Encoders.row(frame.schema()));
        return frame.schema().getFieldIndex(SpectraFrame.SPECTRUM).isDefined()
                ? SpectraFrame.keepAxis(counted, SpectraFrame.axis(frame)) : counted;
    }
}
