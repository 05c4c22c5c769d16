package io.descatter.dynamics;

/**
 * Properties of a single-layer training set that need no SGD run: the residual loss, the spectral second moments
 * m₂(A) = tr(A²)/d of H and of the normalised noise C₀/(2L_res), and the detailed-balance measures c and ρ_DB
 * (ρ_DB from the leading-order Lyapunov Σ, H Σ + Σ H ∝ C₀, which makes it independent of η, κ and σ).
 *
 * @param residualLoss L(ŵ)
 * @param m2Hessian    m₂(H); its expectation is 1 + (d+1)/N for x ~ N(0, I)
 * @param m2Noise      m₂(C₀/2L_res); asymptotically 1 + 3(d+2)/N
 * @param commutator   c = ‖[H, C₀]‖_F / (‖H‖_F ‖C₀‖_F)
 * @param rho          ρ_DB = ‖HΣ − ΣH‖ / ‖HΣ + ΣH‖ of the leading-order stationary Σ
 */
public record DataStatistics(double residualLoss, double m2Hessian, double m2Noise, double commutator, double rho) {

    /** Statistics of a one-output dataset at its least-squares minimum. */
    public static DataStatistics of(Dataset data) {
        if (data.outputs() != 1) throw new IllegalArgumentException("data statistics are defined for one output");
        LeastSquares ls = LeastSquares.fit(data);
        SampleNoiseModel model = new SampleNoiseModel(data.x(), ls.residuals(), data.size(), data.inputs(), 1);
        int d = data.inputs();
        double[] h = model.hessian();
        double[] c0 = model.noiseAtMinimum();
        double[] normalisedNoise = Linalg.scale(c0, 1 / (2 * ls.residualLoss()));
        double[] sigma = StationaryCovariance.lyapunov(h, c0, d);
        return new DataStatistics(ls.residualLoss(), secondMoment(h, d), secondMoment(normalisedNoise, d),
                DetailedBalance.commutator(h, c0, d), DetailedBalance.rho(h, sigma, d));
    }

    /** m₂(A) = tr(A²)/d for symmetric A. */
    public static double secondMoment(double[] a, int d) {
        return Linalg.frobeniusSquared(a) / d;
    }

    /** E L(ŵ) = (σ²/2)(1 − d/N) per output. */
    public static double expectedResidualLoss(double noise, int d, int n) {
        return 0.5 * noise * noise * (1 - (double) d / n);
    }

    /** E m₂(H) − 1 = (d + 1)/N exactly, for x ~ N(0, I). */
    public static double expectedHessianExcessMoment(int d, int n) {
        return (d + 1.0) / n;
    }

    /** m₂(C₀/2L_res) − 1 ≈ 3(d + 2)/N for N ≫ d. */
    public static double asymptoticNoiseExcessMoment(int d, int n) {
        return 3.0 * (d + 2) / n;
    }
}
