package io.descatter.synth;

import io.descatter.spectra.WavenumberAxis;
import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Makes pure absorbance spectra (no scattering) of a tissue type: component fractions from the type's Dirichlet
 * prior, every band's position, width and height jittered per spectrum, summed on the axis and scaled so the
 * highest band is 1 (the scale ME-EMSC works on: its reference is divided by its maximum).
 */
public final class PureSpectrumGenerator {
    /**
     * Per-spectrum variation of the bands.
     *
     * @param componentShiftSd common shift of all bands of a component, cm⁻¹ (standard deviation)
     * @param bandShiftSd further shift of each band, cm⁻¹ (standard deviation; total clipped to ±4)
     * @param widthSpread relative width jitter: widths × U(1 − s, 1 + s)
     * @param heightSd log-normal sigma of each band's height
     * @param broadeningMax every band of a spectrum is widened by one factor, log-uniform in [0.85, max]: hydrogen-bonding
     *     heterogeneity and sample state make whole spectra broader or sharper
     * @param stretchingMax the stretching bands (above 2500 cm⁻¹: N-H, O-H, C-H) of a spectrum are scaled together by
     *     one factor, log-uniform in [0.7, max]: their strength against the fingerprint varies with lipid content,
     *     hydration and hydrogen bonding more than band-by-band jitter allows (measured cells reach a C-H maximum of
     *     0.4-0.8 of amide I)
     * @param unassignedMax up to this many extra bands per spectrum at random positions, widths and small heights:
     *     real spectra carry bands no library lists, and a correction must leave them alone rather than learn that
     *     only library bands exist
     * @param regionWarpMax the whole pure spectrum is multiplied by a smooth positive factor exp(w(ν)), w a random
     *     series of six cosine and six sine terms over the axis (shortest half period a sixth of the axis, 500 cm⁻¹ on
     *     the default one) whose pointwise s.d. is drawn per spectrum from U(0, regionWarpMax): band shapes stay, but
     *     the strength of one spectral region against another (phosphate or C-H stretch against amide I) varies beyond
     *     what the band library's composition ties together; 0 (the default) draws nothing
     */
    public record Jitter(double componentShiftSd, double bandShiftSd, double widthSpread, double heightSd, double broadeningMax,
            double stretchingMax, int unassignedMax, double regionWarpMax) {
        public static Jitter defaults() {
            return new Jitter(1.5, 1.5, 0.25, 0.25, 2.0, 3.0, 8, 0);
        }

        /** These settings with another {@code regionWarpMax}. */
        public Jitter withRegionWarp(double max) {
            return new Jitter(componentShiftSd, bandShiftSd, widthSpread, heightSd, broadeningMax, stretchingMax, unassignedMax, max);
        }

        /** The per-spectrum width factor's range: [{@value #BROADENING_MIN}, broadeningMax]. */
        static final double BROADENING_MIN = 0.85;
        /** The per-spectrum stretching-band factor's range: [{@value #STRETCHING_MIN}, stretchingMax]. */
        static final double STRETCHING_MIN = 0.7;
        /** Bands above this position (cm⁻¹) are stretching bands. */
        static final double STRETCHING_FROM = 2500;
    }

    /** A pure spectrum and what it was made of. */
    public record PureSpectrum(double[] absorbance, Map<Component, Double> fractions) {
    }

    private static final double MAX_SHIFT = 4;
    /** Beyond 6 half widths a Gaussian is below 1e-10 of its peak: skip it there. */
    private static final double GAUSS_REACH = 6;

    private final double[] x;
    private final Jitter jitter;

    public PureSpectrumGenerator(WavenumberAxis axis, Jitter jitter) {
        this.x = axis.values();
        this.jitter = jitter;
    }

    public PureSpectrum generate(TissueType type, RandomGenerator rng) {
        Map<Component, Double> fractions = drawFractions(type, rng);
        double broadening = Distortion.logUniform(rng, Jitter.BROADENING_MIN, Math.max(Jitter.BROADENING_MIN, jitter.broadeningMax()));
        double stretching = Distortion.logUniform(rng, Jitter.STRETCHING_MIN, Math.max(Jitter.STRETCHING_MIN, jitter.stretchingMax()));
        Scales scales = new Scales(broadening, stretching, Distortion.uniform(rng, ESTER_SHARE_MIN, ESTER_SHARE_MAX));
        double[] a = new double[x.length];
        for (Map.Entry<Component, Double> e : fractions.entrySet()) {
            if (e.getValue() > 0) addComponent(a, e.getKey(), e.getValue(), scales, rng);
        }
        addUnassignedBands(a, rng);
        warpRegions(a, rng);
        unitMaximumInPlace(a);
        return new PureSpectrum(a, fractions);
    }

