package io.descatter.synth;

import io.descatter.physics.MieGrid;

/**
 * Ranges of the distortion parameters that turn a pure spectrum A into a measured-looking one:
 * {@code Z = c + b·A + g·Q_ext(a, n0, h; A) + baseline + atmosphere + noise}. Scales (b, g, SNR) are drawn
 * log-uniformly, the rest uniformly or normally. The defaults are calibrated against measured cell spectra
 * (docs/SIMULATION.md); {@link #memscModelClass()} confines them to exactly what ME-EMSC can represent.
 *
 * @param radiusMin smallest sphere radius, µm
 * @param radiusMax largest sphere radius, µm
 * @param n0Min smallest real refractive index
 * @param n0Max largest real refractive index
 * @param hMin smallest absorption scaling h of the Van de Hulst model
 * @param hMax largest h
 * @param sizeSpread log-normal sigma of a size distribution of 5 radii around the drawn one (0: one sphere)
 * @param onMemscGrid draw (radius, n0) pairs from the ME-EMSC default grid and use h = 0.25 (overrides the ranges)
 * @param bMin smallest multiplicative factor (path length × concentration)
 * @param bMax largest multiplicative factor
 * @param mieMin smallest ratio g/b of the extinction scale to the absorbance scale (both grow with the material in
 *     the beam; their ratio depends on the particles' geometry)
 * @param mieMax largest ratio g/b
 * @param cMean mean additive offset c, on top of −g·min(Q): measured spectra sit near zero where the Mie extinction
 *     is smallest (instruments and preprocessing remove the flat part of the extinction)
 * @param cSd standard deviation of the additive offset c
 * @param baselineSd standard deviation of the linear and quadratic baseline coefficients (x in [−1, 1])
 * @param snrMin lowest signal-to-noise ratio (largest b·A over the noise standard deviation); infinite for none
 * @param snrMax highest signal-to-noise ratio
 * @param atmosphereProbability probability that a spectrum carries CO₂ and water-vapour lines
 * @param co2Max largest CO₂ doublet absorbance
 * @param waterMax largest water-vapour line absorbance
 */
public record DistortionRanges(double radiusMin, double radiusMax, double n0Min, double n0Max, double hMin, double hMax,
        double sizeSpread, boolean onMemscGrid, double bMin, double bMax, double mieMin, double mieMax, double cMean, double cSd,
        double baselineSd, double snrMin, double snrMax, double atmosphereProbability, double co2Max, double waterMax) {

    public DistortionRanges {
        check(radiusMin > 0 && radiusMax >= radiusMin, "radius");
        check(n0Min > 1 && n0Max >= n0Min, "n0");
        check(hMin > 0 && hMax >= hMin, "h");
        check(bMin > 0 && bMax >= bMin, "b");
        check(mieMin >= 0 && mieMax >= mieMin, "Mie scale");
        check(snrMin > 0 && snrMax >= snrMin, "SNR");
        check(sizeSpread >= 0 && cSd >= 0 && baselineSd >= 0, "spreads");
        check(atmosphereProbability >= 0 && atmosphereProbability <= 1, "atmosphere probability");
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new IllegalArgumentException("invalid " + what + " range");
    }

    /**
     * Calibrated against the 60 measured cell spectra (docs/SIMULATION.md), and wider than the ME-EMSC grid
     * (2–7.1 µm, n0 1.1–1.4) on purpose: the network must not inherit its limits.
     */
    public static DistortionRanges defaults() {
        return new DistortionRanges(1.5, 8, 1.1, 1.45, 0.15, 0.35, 0.0, false, 0.12, 0.75, 0.1, 3.0, -0.04, 0.04, 0.01,
                20, 300, 0.0, 0.02, 0.01);
    }

    /** Spheres from the ME-EMSC default grid with h = 0.25, no baseline, no noise, no atmosphere. */
    public static DistortionRanges memscModelClass() {
        return new DistortionRanges(MieGrid.DEFAULT_RADIUS_MIN, MieGrid.DEFAULT_RADIUS_MAX, MieGrid.DEFAULT_N0_MIN,
                MieGrid.DEFAULT_N0_MAX, MieGrid.DEFAULT_H, MieGrid.DEFAULT_H, 0.0, true, 0.1, 0.6, 0.1, 0.7, -0.04, 0.04, 0.0,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, 0.0, 0.0);
    }

    public DistortionRanges withAtmosphere(double probability) {
        return new DistortionRanges(radiusMin, radiusMax, n0Min, n0Max, hMin, hMax, sizeSpread, onMemscGrid, bMin, bMax,
                mieMin, mieMax, cMean, cSd, baselineSd, snrMin, snrMax, probability, co2Max, waterMax);
    }

    public DistortionRanges withSizeSpread(double spread) {
        return new DistortionRanges(radiusMin, radiusMax, n0Min, n0Max, hMin, hMax, spread, onMemscGrid, bMin, bMax,
                mieMin, mieMax, cMean, cSd, baselineSd, snrMin, snrMax, atmosphereProbability, co2Max, waterMax);
    }

    public DistortionRanges withRadius(double min, double max) {
        return new DistortionRanges(min, max, n0Min, n0Max, hMin, hMax, sizeSpread, onMemscGrid, bMin, bMax,
                mieMin, mieMax, cMean, cSd, baselineSd, snrMin, snrMax, atmosphereProbability, co2Max, waterMax);
    }

    public DistortionRanges withN0(double min, double max) {
        return new DistortionRanges(radiusMin, radiusMax, min, max, hMin, hMax, sizeSpread, onMemscGrid, bMin, bMax,
                mieMin, mieMax, cMean, cSd, baselineSd, snrMin, snrMax, atmosphereProbability, co2Max, waterMax);
    }

    public DistortionRanges withSnr(double min, double max) {
        return new DistortionRanges(radiusMin, radiusMax, n0Min, n0Max, hMin, hMax, sizeSpread, onMemscGrid, bMin, bMax,
                mieMin, mieMax, cMean, cSd, baselineSd, min, max, atmosphereProbability, co2Max, waterMax);
    }
}
