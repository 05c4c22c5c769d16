package io.descatter.testing;

import io.descatter.physics.KramersKronig;
import io.descatter.physics.RefractiveIndex;

/**
 * Specular reflectance at normal incidence of a sample whose absorbance is given, R = ((n − 1)² + k²) / ((n + 1)² + k²):
 * k from the absorbance (scaled to a peak of 0.15, a protein's at amide I) and n = 1.45 plus its Kramers–Kronig
 * partner. Bands become derivative shapes on a level of about 0.034: what a reflectance file holds, for the checks
 * that such files are flagged.
 */
public final class Reflectance {
    private final KramersKronig kk;

    public Reflectance(double[] axis) {
        this.kk = new KramersKronig(axis);
    }

    /** The reflectance (0-1) of {@code absorbance} (negative values taken as 0). */
    public double[] of(double[] absorbance) {
        double[] a = new double[absorbance.length];
        for (int i = 0; i < a.length; i++) a[i] = Math.max(0, absorbance[i]);
        RefractiveIndex index = kk.compute(a);
        double peak = java.util.Arrays.stream(index.imaginaryScaled()).max().orElseThrow();
        double scale = 0.15 / peak;
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            double n = 1.45 + scale * index.kramersKronig()[i];
            double k = scale * index.imaginaryScaled()[i];
            r[i] = ((n - 1) * (n - 1) + k * k) / ((n + 1) * (n + 1) + k * k);
        }
        return r;
    }
}
