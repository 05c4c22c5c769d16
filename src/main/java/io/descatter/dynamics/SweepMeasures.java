package io.descatter.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Quantities of a finished SGD experiment with 95 % intervals from its batch estimates, beside their exact
 * predictions: the figures of a sweep or of the gallery plot these. Nonlinear functions of Σ (ρ_DB) get their
 * interval from the jackknife over the batches; linear ones (traces, variances along fixed directions) from the
 * batch means directly.
 */
public final class SweepMeasures {
    private SweepMeasures() {
    }

    /** The variance along one profiled PCA direction: measured with its interval, and the exact prediction there. */
    public record ModeVariance(int index, double flatness, double curvature, Interval measured, double predicted) {
    }

    /** tr Σ over the batches, the total weight variance (range-projected for two layers). */
    public static Interval totalVariance(SgdResult r) {
        int p = r.matrices().sigma().rows();
        return Interval.ofBatches(r.matrices().sigma().batches().stream().mapToDouble(c -> Linalg.trace(c, p)).toArray());
    }

    /** tr Σ of the exact discrete prediction, NaN when there is none. */
    public static double predictedTotalVariance(SgdResult r) {
        double[] exact = r.matrices().sigmaExact();
        return exact.length == 0 ? Double.NaN : Linalg.trace(exact, r.matrices().sigma().rows());
    }

    /** ρ_DB = ‖HΣ − ΣH‖/‖HΣ + ΣH‖ of the measured Σ, with the jackknife interval over the batches. */
    public static Interval detailedBalance(SgdResult r) {
        int p = r.matrices().sigma().rows();
        double[] h = r.matrices().hessian();
        return jackknife(r.matrices().sigma().batches(), s -> DetailedBalance.rho(h, s, p));
    }

    /**
     * Jackknife estimate of f(mean of the batches): f at the full mean, with the 95 % Student-t interval of the
     * leave-one-out spread, se² = (K−1)/K Σ (f₋ᵢ − f̄)².
     */
    static Interval jackknife(List<double[]> batches, ToDoubleFunction<double[]> f) {
        int k = batches.size();
        int len = batches.get(0).length;
        double[] sum = new double[len];
        for (double[] b : batches) for (int i = 0; i < len; i++) sum[i] += b[i];
        double full = f.applyAsDouble(Linalg.scale(sum, 1.0 / k));
        double[] leaveOut = new double[k];
        for (int j = 0; j < k; j++) leaveOut[j] = f.applyAsDouble(Linalg.scale(Linalg.add(sum, -1, batches.get(j)), 1.0 / (k - 1)));
        double mean = 0;
        for (double v : leaveOut) mean += v / k;
        double ss = 0;
        for (double v : leaveOut) ss += (v - mean) * (v - mean);
        double half = StudentT.quantile(0.975, k - 1) * Math.sqrt((k - 1.0) / k * ss);
        return new Interval(full, full - half, full + half);
    }

    /**
     * Every profiled direction p_i (layer 2 for two layers): the measured variance p_iᵀ Σ p_i over the batches and the
     * exact p_iᵀ Σ_exact p_i (NaN without an exact prediction).
     */
    public static List<ModeVariance> modeVariances(SgdResult r) {
        SgdResult.Matrices m = r.matrices();
        int p = m.sigma().rows();
        int off = m.profileOffset();
        List<ModeVariance> out = new ArrayList<>();
        for (VarianceFlatness.Mode mode : r.profile().modes()) {
            double[] dir = mode.direction();
            int n = dir.length;
            double[] perBatch = m.sigma().batches().stream()
                    .mapToDouble(c -> SgdExperiment.quadraticForm(Linalg.block(c, p, off, n, off, n), dir)).toArray();
            double predicted = m.sigmaExact().length == 0 ? Double.NaN
                    : SgdExperiment.quadraticForm(Linalg.block(m.sigmaExact(), p, off, n, off, n), dir);
            out.add(new ModeVariance(mode.index(), mode.flatness(), mode.curvature(), Interval.ofBatches(perBatch), predicted));
        }
        return out;
    }

    /** ψ measured (the fit of the profile) with its 95 % interval; null when fewer than 3 directions have a flatness. */
    public static Interval psi(SgdResult r) {
        PowerLawFit fit = r.fit();
        return fit == null ? null : new Interval(VarianceFlatness.psi(fit), -fit.ciHigh(), -fit.ciLow());
    }

    /**
     * ψ predicted for a run: the same variance-flatness fit on the exact discrete covariance as on the measured one
     * ({@link PsiComparison}); NaN where the run has no prediction (fewer than 3 modes, or no exact covariance).
     */
    public static double predictedPsi(SgdResult r) {
        return r.psi() == null ? Double.NaN : r.psi().predictedPsi();
    }

    /** The curvature p_iᵀ H p_i along every profiled direction (the profiled layer's block of H). */
    public static double[] curvatures(SgdResult r) {
        SgdResult.Matrices m = r.matrices();
        int p = m.sigma().rows();
        int off = m.profileOffset();
        return r.profile().modes().stream().mapToDouble(mode -> {
            int n = mode.direction().length;
            return SgdExperiment.quadraticForm(Linalg.block(m.hessian(), p, off, n, off, n), mode.direction());
        }).toArray();
    }

    /**
     * How much the curvature varies along the principal directions of Σ compared with H's own eigenvalues: the
     * coefficient of variation of p_iᵀ H p_i over that of eig(H). Near 0: the fluctuations see an isotropic loss.
     */
    public static double curvatureSpreadRatio(SgdResult r) {
        int p = r.matrices().sigma().rows();
        return coefficientOfVariation(curvatures(r)) / coefficientOfVariation(Linalg.eigenSymmetric(r.matrices().hessian(), p).values());
    }

    /** Standard deviation (n − 1) over the mean. */
    public static double coefficientOfVariation(double[] v) {
        double m = 0;
        for (double x : v) m += x / v.length;
        double s = 0;
        for (double x : v) s += (x - m) * (x - m) / (v.length - 1);
        return Math.sqrt(s) / m;
    }
}
