package io.descatter.dynamics;

/**
 * Geometry of a bias-free linear chain f(x) = A(θ) x, A = W_L ... W_1, around a parameter point: the Jacobians
 * ∂A/∂θ_a, the Gauss-Newton Hessian H_ab = tr(∂_a Aᵀ ∂_b A H_x) (the exact Hessian wherever the residuals vanish,
 * e.g. a student at a noiseless teacher) and the orthogonal projector onto its range, which removes the flat
 * symmetry directions (W₁ → G W₁, W₂ → W₂ G⁻¹) from measured fluctuations.
 */
public final class GaussNewton {
    /** Eigenvalues below this fraction of the largest are the null space (exact zeros up to roundoff). */
    public static final double NULL_FRACTION = 1e-10;

    private GaussNewton() {
    }

    /** ∂A/∂θ_a for every parameter a: P matrices of size o x d, row-major, stacked (P x (o·d)). */
    public static double[] endToEndJacobian(LinearChain chain, double[] theta) {
        int p = chain.parameterCount();
        int d = chain.inputs();
        int o = chain.outputs();
        int layers = chain.layers();
        double[] out = new double[p * o * d];
        for (int l = 0; l < layers; l++) {
            // A = S_l W_l R_l with R_l = W_{l-1}..W_1 (width_l x d) and S_l = W_L..W_{l+1} (o x width_{l+1}).
            double[] right = Linalg.identity(d);
            int rightRows = d;
            for (int k = 0; k < l; k++) {
                right = Linalg.multiply(chain.layer(theta, k), right, chain.width(k + 1), rightRows, d);
                rightRows = chain.width(k + 1);
            }
            double[] left = Linalg.identity(chain.width(l + 1));
            int leftCols = chain.width(l + 1);
            for (int k = l + 1; k < layers; k++) {
                left = Linalg.multiply(chain.layer(theta, k), left, chain.width(k + 1), chain.width(k), leftCols);
            }
            int rows = chain.width(l + 1);
            int cols = chain.width(l);
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++) {
                    int a = chain.offset(l) + r * cols + c;
                    // ∂A/∂(W_l)_{rc} = S_l[:, r] R_l[c, :]
                    for (int j = 0; j < o; j++)
                        for (int i = 0; i < d; i++)
                            out[(a * o + j) * d + i] = left[j * leftCols + r] * right[c * d + i];
                }
        }
        return out;
    }

    /** The Gauss-Newton Hessian for inputs with second moment H_x (P x P row-major). */
    public static double[] hessian(LinearChain chain, double[] theta, double[] inputSecondMoment) {
        int p = chain.parameterCount();
        int d = chain.inputs();
        int o = chain.outputs();
        double[] jac = endToEndJacobian(chain, theta);
        // J_a H_x for every a, then H_ab = Σ_j,i (J_a H_x)_ji (J_b)_ji
        double[] jh = new double[p * o * d];
        for (int a = 0; a < p; a++)
            for (int j = 0; j < o; j++)
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    int base = (a * o + j) * d;
                    for (int k = 0; k < d; k++) s += jac[base + k] * inputSecondMoment[k * d + i];
                    jh[base + i] = s;
                }
        double[] h = new double[p * p];
        int len = o * d;
        for (int a = 0; a < p; a++)
            for (int b = a; b < p; b++) {
                double s = 0;
                for (int m = 0; m < len; m++) s += jh[a * len + m] * jac[b * len + m];
                h[a * p + b] = s;
                h[b * p + a] = s;
            }
        return h;
    }

    /** The orthogonal projector onto the range of a symmetric positive semi-definite matrix. */
    public static double[] rangeProjector(double[] h, int p) {
        Linalg.SymmetricEigen eig = Linalg.eigenSymmetric(h, p);
        double cut = NULL_FRACTION * eig.values()[0];
        return eig.apply(v -> v > cut ? 1 : 0);
    }

    /** The eigenvalues of H above the null threshold, descending. */
    public static double[] nonzeroSpectrum(double[] h, int p) {
        double[] v = Linalg.eigenSymmetric(h, p).values();
        double cut = NULL_FRACTION * v[0];
        return java.util.Arrays.stream(v).filter(x -> x > cut).toArray();
    }
}
