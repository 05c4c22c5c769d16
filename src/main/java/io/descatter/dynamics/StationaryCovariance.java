package io.descatter.dynamics;

/**
 * Predictions of SGD's stationary weight covariance Σ around the minimum of a {@link NoiseModel}.
 * <ul>
 * <li>exact (discrete time): H Σ + Σ H − η HΣH = η κ [C₀ + M₄(Σ) − HΣH], the stationarity of the second moment
 *     of δ_{t+1} = δ_t − η ĝ_t, with no approximation; solved as a linear system in the P(P+1)/2 entries of Σ;</li>
 * <li>continuum (Lyapunov, leading order in η): H Σ + Σ H = η κ C₀.</li>
 * </ul>
 */
public final class StationaryCovariance {
    /** Above this many unknowns the dense solve (cubic in P(P+1)/2) takes minutes; refuse instead. */
    static final int MAX_UNKNOWNS = 2500;
    /** The most weights P with P(P+1)/2 ≤ MAX_UNKNOWNS (70). */
    static final int MAX_DIMENSION = (int) Math.floor((Math.sqrt(8.0 * MAX_UNKNOWNS + 1) - 1) / 2);

    private StationaryCovariance() {
    }

    /** The exact discrete-time stationary covariance (P x P row-major). */
    public static double[] exact(NoiseModel model, double eta, double kappa) {
        int p = model.dimension();
        int m = p * (p + 1) / 2;
        if (m > MAX_UNKNOWNS)
            throw new IllegalArgumentException("exact stationary covariance needs P(P+1)/2 = " + m + " unknowns; "
                    + "at most " + MAX_UNKNOWNS + " are supported");
        double[] h = model.hessian();
        double[] system = new double[m * m];
        double[] basis = new double[p * p];
        int col = 0;
        for (int a = 0; a < p; a++)
            for (int b = a; b < p; b++) {
                java.util.Arrays.fill(basis, 0);
                basis[a * p + b] = 1;
                basis[b * p + a] = 1;
                double[] image = operator(model, h, basis, eta, kappa);
                int row = 0;
                for (int i = 0; i < p; i++)
                    for (int j = i; j < p; j++) system[(row++) * m + col] = image[i * p + j];
                col++;
            }
        double[] c0 = model.noiseAtMinimum();
        double[] rhs = new double[m];
        int row = 0;
        for (int i = 0; i < p; i++) for (int j = i; j < p; j++) rhs[row++] = eta * kappa * c0[i * p + j];
        double[] vech = Linalg.solve(system, rhs, m);
        double[] sigma = new double[p * p];
        row = 0;
        for (int i = 0; i < p; i++)
            for (int j = i; j < p; j++) {
                sigma[i * p + j] = vech[row];
                sigma[j * p + i] = vech[row++];
            }
        return sigma;
    }

    /** Σ ↦ HΣ + ΣH − η HΣH − ηκ (M₄(Σ) − HΣH): the left side of the exact equation. */
    private static double[] operator(NoiseModel model, double[] h, double[] s, double eta, double kappa) {
        int p = model.dimension();
        double[] hs = Linalg.multiply(h, s, p);
        double[] sh = Linalg.multiply(s, h, p);
        double[] hsh = Linalg.multiply(hs, h, p);
        double[] m4 = model.fourthMoment(s);
        double[] out = new double[p * p];
        for (int i = 0; i < out.length; i++)
            out[i] = hs[i] + sh[i] - eta * hsh[i] - eta * kappa * (m4[i] - hsh[i]);
        return out;
    }

    /** The continuum (Lyapunov) prediction H Σ + Σ H = η κ C₀. */
    public static double[] continuum(NoiseModel model, double eta, double kappa) {
        return lyapunov(model.hessian(), Linalg.scale(model.noiseAtMinimum(), eta * kappa), model.dimension());
    }

    /**
     * Solves H Σ + Σ H = Q for symmetric positive semi-definite H in its eigenbasis; components where
     * λ_i + λ_j vanishes (the null space of H) are set to zero.
     */
    public static double[] lyapunov(double[] h, double[] q, int p) {
        Linalg.SymmetricEigen eig = Linalg.eigenSymmetric(h, p);
        double[] v = eig.vectors();
        double[] qt = Linalg.multiply(Linalg.multiply(Linalg.transpose(v, p, p), q, p), v, p);
        double tiny = 1e-12 * Math.max(Math.abs(eig.values()[0]), Double.MIN_NORMAL);
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) {
                double den = eig.values()[i] + eig.values()[j];
                qt[i * p + j] = den > tiny ? qt[i * p + j] / den : 0;
            }
        return Linalg.multiply(Linalg.multiply(v, qt, p), Linalg.transpose(v, p, p), p);
    }

    /** Mean excess loss E[L] − L(θ̂) = ½ tr(HΣ) (exact for a loss quadratic in θ). */
    public static double excessLoss(double[] h, double[] sigma, int p) {
        double s = 0;
        for (int i = 0; i < p * p; i++) s += h[i] * sigma[i];
        return 0.5 * s;
    }
}
