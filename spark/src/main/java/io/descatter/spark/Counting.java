package io.descatter.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.LongAccumulator;

/** Counts the rows that pass, for the summary line, without a second pass over the data. */
final class Counting {
    private Counting() {
    }

    static Dataset<Row> count(Dataset<Row> frame, LongAccumulator counter) {
        FlatMapFunction<Iterator<InternalRow>, InternalRow> f = rows -> new Iterator<>() {
            @Override
            public boolean hasNext() { return rows.hasNext(); }

            @Override
            public InternalRow next() {
                counter.add(1);
                return rows.next();
            }
        };
        Dataset<Row> counted = InternalFrames.frame(frame.sparkSession(), InternalFrames.rows(frame).mapPartitions(f), frame.schema());
        return frame.schema().getFieldIndex(SpectraFrame.SPECTRUM).isDefined()
                ? SpectraFrame.keepAxis(counted, SpectraFrame.axis(frame)) : counted;
    }
}
