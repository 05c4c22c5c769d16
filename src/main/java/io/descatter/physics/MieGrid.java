package io.descatter.physics;

/**
 * The (alpha0, gamma) parameter grid of the Van de Hulst curves (ME-EMSC.md §1). Radii and real refractive
 * indices are paired element by element; the curves use every (alpha0_i, gamma_j) combination.
 *
 * @param alpha0 {@code 4π·a·(n0 − 1)} in metres, one per (radius, n0) pair
 * @param gamma  {@code h·ln10 / (4π·(π·a/2)·(n0 − 1))} in metres⁻¹·… (dimension of 1/n_kk), one per pair
 */
public record MieGrid(double[] alpha0, double[] gamma) {
    /** The MATLAB ME-EMSC default grid: radii 2–7.1 µm paired with n0 1.1–1.4, 10 pairs, h = 0.25. */
    public static final double DEFAULT_RADIUS_MIN = 2.0;
    public static final double DEFAULT_RADIUS_MAX = 7.1;
    public static final double DEFAULT_N0_MIN = 1.1;
    public static final double DEFAULT_N0_MAX = 1.4;
    public static final int DEFAULT_STEPS = 10;
    public static final double DEFAULT_H = 0.25;

    public MieGrid {
        if (alpha0.length == 0 || gamma.length == 0) throw new IllegalArgumentException("empty Mie grid");
        alpha0 = alpha0.clone();
        gamma = gamma.clone();
    }

    /**
     * The grid of {@code steps} radii and refractive indices, each spaced evenly from min to max inclusive
     * (numpy.linspace semantics), with the absorption parameter {@code h}.
     *
     * @param radiusMin radius in µm
     */
    public static MieGrid of(double radiusMin, double radiusMax, double n0Min, double n0Max, int steps, double h) {
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        if (!(radiusMin > 0) || !(radiusMax >= radiusMin)) {
            throw new IllegalArgumentException("radius range must be positive and ascending: " + radiusMin + ".." + radiusMax);
        }
        if (!(n0Min > 1) || !(n0Max >= n0Min)) {
            throw new IllegalArgumentException("n0 range must be above 1 and ascending: " + n0Min + ".." + n0Max);
        }
        if (!(h > 0)) throw new IllegalArgumentException("h must be positive, got " + h);
        double[] radii = linspace(radiusMin, radiusMax, steps);
        double[] n0s = linspace(n0Min, n0Max, steps);
        double[] a = new double[steps];
        double[] g = new double[steps];
        for (int i = 0; i < steps; i++) {
            a[i] = alpha0(radii[i], n0s[i]);
            g[i] = gamma(radii[i], n0s[i], h);
        }
        return new MieGrid(a, g);
    }

    /** alpha0 in metres of a sphere of radius {@code radiusMicrons} and real refractive index {@code n0}. */
    public static double alpha0(double radiusMicrons, double n0) {
        return 4 * Math.PI * (radiusMicrons * 1e-6) * (n0 - 1);
    }

    /** gamma of a sphere of radius {@code radiusMicrons}, real index {@code n0} and absorption parameter h. */
    public static double gamma(double radiusMicrons, double n0, double h) {
        double opticalDepth = 0.5 * Math.PI * (radiusMicrons * 1e-6);
        return h * Math.log(10) / (4 * Math.PI * opticalDepth) / (n0 - 1);
    }

    /** numpy.linspace: start + i·step, the last value exactly {@code stop}. */
    public static double[] linspace(double start, double stop, int num) {
        if (num < 1) throw new IllegalArgumentException("linspace needs at least one point, got " + num);
        double[] y = new double[num];
        if (num == 1) {
            y[0] = start;
            return y;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) y[i] = start + i * step;
        y[num - 1] = stop;
        return y;
    }

    public int curveCount() {
        return alpha0.length * gamma.length;
    }

    @Override
    public double[] alpha0() {
        return alpha0.clone();
    }

    @Override
    public double[] gamma() {
        return gamma.clone();
    }
}
