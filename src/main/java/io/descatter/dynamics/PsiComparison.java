package io.descatter.dynamics;

import java.util.function.IntFunction;

/**
 * Feng-Tu's exponent ψ measured beside ψ predicted: the same variance-flatness code ({@link VarianceFlatness#measure}
 * and {@link VarianceFlatness.Profile#fit()}) applied once to the measured covariance and once to the predicted one,
 * both at the measured mean weights with the same loss, so the two numbers differ only by the covariances.
 *
 * <p>Two kinds of interval. The fit's 95 % interval ({@link PowerLawFit}) says how far the modes scatter about a
 * power law; for two layers the relation bends (σ² ∝ c/(c + aF²)), so it is wide for the prediction as much as for
 * the measurement and is no error bar. The measurement's error bar is the delete-one-batch jackknife over the
 * recorded batches, for ψ and for the difference measured − predicted (the two share the mean weights).
 *
 * @param measuredError   jackknife standard error of the measured ψ
 * @param predictedError  jackknife standard error of the predicted ψ (through the mean weights only)
 * @param differenceError jackknife standard error of ψ_measured − ψ_predicted
 * @param source          what predicted the covariance, e.g. "exact discrete reduction"
 * @param exact           whether that prediction is meant to be exact (then the difference is checked)
 * @param floor           the smallest tolerance, relative to the predicted ψ
 */
public record PsiComparison(PowerLawFit measured, PowerLawFit predicted, VarianceFlatness.Profile predictedProfile,
                            double measuredError, double predictedError, double differenceError, int batches,
                            String source, boolean exact, double floor) {

    /** The measured and predicted variance-flatness profiles of one jackknife replicate. */
    public record Replicate(VarianceFlatness.Profile measured, VarianceFlatness.Profile predicted) {
    }

    /**
     * Runs the fits on all batches ({@code replicate.apply(-1)}) and on each leave-one-out replicate k = 0..K−1.
     * @return null when either profile has fewer than 3 finite flatnesses (no slope with an error bar)
     */
    public static PsiComparison of(String source, boolean exact, double floor, int batches, IntFunction<Replicate> replicate) {
        Replicate all = replicate.apply(-1);
        PowerLawFit m = fit(all.measured());
        PowerLawFit p = fit(all.predicted());
        if (m == null || p == null) return null;
        double[] rm = new double[batches];
        double[] rp = new double[batches];
        double[] rd = new double[batches];
        for (int k = 0; k < batches; k++) {
            Replicate r = replicate.apply(k);
            PowerLawFit fm = fit(r.measured());
            PowerLawFit fp = fit(r.predicted());
            rm[k] = fm == null ? Double.NaN : VarianceFlatness.psi(fm);
            rp[k] = fp == null ? Double.NaN : VarianceFlatness.psi(fp);
            rd[k] = rm[k] - rp[k];
        }
        return new PsiComparison(m, p, all.predicted(), Jackknife.standardError(rm), Jackknife.standardError(rp),
                Jackknife.standardError(rd), batches, source, exact, floor);
    }

    /** The fit over the modes of finite flatness, or null with fewer than 3. */
    static PowerLawFit fit(VarianceFlatness.Profile profile) {
        return profile.modes().stream().filter(x -> Double.isFinite(x.flatness())).count() >= 3 ? profile.fit() : null;
    }

    public double psi() { return VarianceFlatness.psi(measured); }

    public double predictedPsi() { return VarianceFlatness.psi(predicted); }

    public double difference() { return psi() - predictedPsi(); }

    /** The 95 % interval of the measured ψ from its jackknife error (Student t, K − 1 degrees of freedom). */
    public double[] measuredInterval() {
        double t = StudentT.quantile(0.975, batches - 1);
        return new double[] {psi() - t * measuredError, psi() + t * measuredError};
    }

    /** The 95 % interval of the predicted ψ from its jackknife error. */
    public double[] predictedInterval() {
        double t = StudentT.quantile(0.975, batches - 1);
        return new double[] {predictedPsi() - t * predictedError, predictedPsi() + t * predictedError};
    }

    /** max(3 ε̂, floor·|ψ_predicted|), ε̂ the jackknife error of the difference (the oracle rule of SGD-THEORY.md). */
    public double tolerance() {
        double noise = Double.isFinite(differenceError) ? 3 * differenceError : 0;
        return Math.max(noise, floor * Math.abs(predictedPsi()));
    }

    /** An exact prediction within the tolerance (never for an approximation or a ψ that is not a number). */
    public boolean passes() {
        return exact && Double.isFinite(difference()) && Math.abs(difference()) <= tolerance();
    }

    /** {@code psi = measured [fit CI] | predicted X [fit CI] (source): ...} with the check or, for an approximation, none. */
    @Override
    public String toString() {
        String head = String.format("psi = %.4f [%.4f, %.4f] | predicted %.4f [%.4f, %.4f] (%s)", psi(), -measured.ciHigh(),
                -measured.ciLow(), predictedPsi(), -predicted.ciHigh(), -predicted.ciLow(), source);
        String diff = String.format("difference %.4f, jackknife error %.4f (%d batches)", difference(), differenceError, batches);
        return exact ? String.format("%s: %s, tolerance %.4f: %s", head, diff, tolerance(), passes() ? "ok" : "FAIL")
                : String.format("%s: %s (approximation: no verdict)", head, diff);
    }
}
