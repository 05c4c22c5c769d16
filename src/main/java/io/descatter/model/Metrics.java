package io.descatter.model;

/** Agreement between a corrected spectrum and a reference one. */
public final class Metrics {
    private Metrics() {
    }

    /** Pearson correlation coefficient; NaN if either spectrum is constant. */
    public static double pearson(double[] a, double[] b) {
        return pearson(a.length, i -> a[i], i -> b[i]);
    }

    public static double pearson(float[] a, float[] b) {
        return pearson(a.length, i -> a[i], i -> b[i]);
    }

    private static double pearson(int n, java.util.function.IntToDoubleFunction a, java.util.function.IntToDoubleFunction b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a.applyAsDouble(i);
            mb += b.applyAsDouble(i);
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a.applyAsDouble(i) - ma;
            double db = b.applyAsDouble(i) - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Root-mean-square difference. */
    public static double rmse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }
}
