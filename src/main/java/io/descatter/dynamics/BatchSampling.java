package io.descatter.dynamics;

/** How a minibatch of B indices is drawn from N samples each step. */
public enum BatchSampling {
    /** B indices drawn independently and uniformly, with replacement: the process the theory describes. */
    WITH_REPLACEMENT,
    /** B distinct indices, a fresh uniform draw every step (independent between steps). */
    DISTINCT,
    /**
     * Epoch shuffling: a random permutation consumed B at a time. Successive batches are dependent, so this is a
     * different process (it shrinks the stationary covariance several times); offered only as a labelled option.
     */
    EPOCH_SHUFFLE;

    /**
     * The factor κ in the per-step noise covariance C = κ (S − ∇L ∇Lᵀ): 1/B with replacement, the finite-population
     * value (N−B)/(B(N−1)) for distinct indices. Epoch shuffling has no such factor (steps are not independent).
     */
    public double kappa(int n, int batch) {
        return switch (this) {
            case WITH_REPLACEMENT -> 1.0 / batch;
            case DISTINCT -> (double) (n - batch) / ((double) batch * (n - 1));
            case EPOCH_SHUFFLE -> throw new UnsupportedOperationException(
                    "epoch shuffling has no per-step noise factor: its steps are not independent");
        };
    }

    /** The online (N = ∞) limit of κ, where both independent schemes agree. */
    public static double onlineKappa(int batch) {
        return 1.0 / batch;
    }
}
