package io.descatter.dynamics;

import java.util.List;

/**
 * The delete-one-batch jackknife: the error bar of a non-linear function of batch averages (e.g. ψ fitted to the
 * PCA of a covariance), where the scatter of the function over single batches would be biased by each batch's noise.
 */
public final class Jackknife {
    private Jackknife() {
    }

    /** The average of all batches but batch {@code k} (entrywise). */
    public static double[] leaveOneOut(List<double[]> batches, int k) {
        int n = batches.get(0).length;
        double[] out = new double[n];
        for (int b = 0; b < batches.size(); b++) {
            if (b == k) continue;
            double[] v = batches.get(b);
            for (int i = 0; i < n; i++) out[i] += v[i];
        }
        for (int i = 0; i < n; i++) out[i] /= batches.size() - 1;
        return out;
    }

    /** The jackknife standard error √((K−1)/K Σ (θ_(k) − θ̄)²) of K leave-one-out replicates θ_(k). */
    public static double standardError(double[] replicates) {
        int k = replicates.length;
        double mean = 0;
        for (double r : replicates) mean += r / k;
        double ss = 0;
        for (double r : replicates) ss += (r - mean) * (r - mean);
        return Math.sqrt((k - 1.0) / k * ss);
    }
}
