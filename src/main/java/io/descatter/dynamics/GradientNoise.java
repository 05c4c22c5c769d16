package io.descatter.dynamics;

/**
 * The covariance C of the minibatch gradient ĝ at a fixed parameter point: measured by sampling minibatches, and
 * predicted exactly for a finite training set, C = κ (S − ∇L ∇Lᵀ) with S = (1/N) Σ g_n g_nᵀ the second moment
 * of per-sample gradients, or in the online Gaussian limit (single layer, one output) C = (1/B)[2L H + H δδᵀ H].
 */
public final class GradientNoise {
    private GradientNoise() {
    }

    /** Measures C at {@code theta} from {@code draws} minibatches of {@code source}, with batch-means errors. */
    public static MatrixEstimate measure(LinearChain chain, double[] theta, MinibatchSource source, long draws,
                                         double[] meanGradient, int batches) {
        FastLinearSgd kernel = new FastLinearSgd(chain, 0, theta);
        int b = source.batchSize();
        double[] xb = new double[b * source.inputs()];
        double[] yb = new double[b * source.outputs()];
        double[] g = new double[chain.parameterCount()];
        BatchedMoments moments = new BatchedMoments(meanGradient, batches, draws, false);
        for (long t = 0; t < draws; t++) {
            source.next(xb, yb);
            kernel.gradient(theta, xb, yb, b, g);
            moments.add(g);
        }
        return moments.covariance();
    }

    /** The full-batch gradient ∇L of a training set at {@code theta}. */
    public static double[] fullGradient(LinearChain chain, double[] theta, Dataset data) {
        double[] g = new double[chain.parameterCount()];
        new FastLinearSgd(chain, 0, theta).gradient(theta, data.x(), data.y(), data.size(), g);
        return g;
    }

    /** Exact C = κ (S − ∇L ∇Lᵀ) on a finite training set (P x P row-major). */
    public static double[] predicted(LinearChain chain, double[] theta, Dataset data, double kappa) {
        int p = chain.parameterCount();
        FastLinearSgd kernel = new FastLinearSgd(chain, 0, theta);
        double[] gn = new double[p];
        double[] mean = new double[p];
        double[] s = new double[p * p];
        double[] xb = new double[data.inputs()];
        double[] yb = new double[data.outputs()];
        int[] one = new int[1];
        for (int n = 0; n < data.size(); n++) {
            one[0] = n;
            data.gather(one, 1, xb, yb);
            kernel.gradient(theta, xb, yb, 1, gn);
            for (int i = 0; i < p; i++) {
                mean[i] += gn[i] / data.size();
                for (int j = 0; j < p; j++) s[i * p + j] += gn[i] * gn[j] / data.size();
            }
        }
        double[] c = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) c[i * p + j] = kappa * (s[i * p + j] - mean[i] * mean[j]);
        return c;
    }

    /**
     * Online single-layer, one-output formula C(w) = (1/B)[2L(w) H + H δδᵀ H], δ = w − w*,
     * with 2L(w) = σ² + δᵀ H δ the population loss (H = Σ_x).
     */
    public static double[] predictedOnline(double[] w, TeacherStudent teacher, int batch) {
        if (teacher.outputs() != 1) throw new IllegalArgumentException("the online formula is for one output");
        int d = teacher.inputs();
        double[] h = teacher.inputCovariance();
        double[] delta = Linalg.add(w, -1, teacher.teacher());
        double[] hd = Linalg.multiply(h, delta, d, d, 1);
        double twoL = teacher.noise() * teacher.noise();
        for (int i = 0; i < d; i++) twoL += delta[i] * hd[i];
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) c[i * d + j] = (twoL * h[i * d + j] + hd[i] * hd[j]) / batch;
        return c;
    }
}
