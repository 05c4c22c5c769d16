package io.descatter.dynamics;

import java.util.SplittableRandom;

/**
 * A linear teacher y = W* x + ε with Gaussian inputs x ~ N(0, Σ_x) and noise ε ~ N(0, σ² I_o).
 *
 * @param teacher          W*, outputs x inputs, row-major
 * @param inputs           input dimension d
 * @param outputs          output dimension o
 * @param inputFactor      L with Σ_x = L Lᵀ (d x d row-major), or null for Σ_x = I
 * @param noise            σ
 */
public record TeacherStudent(double[] teacher, int inputs, int outputs, double[] inputFactor, double noise) {

    public TeacherStudent {
        if (teacher.length != inputs * outputs) throw new IllegalArgumentException("teacher must be o x d");
        if (inputFactor != null && inputFactor.length != inputs * inputs)
            throw new IllegalArgumentException("input factor must be d x d");
        if (noise < 0) throw new IllegalArgumentException("noise must be >= 0");
        teacher = teacher.clone();
        inputFactor = inputFactor == null ? null : inputFactor.clone();
    }

    /** Isotropic inputs (Σ_x = I) and the given teacher. */
    public static TeacherStudent isotropic(double[] teacher, int inputs, int outputs, double noise) {
        return new TeacherStudent(teacher, inputs, outputs, null, noise);
    }

    /** Isotropic inputs and a teacher with i.i.d. N(0, 1/d) entries drawn from {@code seed}. */
    public static TeacherStudent randomIsotropic(int inputs, int outputs, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[inputs * outputs];
        for (int i = 0; i < w.length; i++) w[i] = rng.nextGaussian() / Math.sqrt(inputs);
        return isotropic(w, inputs, outputs, noise);
    }

    /** Σ_x as a d x d row-major matrix. */
    public double[] inputCovariance() {
        int d = inputs;
        double[] c = new double[d * d];
        if (inputFactor == null) {
            for (int i = 0; i < d; i++) c[i * d + i] = 1;
            return c;
        }
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += inputFactor[i * d + k] * inputFactor[j * d + k];
                c[i * d + j] = s;
            }
        return c;
    }

    /** Draws one sample into x[xo..xo+d) and y[yo..yo+o); {@code scratch} holds d doubles (no allocation). */
    public void sample(SplittableRandom rng, double[] x, int xo, double[] y, int yo, double[] scratch) {
        int d = inputs;
        if (inputFactor == null) {
            for (int i = 0; i < d; i++) x[xo + i] = rng.nextGaussian();
        } else {
            for (int i = 0; i < d; i++) scratch[i] = rng.nextGaussian();
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += inputFactor[i * d + k] * scratch[k];
                x[xo + i] = s;
            }
        }
        for (int j = 0; j < outputs; j++) {
            double s = 0;
            for (int i = 0; i < d; i++) s += teacher[j * d + i] * x[xo + i];
            y[yo + j] = s + noise * rng.nextGaussian();
        }
    }

    /** A finite training set of {@code n} samples drawn from {@code seed}. */
    public Dataset dataset(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * inputs];
        double[] y = new double[n * outputs];
        double[] scratch = new double[inputs];
        for (int s = 0; s < n; s++) sample(rng, x, s * inputs, y, s * outputs, scratch);
        return new Dataset(x, y, n, inputs, outputs);
    }
}
