package io.descatter.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Feng and Tu's variance-flatness measurement, for any model: from the mean w₀ and covariance of weights recorded
 * over a late window, PCA gives directions p_i with variances σ_i²; along each, the training loss profile
 * L_i(θ) = L(w₀ + θ p_i) reaches e·L₀ at θ_l < 0 < θ_r, and the flatness is F_i = θ_r − θ_l. A power law
 * σ_i² ∝ F_i^(−ψ) fitted on log-log axes gives the exponent ψ. Nothing here knows the model: weights are plain
 * vectors and the loss is a callback, so the same code serves the linear networks and any DL4J layer.
 */
public final class VarianceFlatness {
    /** Directions whose variance is below this fraction of the largest are numerically null (not fluctuating). */
    public static final double NULL_VARIANCE_FRACTION = 1e-12;
    /** Bisection stops when the bracket is this small relative to its end point (double precision). */
    private static final double ROOT_TOLERANCE = 1e-13;
    /**
     * The bisection tolerance for a loss computed in float32: its rounding noise (~1e-7 relative, summed over
     * many outputs) makes a finer bracket meaningless, and each step costs a forward pass.
     */
    public static final double FLOAT_ROOT_TOLERANCE = 1e-3;

    private VarianceFlatness() {
    }

    /**
     * One principal direction.
     * @param variance  σ_i²
     * @param flatness  F_i = θ_r − θ_l, or +∞ when the loss never reaches e·L₀ along the direction
     * @param curvature the curvature k = 8(e−1)L₀/F² of a quadratic profile with this width
     */
    public record Mode(int index, double variance, double flatness, double thetaLeft, double thetaRight,
                       double curvature, double[] direction) {
    }

    /** All directions of a measurement and the base loss L₀ = L(w₀). */
    public record Profile(double[] mean, double baseLoss, List<Mode> modes) {
        /** Fits σ² ∝ F^(−ψ) over the modes accepted by {@code use} (finite flatness only); ψ = −slope. */
        public PowerLawFit fit(Predicate<Mode> use) {
            List<Mode> chosen = modes.stream().filter(m -> Double.isFinite(m.flatness()) && use.test(m)).toList();
            double[] f = chosen.stream().mapToDouble(Mode::flatness).toArray();
            double[] v = chosen.stream().mapToDouble(Mode::variance).toArray();
            return PowerLawFit.fit(f, v);
        }

        public PowerLawFit fit() {
            return fit(m -> true);
        }

        /** L(w₀ + θ p_i) at each θ, for plots of the profiles. */
        public double[] lossAlong(Mode mode, double[] thetas, ToDoubleFunction<double[]> loss) {
            double[] out = new double[thetas.length];
            for (int i = 0; i < thetas.length; i++) out[i] = loss.applyAsDouble(shifted(mean, mode.direction(), thetas[i]));
            return out;
        }
    }

    /** ψ with its 95 % confidence interval: the negative of the fitted slope. */
    public static double psi(PowerLawFit fit) {
        return -fit.slope();
    }

    /**
     * Runs the measurement.
     * @param mean       w₀, the mean of the recorded weights
     * @param covariance their covariance (P x P row-major)
     * @param loss       the full training loss as a function of the weight vector
     */
    public static Profile measure(double[] mean, double[] covariance, ToDoubleFunction<double[]> loss) {
        int p = mean.length;
        Linalg.SymmetricEigen pca = Linalg.eigenSymmetric(covariance, p);
        double[][] directions = new double[p][];
        for (int i = 0; i < p; i++) directions[i] = pca.vector(i);
        return profile(mean, pca.values(), directions, ROOT_TOLERANCE, loss);
    }

