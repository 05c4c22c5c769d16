package io.descatter.model;

/** Agreement between a corrected spectrum and a reference one. */
public final class Metrics {
    private Metrics() {
    }

    /** Pearson correlation coefficient; NaN if either spectrum is constant. */
    public static double pearson(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    public static double pearson(double[] a, double[] b) {
        float[] fa = new float[a.length];
        float[] fb = new float[b.length];
        for (int i = 0; i < a.length; i++) {
            fa[i] = (float) a[i];
            fb[i] = (float) b[i];
        }
        return pearson(fa, fb);
    }

    /** Root-mean-square difference. */
    public static double rmse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }
}
