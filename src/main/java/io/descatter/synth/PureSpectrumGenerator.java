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
     */
    public record Jitter(double componentShiftSd, double bandShiftSd, double widthSpread, double heightSd) {
        public static Jitter defaults() {
            return new Jitter(1.5, 1.5, 0.2, 0.2);
        }
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
        double[] a = new double[x.length];
        for (Map.Entry<Component, Double> e : fractions.entrySet()) {
            if (e.getValue() > 0) addComponent(a, e.getKey(), e.getValue(), rng);
        }
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
        addComponent(variation, c, 1, rng);
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

    private void addComponent(double[] a, Component c, double fraction, RandomGenerator rng) {
        double componentShift = jitter.componentShiftSd() * rng.nextGaussian();
        for (Band b : c.bands()) {
            double shift = componentShift + jitter.bandShiftSd() * rng.nextGaussian();
            double center = b.center() + Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, shift));
            double hwhm = b.hwhm() * (1 + jitter.widthSpread() * (2 * rng.nextDouble() - 1));
            double height = fraction * b.height() * Math.exp(jitter.heightSd() * rng.nextGaussian());
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