    /**
     * The measurement from the recorded weights themselves, for layers too large for a P x P covariance: PCA
     * through the T x T Gram matrix G = X Xᵀ of the T centred snapshots (rows of X), whose eigenpairs (λ_i, u_i)
     * give the directions p_i = Xᵀu_i / ‖Xᵀu_i‖ and variances λ_i / (T − 1), the same as those of the sample
     * covariance. Only the top {@code modes} directions are profiled. Snapshots are float because network weights
     * are; the mean and the centring are double, so fluctuations far below the weights keep their precision.
     * @param snapshots     T weight vectors of P entries each
     * @param modes         how many leading directions to profile (at most T − 1, the rank of the centred snapshots)
     * @param rootTolerance relative width at which the bisection for e·L₀ stops; use
     *                      {@link #FLOAT_ROOT_TOLERANCE} for a loss computed in float32
     * @param loss          the training loss as a function of the weight vector
     */
    public static Profile measureSnapshots(float[][] snapshots, int modes, double rootTolerance, ToDoubleFunction<double[]> loss) {
        int t = snapshots.length;
        if (t < 2) throw new IllegalArgumentException("need at least 2 snapshots, got " + t);
        if (modes < 1 || modes > t - 1) throw new IllegalArgumentException("modes must be in 1.." + (t - 1) + " for " + t + " snapshots, got " + modes);
        int p = snapshots[0].length;
        double[] mean = new double[p];
        for (float[] s : snapshots) {
            if (s.length != p) throw new IllegalArgumentException("snapshots differ in length");
            for (int k = 0; k < p; k++) mean[k] += s[k];
        }
        for (int k = 0; k < p; k++) mean[k] /= t;
        // Centre pairwise rather than expanding G = S Sᵀ − ...: the weights are far larger than their fluctuations.
        double[] gram = new double[t * t];
        double[] ci = new double[p];
        for (int i = 0; i < t; i++) {
            centre(snapshots[i], mean, ci);
            for (int j = i; j < t; j++) {
                float[] sj = snapshots[j];
                double dot = 0;
                for (int k = 0; k < p; k++) dot += ci[k] * (sj[k] - mean[k]);
                gram[i * t + j] = dot;
                gram[j * t + i] = dot;
            }
        }
        Linalg.SymmetricEigen eig = Linalg.eigenSymmetric(gram, t);
        double[] variances = new double[modes];
        double[][] directions = new double[modes][];
        for (int m = 0; m < modes; m++) {
            variances[m] = eig.values()[m] / (t - 1);
            double[] u = eig.vector(m);
            double[] dir = new double[p];
            for (int i = 0; i < t; i++) {
                centre(snapshots[i], mean, ci);
                double ui = u[i];
                for (int k = 0; k < p; k++) dir[k] += ui * ci[k];
            }
            double norm = 0;
            for (double d : dir) norm += d * d;
            norm = Math.sqrt(norm);
            for (int k = 0; k < p; k++) dir[k] /= norm;
            directions[m] = dir;
        }
        return profile(mean, variances, directions, rootTolerance, loss);
    }

    private static void centre(float[] snapshot, double[] mean, double[] out) {
        for (int k = 0; k < out.length; k++) out[k] = snapshot[k] - mean[k];
    }

    /** Profiles the directions (variances descending) until the first numerically null one. */
    private static Profile profile(double[] mean, double[] variances, double[][] directions, double rootTolerance,
                                   ToDoubleFunction<double[]> loss) {
        double l0 = loss.applyAsDouble(mean);
        if (!(l0 > 0)) throw new IllegalArgumentException("Feng-Tu flatness needs a positive base loss, got " + l0);
        double target = Math.E * l0;
        double largest = variances[0];
        List<Mode> modes = new ArrayList<>();
        for (int i = 0; i < variances.length; i++) {
            double var = variances[i];
            if (!(var > NULL_VARIANCE_FRACTION * largest)) break;
            double[] dir = directions[i];
            double scale = Math.sqrt(var);
            double right = crossing(mean, dir, +1, scale, target, rootTolerance, loss);
            double left = crossing(mean, dir, -1, scale, target, rootTolerance, loss);
            double width = right - left;
            double k = Double.isFinite(width) ? 8 * (Math.E - 1) * l0 / (width * width) : 0;
            modes.add(new Mode(i, var, width, left, right, k, dir));
        }
        return new Profile(mean.clone(), l0, modes);
    }

    /** The θ of sign {@code sign} where L(w₀ + θ p) first reaches {@code target}, or ±∞ if it never does. */
    private static double crossing(double[] w0, double[] dir, int sign, double scale, double target, double tolerance,
                                   ToDoubleFunction<double[]> loss) {
        double inner = 0;
        double outer = sign * scale;
        int doublings = 0;
        while (loss.applyAsDouble(shifted(w0, dir, outer)) < target) {
            inner = outer;
            outer *= 2;
            if (++doublings > 1000 || !Double.isFinite(outer)) return sign * Double.POSITIVE_INFINITY;
        }
        while (Math.abs(outer - inner) > tolerance * Math.abs(outer)) {
            double mid = 0.5 * (inner + outer);
            if (loss.applyAsDouble(shifted(w0, dir, mid)) < target) inner = mid; else outer = mid;
        }
        return 0.5 * (inner + outer);
    }

    static double[] shifted(double[] w0, double[] dir, double theta) {
        double[] w = w0.clone();
        for (int i = 0; i < w.length; i++) w[i] += theta * dir[i];
        return w;
    }

    /** The analytic width of a quadratic profile L₀ + ½ k θ²: F = 2 √(2(e−1) L₀ / k). */
    public static double quadraticWidth(double baseLoss, double curvature) {
        return 2 * Math.sqrt(2 * (Math.E - 1) * baseLoss / curvature);
    }
}
