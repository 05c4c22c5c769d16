package io.descatter.dynamics;

import java.util.List;
import java.util.Map;

/**
 * Everything an SGD experiment measured, beside its predictions.
 *
 * @param comparisons      measured quantities with prediction, relative error and ε̂
 * @param scalars          further numbers (detailed-balance measures, ψ and its interval, speed)
 * @param sigmaMeasured    eigenvalues of the measured Σ (range-projected for two layers), descending
 * @param sigmaPredicted   eigenvalues of the exact predicted Σ (empty when no exact prediction exists)
 * @param hessianSpectrum  eigenvalues of H at the minimum
 * @param noiseSpectrum    eigenvalues of the predicted stationary gradient-noise covariance C
 * @param profile          the Feng-Tu measurement (layer 2 for two layers)
 * @param fit              the fitted power law σ² ∝ F^(−ψ)
 * @param psi              the measured ψ beside ψ predicted by the same fit on the predicted covariance (null when
 *                         there is no prediction or fewer than 3 modes)
 * @param matrices         the measured Σ with its batches, the exact Σ and H, for derived figures (sweeps, gallery)
 */
public record SgdResult(SgdConfig config, List<Comparison> comparisons, Map<String, Double> scalars,
                        double[] sigmaMeasured, double[] sigmaPredicted, double[] hessianSpectrum,
                        double[] noiseSpectrum, VarianceFlatness.Profile profile, PowerLawFit fit,
                        PsiComparison psi, Matrices matrices) {

    /**
     * The P x P matrices behind the spectra.
     *
     * @param sigma          the measured Σ (range-projected for two layers) with its batch estimates
     * @param sigmaExact     the exact discrete-time Σ (empty when none exists: two layers with o > 1)
     * @param hessian        H at the minimum (one layer) or at the mean weights (two layers)
     * @param profileOffset  index of the first weight of the profiled layer (0 for one layer, layer 2's offset for two)
     */
    public record Matrices(MatrixEstimate sigma, double[] sigmaExact, double[] hessian, int profileOffset) {
    }
}