    /**
     * A pure spectrum templated on a user-supplied one (e.g. a measured reference), with chemical variation as in
     * Solheim's validation sets: one component of the band library, jittered, added or depleted by up to 20 % of
     * the template's maximum; negative values clipped; scaled to maximum 1.
     *
     * @param template on this generator's axis, maximum 1
     */
    public PureSpectrum fromTemplate(double[] template, RandomGenerator rng) {
        Component[] components = Component.values();
        Component c = components[rng.nextInt(components.length)];
        double[] variation = new double[x.length];
        addComponent(variation, c, 1, Scales.NONE, rng);
        unitMaximumInPlace(variation);
        double weight = 0.4 * rng.nextDouble() - 0.2;
        double[] a = new double[x.length];
        for (int i = 0; i < a.length; i++) a[i] = Math.max(0, template[i] + weight * variation[i]);
        unitMaximumInPlace(a);
        Map<Component, Double> fractions = new EnumMap<>(Component.class);
        fractions.put(c, weight);
        return new PureSpectrum(a, fractions);
    }

    /** A copy scaled to maximum 1. */
    public static double[] unitMaximum(double[] s) {
        double[] a = s.clone();
        unitMaximumInPlace(a);
        return a;
    }

    private static void unitMaximumInPlace(double[] a) {
        double max = 0;
        for (double v : a) max = Math.max(max, v);
        if (!(max > 0)) throw new IllegalArgumentException("a pure spectrum needs a positive maximum");
        for (int i = 0; i < a.length; i++) a[i] /= max;
    }

    /**
     * The type's typical spectrum: mean fractions, mid-range helix share, literature band positions and widths.
     * A neutral stand-in for a measured reference spectrum (e.g. for ME-EMSC targets).
     */
    public double[] typical(TissueType type) {
        double[] a = new double[x.length];
        for (Map.Entry<Component, Double> e : type.meanFractions().entrySet()) {
            double f = e.getValue();
            if (f <= 0) continue;
            if (e.getKey() == Component.PROTEIN_HELIX) {
                double helix = (type.helixMin() + type.helixMax()) / 2;
                addBands(a, Component.PROTEIN_HELIX, f * helix);
                addBands(a, Component.PROTEIN_SHEET, f * (1 - helix));
            } else {
                addBands(a, e.getKey(), f);
            }
        }
        unitMaximumInPlace(a);
        return a;
    }

    private void addBands(double[] a, Component c, double fraction) {
        for (Band b : c.bands()) addBand(a, b.center(), b.hwhm(), fraction * b.height(), b.eta());
    }

    private Map<Component, Double> drawFractions(TissueType type, RandomGenerator rng) {
        Map<Component, Double> f = new EnumMap<>(Component.class);
        double sum = 0;
        for (Map.Entry<Component, Double> e : type.meanFractions().entrySet()) {
            double mean = e.getValue();
            double g = mean <= 0 ? 0 : new GammaDistribution(rng, type.concentration() * mean, 1).sample();
            f.put(e.getKey(), g);
            sum += g;
        }
        for (Map.Entry<Component, Double> e : f.entrySet()) e.setValue(e.getValue() / sum);
        double protein = f.get(Component.PROTEIN_HELIX);
        double helix = type.helixMin() + (type.helixMax() - type.helixMin()) * rng.nextDouble();
        f.put(Component.PROTEIN_HELIX, protein * helix);
        f.put(Component.PROTEIN_SHEET, protein * (1 - helix));
        return f;
    }

