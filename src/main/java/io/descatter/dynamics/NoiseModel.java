package io.descatter.dynamics;

/**
 * The second- and fourth-moment data that fix SGD's stationary covariance for a model that is linear in its
 * parameters θ (dimension P), with per-sample gradient g_n = A_n δ − b_n around the minimum (δ = θ − θ̂):
 * the Hessian H = E A_n, the noise at the minimum C₀ = E b_n b_nᵀ and the map M₄(Σ) = E[A_n Σ A_n].
 * Expectations are over the training set (finite N) or the input distribution (online).
 */
public interface NoiseModel {
    /** P, the number of parameters. */
    int dimension();

    /** H (P x P row-major). */
    double[] hessian();

    /** C₀ (P x P row-major). */
    double[] noiseAtMinimum();

    /** M₄(Σ) for a symmetric Σ (P x P row-major). */
    double[] fourthMoment(double[] sigma);
}
