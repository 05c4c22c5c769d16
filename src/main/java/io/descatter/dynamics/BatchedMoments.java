package io.descatter.dynamics;

import java.util.ArrayList;
import java.util.List;

/**
 * First and second moments of a stream of vectors (SGD snapshots), kept per consecutive batch so that error bars
 * come from batch means: SGD samples are autocorrelated, and batches much longer than the correlation time are
 * nearly independent. Vectors are stored relative to a reference point so that tiny fluctuations around large
 * weights keep their precision. Optionally also the lag-1 cross moment E[δ_t δ_{t+1}ᵀ] of consecutive samples.
 */
public final class BatchedMoments {
    private final int dim;
    private final double[] reference;
    private final int batches;
    private final long perBatch;
    private final boolean lag1;
    private final double[][] sum;
    private final double[][] outer;
    private final double[][] cross;
    private final double[] delta;
    private final double[] previous;
    private long count;
    private boolean hasPrevious;

    /**
     * @param reference  point subtracted from every sample (e.g. the initial or optimal weights)
     * @param batches    number of batches K (the error bars have K − 1 degrees of freedom)
     * @param samples    total number of samples that will be added; each batch takes samples / K of them
     * @param lag1       whether to accumulate the lag-1 cross moment (needs samples added at every step)
     */
    public BatchedMoments(double[] reference, int batches, long samples, boolean lag1) {
        if (batches < 2) throw new IllegalArgumentException("need at least 2 batches for an error bar");
        if (samples < 2L * batches) throw new IllegalArgumentException("fewer samples than 2 per batch");
        this.dim = reference.length;
        this.reference = reference.clone();
        this.batches = batches;
        this.perBatch = samples / batches;
        this.lag1 = lag1;
        this.sum = new double[batches][dim];
        this.outer = new double[batches][dim * dim];
        this.cross = lag1 ? new double[batches][dim * dim] : null;
        this.delta = new double[dim];
        this.previous = new double[dim];
    }

    public int dimension() { return dim; }

    public int batchCount() { return batches; }

    public double[] reference() { return reference.clone(); }

    /** Whether lag-1 cross moments are recorded. */
    public boolean recordsLag1() { return lag1; }

    /** Whether all batches are full; later samples are ignored. */
    public boolean isFull() { return count >= perBatch * batches; }

    /** Adds one sample (nothing is allocated; the upper triangle is accumulated and mirrored at the end). */
    public void add(double[] x) {
        if (isFull()) return;
        int k = (int) (count / perBatch);
        double[] d = delta;
        for (int i = 0; i < dim; i++) d[i] = x[i] - reference[i];
        double[] s = sum[k];
        double[] o = outer[k];
        for (int i = 0; i < dim; i++) {
            double di = d[i];
            s[i] += di;
            int row = i * dim;
            for (int j = i; j < dim; j++) o[row + j] += di * d[j];
        }
        if (lag1) {
            // The pair (t, t+1) belongs to the batch of t+1; the first sample of the run has no predecessor.
            if (hasPrevious) {
                double[] c = cross[k];
                for (int i = 0; i < dim; i++) {
                    double pi = previous[i];
                    int row = i * dim;
                    for (int j = 0; j < dim; j++) c[row + j] += pi * d[j];
                }
            }
            System.arraycopy(d, 0, previous, 0, dim);
            hasPrevious = true;
        }
        count++;
    }

    private void requireFull() {
        if (!isFull()) throw new IllegalStateException("only " + count + " of " + perBatch * batches + " samples added");
    }

    /** Overall mean of the samples (absolute, reference added back). */
    public double[] mean() {
        double[] m = meanDelta();
        for (int i = 0; i < dim; i++) m[i] += reference[i];
        return m;
    }

    /** The mean of each batch (absolute, reference added back), e.g. for jackknife replicates of the mean. */
    public List<double[]> batchMeans() {
        requireFull();
        List<double[]> out = new ArrayList<>(batches);
        for (double[] s : sum) {
            double[] m = new double[dim];
            for (int i = 0; i < dim; i++) m[i] = reference[i] + s[i] / perBatch;
            out.add(m);
        }
        return out;
    }

    private double[] meanDelta() {
        requireFull();
        double[] m = new double[dim];
        for (double[] s : sum) for (int i = 0; i < dim; i++) m[i] += s[i];
        for (int i = 0; i < dim; i++) m[i] /= (double) perBatch * batches;
        return m;
    }

    /**
     * Per-batch covariances (dim x dim row-major), each centred on the OVERALL mean so that their average is
     * exactly the overall covariance; their scatter gives the error bar of any function of the covariance.
     */
    public List<double[]> batchCovariances() {
        double[] mu = meanDelta();
        List<double[]> out = new ArrayList<>(batches);
        for (int k = 0; k < batches; k++) {
            double[] c = new double[dim * dim];
            double[] s = sum[k];
            for (int i = 0; i < dim; i++)
                for (int j = i; j < dim; j++) {
                    double v = outer[k][i * dim + j] / perBatch
                            - (mu[i] * s[j] + s[i] * mu[j]) / perBatch + mu[i] * mu[j];
                    c[i * dim + j] = v;
                    c[j * dim + i] = v;
                }
            out.add(c);
        }
        return out;
    }

    /**
     * Per-batch second moments about the REFERENCE point, E[(x − ref)(x − ref)ᵀ] (dim x dim row-major), e.g. to
     * measure the excess loss ½ tr(H E[δδᵀ]) around a known minimum.
     */
    public List<double[]> batchSecondMomentsAboutReference() {
        requireFull();
        List<double[]> out = new ArrayList<>(batches);
        for (int k = 0; k < batches; k++) {
            double[] c = new double[dim * dim];
            for (int i = 0; i < dim; i++)
                for (int j = i; j < dim; j++) {
                    double v = outer[k][i * dim + j] / perBatch;
                    c[i * dim + j] = v;
                    c[j * dim + i] = v;
                }
            out.add(c);
        }
        return out;
    }

    /** Per-batch lag-1 cross covariances E[(δ_t − μ)(δ_{t+1} − μ)ᵀ] (dim x dim row-major). */
    public List<double[]> batchLag1Covariances() {
        if (!lag1) throw new IllegalStateException("lag-1 moments were not recorded");
        double[] mu = meanDelta();
        List<double[]> out = new ArrayList<>(batches);
        for (int k = 0; k < batches; k++) {
            // Batch 0 has one pair fewer (no predecessor of the very first sample).
            long pairs = k == 0 ? perBatch - 1 : perBatch;
            double[] s = sum[k];
            double[] c = new double[dim * dim];
            for (int i = 0; i < dim; i++)
                for (int j = 0; j < dim; j++)
                    c[i * dim + j] = cross[k][i * dim + j] / pairs
                            - (mu[i] * s[j] + s[i] * mu[j]) / perBatch + mu[i] * mu[j];
            out.add(c);
        }
        return out;
    }

    /** The overall covariance with entrywise batch-means standard errors. */
    public MatrixEstimate covariance() {
        return MatrixEstimate.of(batchCovariances(), dim);
    }
}
