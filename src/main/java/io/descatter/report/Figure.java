package io.descatter.report;

import io.descatter.dynamics.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * A figure's plotted numbers, written both as a PNG and as a CSV of the same numbers (so a reader can check or
 * re-plot them): named curves, each measured points with 95 % intervals or a theory line.
 */
public record Figure(String name, String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Curve> curves) {

    /** One curve; {@code low}/{@code high} are null for curves without an interval. */
    public record Curve(String name, double[] x, double[] y, double[] low, double[] high, boolean line) {
        public static Curve line(String name, double[] x, double[] y) {
            return new Curve(name, x, y, null, null, true);
        }

        public static Curve points(String name, double[] x, double[] y) {
            return new Curve(name, x, y, null, null, false);
        }

        /** Measured points with their 95 % intervals. */
        public static Curve measured(String name, double[] x, List<Interval> values) {
            return new Curve(name, x, values.stream().mapToDouble(Interval::value).toArray(),
                    values.stream().mapToDouble(Interval::low).toArray(), values.stream().mapToDouble(Interval::high).toArray(), false);
        }
    }

    public static Figure of(String name, String title, String xLabel, String yLabel, boolean logX, boolean logY, Curve... curves) {
        return new Figure(name, title, xLabel, yLabel, logX, logY, new ArrayList<>(List.of(curves)));
    }
}
