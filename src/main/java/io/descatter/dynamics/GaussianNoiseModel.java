package io.descatter.dynamics;

/**
 * {@link NoiseModel} of online learning (N = ∞) of a single linear layer W (o x d) with Gaussian inputs of
 * covariance H_x and output noise σ: H = I_o ⊗ H_x, C₀ = σ² I_o ⊗ H_x and, by Isserlis' theorem, block (j, k) of
 * M₄(Σ) is tr(H_x Σ_jk) H_x + H_x (Σ_jk + Σ_jkᵀ) H_x.
 */
public final class GaussianNoiseModel implements NoiseModel {
    private final double[] hx;
    private final int d;
    private final int o;
    private final double noise;

    public GaussianNoiseModel(double[] inputCovariance, int d, int o, double noise) {
        if (inputCovariance.length != d * d) throw new IllegalArgumentException("shape");
        this.hx = inputCovariance.clone();
        this.d = d;
        this.o = o;
        this.noise = noise;
    }

    @Override public int dimension() { return o * d; }

    @Override
    public double[] hessian() {
        return Linalg.kronecker(Linalg.identity(o), o, o, hx, d, d);
    }

    @Override
    public double[] noiseAtMinimum() {
        return Linalg.scale(hessian(), noise * noise);
    }

    @Override
    public double[] fourthMoment(double[] sigma) {
        int p = o * d;
        double[] out = new double[p * p];
        for (int j = 0; j < o; j++)
            for (int k = 0; k < o; k++) {
                double[] s = Linalg.block(sigma, p, j * d, d, k * d, d);
                double[] sym = Linalg.add(s, 1, Linalg.transpose(s, d, d));
                double tr = Linalg.trace(Linalg.multiply(hx, s, d), d);
                double[] m = Linalg.add(Linalg.scale(hx, tr), 1, Linalg.multiply(Linalg.multiply(hx, sym, d), hx, d));
                for (int a = 0; a < d; a++) System.arraycopy(m, a * d, out, (j * d + a) * p + k * d, d);
            }
        return out;
    }
}