    /**
     * Up to {@code unassignedMax} bands no library lists: three in four in the fingerprint (1000-1800 cm⁻¹), the
     * rest in the stretching region (2800-3700); half widths log-uniform 4-80 cm⁻¹ (broad ones build up the continuum
     * of unresolved bands that real fingerprints sit on), heights up to 12 % of the
     * spectrum's maximum so far.
     */
    private void addUnassignedBands(double[] a, RandomGenerator rng) {
        if (jitter.unassignedMax() <= 0) return;
        int count = rng.nextInt(jitter.unassignedMax() + 1);
        double max = 0;
        for (double v : a) max = Math.max(max, v);
        for (int i = 0; i < count; i++) {
            double center = rng.nextDouble() < 0.75 ? Distortion.uniform(rng, 1000, 1800) : Distortion.uniform(rng, 2800, 3700);
            double hwhm = Distortion.logUniform(rng, 4, 80);
            double height = 0.12 * max * rng.nextDouble();
            addBand(a, center, hwhm, height, rng.nextDouble());
        }
    }

    private static final int WARP_TERMS = 6;

    /** Multiplies {@code a} by exp(w(ν)): see {@link Jitter#regionWarpMax()}. Draws nothing when that is 0. */
    private void warpRegions(double[] a, RandomGenerator rng) {
        if (jitter.regionWarpMax() <= 0) return;
        double sd = jitter.regionWarpMax() * rng.nextDouble() / Math.sqrt(WARP_TERMS);
        double[] cos = new double[WARP_TERMS];
        double[] sin = new double[WARP_TERMS];
        for (int k = 0; k < WARP_TERMS; k++) {
            cos[k] = sd * rng.nextGaussian();
            sin[k] = sd * rng.nextGaussian();
        }
        double from = x[0];
        double span = x[x.length - 1] - from;
        for (int i = 0; i < x.length; i++) {
            double u = Math.PI * (x[i] - from) / span;
            double w = 0;
            for (int k = 0; k < WARP_TERMS; k++) w += cos[k] * Math.cos((k + 1) * u) + sin[k] * Math.sin((k + 1) * u);
            a[i] *= Math.exp(w);
        }
    }

    /**
     * Per-spectrum factors on the library's bands: widths, stretching-band heights, and the ester bands of lipids
     * (lipid classes differ: triglycerides and phospholipids carry ester C=O and C-O-C bands, cholesterol and
     * sphingolipids none, so a cell's C-H stretch says little about its ester band).
     */
    private record Scales(double broadening, double stretching, double esterShare) {
        static final Scales NONE = new Scales(1, 1, 1);
    }

    private static final double ESTER_SHARE_MIN = 0.1;
    private static final double ESTER_SHARE_MAX = 1.3;

    private void addComponent(double[] a, Component c, double fraction, Scales scales, RandomGenerator rng) {
        double broadening = scales.broadening();
        double stretching = scales.stretching();
        double componentShift = jitter.componentShiftSd() * rng.nextGaussian();
        for (Band b : c.bands()) {
            double shift = componentShift + jitter.bandShiftSd() * rng.nextGaussian();
            double center = b.center() + Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, shift));
            double hwhm = broadening * b.hwhm() * (1 + jitter.widthSpread() * (2 * rng.nextDouble() - 1));
            double height = fraction * b.height() * Math.exp(jitter.heightSd() * rng.nextGaussian())
                    * (b.center() > Jitter.STRETCHING_FROM ? stretching : 1)
                    * (c == Component.LIPID && b.assignment().contains("ester") ? scales.esterShare() : 1);
            double eta = Math.max(0, Math.min(1, b.eta() + 0.4 * (rng.nextDouble() - 0.5)));
            addBand(a, center, hwhm, height, eta);
        }
    }

    private void addBand(double[] a, double center, double hwhm, double height, double eta) {
        double lorentz = height * eta;
        double gauss = height * (1 - eta);
        double invW = 1 / hwhm;
        double reach = GAUSS_REACH * hwhm;
        // Two loops: the branch-free Lorentzian one vectorises; the Gaussian only where it is not negligible.
        for (int i = 0; i < x.length; i++) {
            double d = (x[i] - center) * invW;
            a[i] += lorentz / (1 + d * d);
        }
        if (gauss == 0) return;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - center;
            if (Math.abs(dx) < reach) {
                double d = dx * invW;
                a[i] += gauss * Math.exp(-0.6931471805599453 * d * d);
            }
        }
    }
}
