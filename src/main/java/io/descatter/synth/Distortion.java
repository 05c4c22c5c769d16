package io.descatter.synth;

import io.descatter.physics.KramersKronig;
import io.descatter.physics.MieGrid;
import io.descatter.physics.RefractiveIndex;
import io.descatter.physics.VanDeHulst;
import io.descatter.spectra.WavenumberAxis;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The forward model that ME-EMSC inverts, plus what instruments add: a pure absorbance A becomes
 * {@code Z = c + b·A + g·Q_ext + p1·x + p2·x² + atmosphere + noise} (c includes −g·min Q_ext), where Q_ext is the Van de Hulst extinction
 * of a sphere whose complex refractive index comes from A itself by Kramers–Kronig (the same physics code as
 * ME-EMSC uses), and x maps the axis onto [−1, 1]. Thread-safe: all randomness comes from the caller's generator.
 */
public final class Distortion {
    /** Names of the generating parameters, in the order of {@link #apply}'s parameter array. */
    public static final List<String> PARAMETERS = List.of("radius_um", "n0", "h", "b", "mie_scale", "c", "baseline_1",
            "baseline_2", "snr", "co2", "water_vapour");

    private static final double[] CO2_LINES = {2338, 2361};
    private static final double CO2_HWHM = 9;
    private static final double WATER_HWHM = 1.2;
    /** A fixed list of water-vapour rotation lines: positions in the two bands, relative strengths. */
    private static final double[][] WATER_LINES = waterLines();
    /**
     * Share of spheres whose a·(n0 − 1) is drawn log-uniform in [{@value #CELL_LIKE_PHASE_MIN},
     * {@value #CELL_LIKE_PHASE_MAX}] µm (radius from it, within the radius range) instead of from the independent
     * radius and n0 ranges, which put 38 % of the spectra above 1.4 µm, where no measured cell lies (docs/SIMULATION.md).
     */
    static final double CELL_LIKE_SHARE = 0.5;
    static final double CELL_LIKE_PHASE_MIN = 0.4;
    static final double CELL_LIKE_PHASE_MAX = 1.4;
    /** Standard normal quantiles at (k + 0.5)/5: five radii represent a log-normal size distribution. */
    private static final double[] SIZE_QUANTILES = {-1.2816, -0.5244, 0, 0.5244, 1.2816};

    private final WavenumberAxis axis;
    private final double[] wn;
    private final double[] x;
    private final KramersKronig kk;
    private final DistortionRanges ranges;
    /** The ME-EMSC default grid's (radius, n0) pairs, exactly as ME-EMSC makes them: spheres drawn on its grid. */
    private final double[] gridRadii = MieGrid.linspace(MieGrid.DEFAULT_RADIUS_MIN, MieGrid.DEFAULT_RADIUS_MAX, MieGrid.DEFAULT_STEPS);
    private final double[] gridN0 = MieGrid.linspace(MieGrid.DEFAULT_N0_MIN, MieGrid.DEFAULT_N0_MAX, MieGrid.DEFAULT_STEPS);

    public Distortion(WavenumberAxis axis, DistortionRanges ranges) {
        this.axis = axis;
        this.wn = axis.values();
        this.kk = new KramersKronig(wn);
        this.ranges = ranges;
        this.x = new double[wn.length];
        for (int i = 0; i < wn.length; i++) x[i] = 2 * (wn[i] - axis.min()) / (axis.max() - axis.min()) - 1;
    }

    public WavenumberAxis axis() { return axis; }

    public DistortionRanges ranges() { return ranges; }

