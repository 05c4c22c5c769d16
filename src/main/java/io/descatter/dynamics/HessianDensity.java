package io.descatter.dynamics;

import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The Hessian eigenvalue density of a two-layer, one-output linear student sitting on its teacher, pooled over random
 * teachers (Couto et al.; SGD-THEORY.md): with population inputs (H_x = I, N → ∞) the non-zero spectrum is
 * ‖w₂‖² + eig(W₁ᵀW₁). For W₁ (h x d) with N(0, 1/d) entries and w₂ with N(0, 1/h) entries (the teachers of
 * {@link SgdExperiment}), ‖w₂‖² ~ χ²_h / h and eig(W₁ᵀW₁) follows a scaled Marchenko–Pastur law, so the pooled density
 * is their convolution, χ² ⊛ MP. Each teacher's spectrum comes from {@link TeacherStudentHessian#nonzeroSpectrum}.
 *
 * @param edges     bin edges (bins + 1 values)
 * @param measured  per bin: the mean over teachers of each teacher's histogram density, with its 95 % interval
 *                  (teachers are independent; the eigenvalues of one teacher are not)
 * @param predicted per bin: the χ² ⊛ MP density averaged over the bin
 */
public record HessianDensity(int dim, int hidden, int teachers, double[] edges, Interval[] measured, double[] predicted) {
    /** Quadrature points per bin for the bin average of the prediction. */
    private static final int POINTS_PER_BIN = 16;
    /** Quadrature points of the convolution over ‖w₂‖². */
    private static final int CONVOLUTION_POINTS = 2000;

    public static HessianDensity measure(int dim, int hidden, int teachers, int bins, long seed, LongConsumer progress) {
        if (dim < 2 || hidden < 1 || teachers < 2 || bins < 2) throw new IllegalArgumentException("need d ≥ 2, h ≥ 1, ≥ 2 teachers, ≥ 2 bins");
        double[] support = support(dim, hidden);
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) edges[i] = support[0] + (support[1] - support[0]) * i / bins;
        double width = edges[1] - edges[0];
        LinearChain chain = new LinearChain(dim, hidden, 1);
        double[] identity = Linalg.identity(dim);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] perTeacher = new double[bins][teachers];
        for (int t = 0; t < teachers; t++) {
            double[] w1 = RandomMatrices.gaussian(hidden, dim, 1 / Math.sqrt(dim), rng);
            double[] w2 = RandomMatrices.gaussian(1, hidden, 1 / Math.sqrt(hidden), rng);
            for (double l : TeacherStudentHessian.nonzeroSpectrum(chain, chain.parameters(w1, w2), identity)) {
                int b = (int) Math.floor((l - edges[0]) / width);
                if (b >= 0 && b < bins) perTeacher[b][t] += 1.0 / (dim * width);
            }
            if (progress != null) progress.accept(t + 1);
        }
        Interval[] measured = new Interval[bins];
        double[] predicted = new double[bins];
        for (int b = 0; b < bins; b++) {
            measured[b] = Interval.ofBatches(perTeacher[b]);
            if (measured[b].high() == 0) {
                // no eigenvalue in the bin from any teacher: the 95 % upper bound of a zero count is about 3 ("rule of three")
                measured[b] = new Interval(0, 0, 3.0 / ((double) teachers * dim * width));
            }
            double s = 0;
            for (int k = 0; k < POINTS_PER_BIN; k++) s += density(edges[b] + width * (k + 0.5) / POINTS_PER_BIN, dim, hidden);
            predicted[b] = s / POINTS_PER_BIN;
        }
        return new HessianDensity(dim, hidden, teachers, edges, measured, predicted);
    }

    /** The range that holds all but a negligible part of the predicted density (‖w₂‖² within 6 standard deviations). */
    static double[] support(int dim, int hidden) {
        double sd = Math.sqrt(2.0 / hidden);
        double[] a = {Math.max(0, 1 - 6 * sd), 1 + 6 * sd};
        double q = mpRatio(dim, hidden);
        double s = mpScale(dim, hidden);
        double lo = nonzeroFraction(dim, hidden) < 1 ? a[0] : a[0] + s * MarchenkoPastur.lowerEdge(q);
        return new double[] {Math.max(0, lo), a[1] + s * MarchenkoPastur.upperEdge(q)};
    }

    /** The predicted pooled density of the non-zero Hessian eigenvalues at λ: ∫ f(a) ρ(λ − a) da. */
    public static double density(double lambda, int dim, int hidden) {
        double q = mpRatio(dim, hidden);
        double s = mpScale(dim, hidden);
        double nonzero = nonzeroFraction(dim, hidden);
        double[] range = chiSquareRange(hidden);
        double da = (range[1] - range[0]) / CONVOLUTION_POINTS;
        double sum = 0;
        for (int i = 0; i < CONVOLUTION_POINTS; i++) {
            double a = range[0] + (i + 0.5) * da;
            sum += chiSquareScaled(a, hidden) * MarchenkoPastur.density((lambda - a) / s, q) / s * da;
        }
        // h < d: W₁ᵀW₁ has d − h zero eigenvalues, which leave ‖w₂‖² itself in the spectrum
        return nonzero * sum + (1 - nonzero) * chiSquareScaled(lambda, hidden);
    }

    /** Density of ‖w₂‖² = χ²_h / h. */
    static double chiSquareScaled(double a, int h) {
        if (a <= 0) return 0;
        double x = h * a;
        double k = h / 2.0;
        return h * Math.exp((k - 1) * Math.log(x) - x / 2 - k * Math.log(2) - StudentT.logGamma(k));
    }

    /** Mean 1 ± 12 standard deviations √(2/h) of χ²_h / h, cut at 0. */
    private static double[] chiSquareRange(int h) {
        double sd = Math.sqrt(2.0 / h);
        return new double[] {Math.max(1e-12, 1 - 12 * sd), 1 + 12 * sd};
    }

    /** The non-zero eigenvalues of W₁ᵀW₁ are s·MP(q): q = min(h, d)/max(h, d). */
    static double mpRatio(int d, int h) {
        return (double) Math.min(h, d) / Math.max(h, d);
    }

    /** s = max(h, d)/d: the scale of W₁ᵀW₁'s non-zero eigenvalues (entries of variance 1/d). */
    static double mpScale(int d, int h) {
        return (double) Math.max(h, d) / d;
    }

    /** The fraction min(h, d)/d of the d eigenvalues of W₁ᵀW₁ that are not zero. */
    static double nonzeroFraction(int d, int h) {
        return (double) Math.min(h, d) / d;
    }
}
