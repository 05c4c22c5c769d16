package io.descatter.dynamics;

/**
 * The Hessian of a two-layer, one-output linear student sitting on its teacher (zero residuals): H = M H_x Mᵀ,
 * with non-zero spectrum eig(H_x^{1/2} G H_x^{1/2}), G = ‖w₂‖² I + W₁ᵀW₁; as N → ∞ these are ‖w₂‖² + eig(W₁ᵀW₁).
 * Late-time full-batch GD then shrinks the loss by (1 − η λ_min⁺)² per step.
 */
public final class TeacherStudentHessian {
    private TeacherStudentHessian() {
    }

    /** M H_x Mᵀ (P x P). */
    public static double[] hessian(LinearChain chain, double[] theta, double[] inputSecondMoment) {
        TwoLayerReduction r = new TwoLayerReduction(chain, theta);
        return Linalg.congruence(r.embedding(), inputSecondMoment, chain.parameterCount(), chain.inputs());
    }

    /** eig(H_x^{1/2} G H_x^{1/2}), descending (d values). */
    public static double[] nonzeroSpectrum(LinearChain chain, double[] theta, double[] inputSecondMoment) {
        int d = chain.inputs();
        double[] g = new TwoLayerReduction(chain, theta).metric();
        double[] half = Linalg.eigenSymmetric(inputSecondMoment, d).apply(v -> Math.sqrt(Math.max(v, 0)));
        return Linalg.eigenSymmetric(Linalg.multiply(Linalg.multiply(half, g, d), half, d), d).values();
    }

    /** The late-time GD loss decay rate per step, −2 ln(1 − η λ_min⁺). */
    public static double gdDecayRate(double eta, double smallestNonzero) {
        return -2 * Math.log(1 - eta * smallestNonzero);
    }
}
