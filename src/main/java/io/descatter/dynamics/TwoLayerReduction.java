package io.descatter.dynamics;

/**
 * The exact discrete-time (finite-N or online) stationary covariance of a two-layer linear network with ONE
 * output at a minimum, by reduction to a single layer. With M = [w₂ ⊗ I_d ; W₁] (P x d) every range fluctuation
 * is δθ = M u, and u follows single-layer SGD on features z = G^{1/2} x, G = MᵀM = ‖w₂‖² I + W₁ᵀW₁ (to first order
 * in the fluctuations). So Σ_v is the single-layer solution for z, Σ_u = G^{-1/2} Σ_v G^{-1/2}, Σ_θ = M Σ_u Mᵀ;
 * in blocks Σ_W₂ = W₁ Σ_u W₁ᵀ and Σ_W₁ = w₂w₂ᵀ ⊗ Σ_u.
 */
public final class TwoLayerReduction {
    private final LinearChain chain;
    private final double[] m;
    private final double[] g;
    private final double[] gHalf;
    private final double[] gInvHalf;

    public TwoLayerReduction(LinearChain chain, double[] theta) {
        if (chain.layers() != 2 || chain.outputs() != 1)
            throw new IllegalArgumentException("the reduction is for two layers and one output: " + chain);
        this.chain = chain;
        int d = chain.inputs();
        int h = chain.width(1);
        double[] w1 = chain.layer(theta, 0);
        double[] w2 = chain.layer(theta, 1);
        int p = chain.parameterCount();
        m = new double[p * d];
        for (int k = 0; k < h; k++) for (int i = 0; i < d; i++) m[(k * d + i) * d + i] = w2[k];
        System.arraycopy(w1, 0, m, h * d * d, h * d);
        g = Linalg.multiply(Linalg.transpose(m, p, d), m, d, p, d);
        Linalg.SymmetricEigen eig = Linalg.eigenSymmetric(g, d);
        gHalf = eig.apply(Math::sqrt);
        gInvHalf = eig.apply(v -> 1 / Math.sqrt(v));
    }

    /** G = ‖w₂‖² I + W₁ᵀW₁ (d x d). */
    public double[] metric() { return g.clone(); }

    /** M (P x d). */
    public double[] embedding() { return m.clone(); }

    /** The single-layer noise model on features z_n = G^{1/2} x_n of a finite dataset with residuals r_n. */
    public SampleNoiseModel featureModel(Dataset data, double[] residuals) {
        int d = chain.inputs();
        double[] z = Linalg.multiply(data.x(), gHalf, data.size(), d, d);
        return new SampleNoiseModel(z, residuals, data.size(), d, 1);
    }

    /** The single-layer noise model on Gaussian features z = G^{1/2} x (online, x ~ N(0, H_x)). */
    public GaussianNoiseModel featureModel(double[] inputCovariance, double noise) {
        int d = chain.inputs();
        return new GaussianNoiseModel(Linalg.multiply(Linalg.multiply(gHalf, inputCovariance, d), gHalf, d), d, 1, noise);
    }

    /** Lifts a feature-space covariance Σ_v to the network's parameters: M G^{-1/2} Σ_v G^{-1/2} Mᵀ (P x P). */
    public double[] lift(double[] sigmaV) {
        int d = chain.inputs();
        double[] sigmaU = Linalg.multiply(Linalg.multiply(gInvHalf, sigmaV, d), gInvHalf, d);
        return Linalg.congruence(m, sigmaU, chain.parameterCount(), d);
    }

    /** The exact discrete stationary Σ_θ for the feature model {@code features}. */
    public double[] exact(NoiseModel features, double eta, double kappa) {
        return lift(StationaryCovariance.exact(features, eta, kappa));
    }

    /** The continuum (Lyapunov) Σ_θ for the feature model. */
    public double[] continuum(NoiseModel features, double eta, double kappa) {
        return lift(StationaryCovariance.continuum(features, eta, kappa));
    }
}