    /**
     * Distorts one pure spectrum.
     *
     * @param pure the pure absorbance on this axis
     * @param rng the spectrum's own generator
     * @param raw receives Z
     * @return the generating parameters, named by {@link #PARAMETERS}
     */
    public double[] apply(double[] pure, RandomGenerator rng, double[] raw) {
        DistortionRanges r = ranges;
        double radius;
        double n0;
        double h;
        if (r.onMemscGrid()) {
            int i = rng.nextInt(gridRadii.length);
            radius = gridRadii[i];
            n0 = gridN0[i];
            h = 0.25;
        } else {
            radius = uniform(rng, r.radiusMin(), r.radiusMax());
            n0 = uniform(rng, r.n0Min(), r.n0Max());
            h = uniform(rng, r.hMin(), r.hMax());
            if (rng.nextDouble() < CELL_LIKE_SHARE) {
                // a(n0 − 1) sets the phase shift ρ = 4π·a·(n0 − 1)·ν: at 0.4–1.4 µm the extinction's first maximum lies
                // inside the range and the background rises across it, the shape every measured cell shows
                double phase = logUniform(rng, CELL_LIKE_PHASE_MIN, CELL_LIKE_PHASE_MAX);
                radius = Math.max(r.radiusMin(), Math.min(r.radiusMax(), phase / (n0 - 1)));
            }
        }
        double b = logUniform(rng, r.bMin(), r.bMax());
        double g = r.mieMax() == 0 ? 0 : b * logUniform(rng, Math.max(r.mieMin(), 1e-12), r.mieMax());
        double c = r.cMean() + r.cSd() * rng.nextGaussian();
        double p1 = r.baselineSd() * rng.nextGaussian();
        double p2 = r.baselineSd() * rng.nextGaussian();
        double snr = Double.isInfinite(r.snrMin()) ? Double.POSITIVE_INFINITY : logUniform(rng, r.snrMin(), r.snrMax());
        boolean atmosphere = r.atmosphereProbability() > 0 && rng.nextDouble() < r.atmosphereProbability();
        double co2 = atmosphere ? r.co2Max() * rng.nextDouble() : 0;
        double water = atmosphere ? r.waterMax() * rng.nextDouble() : 0;

        double[] q = extinction(pure, radius, n0, h);
        double qMin = Double.POSITIVE_INFINITY;
        for (double v : q) qMin = Math.min(qMin, v);
        c -= g * qMin;
        double noiseSd = Double.isInfinite(snr) ? 0 : b / snr; // the pure spectrum's maximum is 1
        for (int k = 0; k < raw.length; k++) {
            double xk = x[k];
            raw[k] = c + b * pure[k] + g * q[k] + p1 * xk + p2 * xk * xk + (noiseSd > 0 ? noiseSd * rng.nextGaussian() : 0);
        }
        if (atmosphere) addAtmosphere(raw, co2, water);
        return new double[] {radius, n0, h, b, g, c, p1, p2, snr, co2, water};
    }

    /** Extinction of one sphere, or the cross-section-weighted mean over a log-normal size distribution. */
    double[] extinction(double[] pure, double radius, double n0, double h) {
        RefractiveIndex index = kk.compute(pure);
        if (ranges.sizeSpread() == 0) return VanDeHulst.curve(radius, n0, h, index, wn);
        double[] sum = new double[wn.length];
        double weights = 0;
        for (double z : SIZE_QUANTILES) {
            double a = radius * Math.exp(ranges.sizeSpread() * z);
            double w = a * a;
            double[] qa = VanDeHulst.curve(a, n0, h, index, wn);
            for (int k = 0; k < sum.length; k++) sum[k] += w * qa[k];
            weights += w;
        }
        for (int k = 0; k < sum.length; k++) sum[k] /= weights;
        return sum;
    }

    private void addAtmosphere(double[] raw, double co2, double water) {
        for (int k = 0; k < raw.length; k++) {
            double w = wn[k];
            double v = 0;
            for (double line : CO2_LINES) {
                double d = (w - line) / CO2_HWHM;
                v += co2 * Math.exp(-0.6931471805599453 * d * d);
            }
            if ((w > 1250 && w < 1950) || (w > 3450 && w < 3950)) {
                for (double[] line : WATER_LINES) {
                    double d = (w - line[0]) / WATER_HWHM;
                    if (Math.abs(d) < 30) v += water * line[1] / (1 + d * d);
                }
            }
            raw[k] += v;
        }
    }

    private static double[][] waterLines() {
        Random fixed = new Random(18_000_000L); // the same line list in every run
        double[][] lines = new double[120][];
        for (int i = 0; i < lines.length; i++) {
            double pos = i < 60 ? 1300 + 600 * fixed.nextDouble() : 3500 + 400 * fixed.nextDouble();
            lines[i] = new double[] {pos, -Math.log(1 - fixed.nextDouble()) / 3};
        }
        return lines;
    }

    static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    static double logUniform(RandomGenerator rng, double lo, double hi) {
        return lo == hi ? lo : Math.exp(uniform(rng, Math.log(lo), Math.log(hi)));
    }
}
