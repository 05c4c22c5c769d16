package io.descatter.spark;

import java.util.List;

/** The values of a spectrum cell as Spark hands them to a Row: a wrapped primitive array, a Seq, a list. */
final class SpectrumValues {
    private SpectrumValues() {
    }

    /** A float[], double[] or Object[] of the cell's values, without copying where Spark wraps a primitive array. */
    static Object array(Object cell) {
        if (cell instanceof float[] || cell instanceof double[] || cell instanceof Object[]) return cell;
        if (cell instanceof scala.collection.mutable.ArraySeq<?> a) return a.array();
        if (cell instanceof scala.collection.immutable.ArraySeq<?> a) return a.unsafeArray();
        if (cell instanceof scala.collection.Seq<?> s) return scala.jdk.javaapi.CollectionConverters.asJava(s).toArray();
        if (cell instanceof List<?> l) return l.toArray();
        throw new IllegalArgumentException("not an array of numbers: " + cell.getClass().getName());
    }

    /** Copies {@code values} into {@code dst} from {@code off}; returns whether all are finite. */
    static boolean copy(Object values, double[] dst, int off) {
        boolean finite = true;
        if (values instanceof float[] f) {
            for (int i = 0; i < f.length; i++) {
                dst[off + i] = f[i];
                finite &= Float.isFinite(f[i]);
            }
        } else if (values instanceof double[] d) {
            for (int i = 0; i < d.length; i++) {
                dst[off + i] = d[i];
                finite &= Double.isFinite(d[i]);
            }
        } else {
            Object[] o = (Object[]) values;
            for (int i = 0; i < o.length; i++) {
                double v = o[i] == null ? Double.NaN : ((Number) o[i]).doubleValue();
                dst[off + i] = v;
                finite &= Double.isFinite(v);
            }
        }
        return finite;
    }
}
