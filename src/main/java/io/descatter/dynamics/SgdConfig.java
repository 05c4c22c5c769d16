package io.descatter.dynamics;

/**
 * One SGD experiment on a linear teacher-student problem.
 *
 * @param layers   1 (f = W x) or 2 (f = W₂ W₁ x)
 * @param samples  training-set size N, or 0 for online learning (fresh samples every step)
 * @param engine   "fast" or "dl4j"
 */
public record SgdConfig(int layers, int dim, int hidden, int outputs, int samples, int batch, double eta,
                        double noise, long steps, long burnIn, long seed, String engine, BatchSampling sampling) {

    public SgdConfig {
        if (layers != 1 && layers != 2) throw new IllegalArgumentException("--layers must be 1 or 2");
        if (dim < 1 || outputs < 1 || batch < 1) throw new IllegalArgumentException("dimensions must be positive");
        if (layers == 2 && hidden < 1) throw new IllegalArgumentException("two layers need --hidden");
        if (samples != 0 && samples <= dim) {
            // N = d fits the data exactly: no residuals, so no gradient noise to measure
            throw new IllegalArgumentException("need --samples N > d (a unique minimum with residuals), got N = " + samples + ", d = " + dim);
        }
        if (!(noise > 0)) throw new IllegalArgumentException("--noise must be positive: without label noise there is no stationary state");
        if (layers == 2 && samples != 0 && outputs > hidden) {
            throw new IllegalArgumentException("two layers on N samples start on a minimum, which needs o ≤ h; got o = " + outputs + ", h = " + hidden);
        }
        // checked before the run: the exact prediction comes after it (one layer: the d·o weights; two layers with one
        // output: the reduction to the d input features)
        long exactDimension = layers == 1 ? (long) dim * outputs : outputs == 1 ? dim : 0;
        if (exactDimension > StationaryCovariance.MAX_DIMENSION) {
            throw new IllegalArgumentException("the exact stationary covariance is solved for at most " + StationaryCovariance.MAX_DIMENSION
                    + " unknowns per side (" + (layers == 1 ? "d·o" : "d") + "); got " + exactDimension);
        }
        if (samples != 0 && sampling != BatchSampling.WITH_REPLACEMENT && batch >= samples) {
            // N = B is full-batch gradient descent: no gradient noise (κ = 0), nothing to measure
            throw new IllegalArgumentException("--sampling " + sampling + " draws B = " + batch + " distinct samples a step: "
                    + "needs --samples N > B, got N = " + samples);
        }
        if (!(eta > 0)) throw new IllegalArgumentException("--lr must be positive");
        if (steps < 100) throw new IllegalArgumentException("--steps must be at least 100");
        // (the parameters, not chain(): a compact constructor runs before the fields are set)
        int parameters = (layers == 1 ? new LinearChain(dim, outputs) : new LinearChain(dim, hidden, outputs)).parameterCount();
        int stride = SgdExperiment.recordStride(parameters);
        if (steps / stride < 2L * SgdExperiment.BATCHES) {
            throw new IllegalArgumentException("--steps must be at least " + 2 * SgdExperiment.BATCHES * stride + " for " + parameters
                    + " weights (recorded every " + stride + " steps, " + SgdExperiment.BATCHES + " batches of at least 2)");
        }
        if (!engine.equals("fast") && !engine.equals("dl4j")) throw new IllegalArgumentException("--engine fast|dl4j");
    }

    public boolean online() { return samples == 0; }

    public LinearChain chain() {
        return layers == 1 ? new LinearChain(dim, outputs) : new LinearChain(dim, hidden, outputs);
    }

    /** κ of the per-step noise: 1/B online, else that of the sampling scheme. */
    public double kappa() {
        return online() ? BatchSampling.onlineKappa(batch) : sampling.kappa(samples, batch);
    }
}
