package io.descatter.dynamics;

/** Supplies the minibatch of each SGD step: B input rows and B target rows, row-major, into reused buffers. */
public interface MinibatchSource {
    int batchSize();

    int inputs();

    int outputs();

    /** Fills xb (B x d) and yb (B x o) with the next minibatch. */
    void next(double[] xb, double[] yb);

    /** Minibatches of a finite dataset, indexed by a {@link MinibatchSequence}. */
    static MinibatchSource of(Dataset data, MinibatchSequence sequence) {
        if (sequence.sampleCount() != data.size()) throw new IllegalArgumentException("sequence is for another N");
        int[] indices = new int[sequence.batchSize()];
        return new MinibatchSource() {
            @Override public int batchSize() { return sequence.batchSize(); }
            @Override public int inputs() { return data.inputs(); }
            @Override public int outputs() { return data.outputs(); }
            @Override public void next(double[] xb, double[] yb) {
                sequence.next(indices);
                data.gather(indices, indices.length, xb, yb);
            }
        };
    }

    /** Online learning (N = ∞): every sample is fresh from the teacher. */
    static MinibatchSource online(TeacherStudent teacher, int batch, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] scratch = new double[teacher.inputs()];
        return new MinibatchSource() {
            @Override public int batchSize() { return batch; }
            @Override public int inputs() { return teacher.inputs(); }
            @Override public int outputs() { return teacher.outputs(); }
            @Override public void next(double[] xb, double[] yb) {
                for (int b = 0; b < batch; b++)
                    teacher.sample(rng, xb, b * teacher.inputs(), yb, b * teacher.outputs(), scratch);
            }
        };
    }
}
