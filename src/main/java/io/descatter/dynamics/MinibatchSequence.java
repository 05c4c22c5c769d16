package io.descatter.dynamics;

import java.util.SplittableRandom;

/**
 * The seeded sequence of minibatch index sets. Two sequences with equal arguments yield identical indices, which is
 * how the two SGD engines are shown to follow the same trajectory. Drawing allocates nothing.
 */
public final class MinibatchSequence {
    private final int n;
    private final int batch;
    private final BatchSampling sampling;
    private final SplittableRandom rng;
    private final int[] permutation;
    private int cursor;

    public MinibatchSequence(int n, int batch, BatchSampling sampling, long seed) {
        if (batch < 1 || n < 1) throw new IllegalArgumentException("need N >= 1 and B >= 1");
        if (sampling != BatchSampling.WITH_REPLACEMENT && batch > n)
            throw new IllegalArgumentException("B = " + batch + " distinct indices need N >= B, N = " + n);
        this.n = n;
        this.batch = batch;
        this.sampling = sampling;
        this.rng = new SplittableRandom(seed);
        this.permutation = new int[n];
        for (int i = 0; i < n; i++) permutation[i] = i;
        this.cursor = n; // epoch mode reshuffles before the first batch
    }

    public int batchSize() { return batch; }

    public int sampleCount() { return n; }

    public BatchSampling sampling() { return sampling; }

    /** Writes the next B indices into {@code out[0..B)}. */
    public void next(int[] out) {
        switch (sampling) {
            case WITH_REPLACEMENT -> {
                for (int b = 0; b < batch; b++) out[b] = rng.nextInt(n);
            }
            case DISTINCT -> {
                // Partial Fisher-Yates: the first B entries become a uniform B-subset; the array stays a permutation.
                for (int b = 0; b < batch; b++) {
                    int j = b + rng.nextInt(n - b);
                    int t = permutation[b];
                    permutation[b] = permutation[j];
                    permutation[j] = t;
                    out[b] = permutation[b];
                }
            }
            case EPOCH_SHUFFLE -> {
                for (int b = 0; b < batch; b++) {
                    if (cursor == n) {
                        shuffle();
                        cursor = 0;
                    }
                    out[b] = permutation[cursor++];
                }
            }
        }
    }

    private void shuffle() {
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
    }
}
