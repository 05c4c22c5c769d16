package io.descatter.dynamics;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** T7: two-layer network, one output, finite N: the measured Σ_θ against the exact single-layer reduction. */
class T07TwoLayerFiniteTest {
    static final int D = 10;
    static final int H = 5;
    static final int N = 30;
    static final int B = 4;
    static final double ETA = 0.05;
    /**
     * The symmetry-orbit drift E ΔD ≈ (η²σ²/B) d ‖w₂‖² per step accumulates over the run; at σ = 0.01 it would move
     * D by O(1) in 4·10⁶ steps. At σ = 1e-4 D moves by ≈ 3e-4, which the range projection absorbs (its first
     * order) and whose second order is far below the fluctuations; the bilinear terms are O(σ) as well.
     */
    static final double NOISE = 1e-4;
    /** λ_min(H) ≈ ‖w₂‖²(1 − √(d/N))² ≈ 0.18, i.e. ≈ 110 steps of relaxation; burn in 200 of them. */
    static final long BURN_IN = 20_000;
    static final long STEPS = 4_000_000;
    static final int STRIDE = 5;
    static final int BATCHES = 40;
    /** SGD-THEORY.md's T7 tolerance. */
    static final double FLOOR = 0.03;

    @Test
    void stationaryCovarianceMatchesTheReduction() {
        SplittableRandom rng = new SplittableRandom(71);
        Dataset data = TeacherStudent.randomIsotropic(D, 1, NOISE, 72).dataset(N, 73);
        LeastSquares ls = LeastSquares.fit(data);
        // A student on the training minimum: random factors, W₁ corrected so that w₂ W₁ = ŵᵀ.
        double[] w1 = RandomMatrices.gaussian(H, D, 1 / Math.sqrt(D), rng);
        double[] w2 = RandomMatrices.gaussian(1, H, 1 / Math.sqrt(H), rng);
        double norm2 = Linalg.frobeniusSquared(w2);
        double[] gap = Linalg.add(ls.weights(), -1, Linalg.multiply(w2, w1, 1, H, D));
        for (int k = 0; k < H; k++) for (int i = 0; i < D; i++) w1[k * D + i] += w2[k] * gap[i] / norm2;
        LinearChain chain = new LinearChain(D, H, 1);
        double[] start = chain.parameters(w1, w2);

        SgdSimulation sim = new SgdSimulation(new FastLinearSgd(chain, ETA, start),
                MinibatchSource.of(data, new MinibatchSequence(N, B, BatchSampling.WITH_REPLACEMENT, 74)));
        sim.advance(BURN_IN);
        BatchedMoments moments = new BatchedMoments(start, BATCHES, STEPS / STRIDE, false);
        sim.record(STEPS, STRIDE, moments);
        double[] mean = moments.mean();
        int p = chain.parameterCount();
        double[] projector = GaussNewton.rangeProjector(GaussNewton.hessian(chain, mean, data.inputSecondMoment()), p);
        MatrixEstimate sigma = moments.covariance().map(c -> Linalg.multiply(Linalg.multiply(projector, c, p), projector, p), p);

        TwoLayerReduction reduction = new TwoLayerReduction(chain, mean);
        NoiseModel features = reduction.featureModel(data, ls.residuals());
        double kappa = BatchSampling.WITH_REPLACEMENT.kappa(N, B);
        double[] exact = reduction.exact(features, ETA, kappa);
        Oracles.passes("T7", sigma.compare("Σ_θ (range of H) vs reduction", exact, FLOOR));
        int off = chain.offset(1);
        Oracles.passes("T7", sigma.map(c -> Linalg.block(c, p, off, H, off, H), H)
                .compare("Σ_W₂ = W₁ Σ_u W₁ᵀ", Linalg.block(exact, p, off, H, off, H), FLOOR));
        Oracles.passes("T7", sigma.map(c -> Linalg.block(c, p, 0, off, 0, off), off)
                .compare("Σ_W₁ = w₂w₂ᵀ ⊗ Σ_u", Linalg.block(exact, p, 0, off, 0, off), FLOOR));
        Oracles.note("T7", sigma.compare("Σ_θ vs continuum reduction", reduction.continuum(features, ETA, kappa), FLOOR)
                .summary());
    }
}
