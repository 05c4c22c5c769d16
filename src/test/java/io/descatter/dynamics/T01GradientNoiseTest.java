package io.descatter.dynamics;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** T1: the measured covariance of the minibatch gradient at a fixed point against the exact formula. */
class T01GradientNoiseTest {
    static final int D = 10;
    static final int B = 5;
    static final int N = 40;
    static final long DRAWS = 200_000;
    static final int BATCHES = 50;
    /** SGD-THEORY.md's T1 tolerance. */
    static final double FLOOR = 0.03;

    private static double[] offPoint(double[] w, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = w.clone();
        for (int i = 0; i < p.length; i++) p[i] += 0.3 * rng.nextGaussian();
        return p;
    }

    @Test
    void finiteTrainingSetBothSamplingSchemes() {
        TeacherStudent teacher = TeacherStudent.randomIsotropic(D, 1, 1.0, 1);
        Dataset data = teacher.dataset(N, 2);
        LinearChain chain = new LinearChain(D, 1);
        // Away from the minimum, so that the ∇L∇Lᵀ term of the formula matters.
        double[] theta = offPoint(LeastSquares.fit(data).weights(), 3);
        double[] grad = GradientNoise.fullGradient(chain, theta, data);

        for (BatchSampling sampling : new BatchSampling[] {BatchSampling.WITH_REPLACEMENT, BatchSampling.DISTINCT}) {
            MinibatchSource source = MinibatchSource.of(data, new MinibatchSequence(N, B, sampling, 4));
            MatrixEstimate measured = GradientNoise.measure(chain, theta, source, DRAWS, grad, BATCHES);
            double[] predicted = GradientNoise.predicted(chain, theta, data, sampling.kappa(N, B));
            Oracles.passes("T1 " + sampling, measured.compare("C at a fixed point", predicted, FLOOR));
            // Power: the other scheme's κ differs by (N−B)/(N−1) ≈ 0.9 and must be rejected.
            BatchSampling other = sampling == BatchSampling.DISTINCT ? BatchSampling.WITH_REPLACEMENT
                    : BatchSampling.DISTINCT;
            Oracles.rejects("T1 " + sampling, measured.compare("C with the other κ",
                    GradientNoise.predicted(chain, theta, data, other.kappa(N, B)), 0));
        }
    }

    @Test
    void onlineGaussianLimit() {
        TeacherStudent teacher = TeacherStudent.randomIsotropic(D, 1, 1.0, 5);
        LinearChain chain = new LinearChain(D, 1);
        double[] w = offPoint(teacher.teacher(), 6);
        double[] delta = Linalg.add(w, -1, teacher.teacher());
        MatrixEstimate measured = GradientNoise.measure(chain, w, MinibatchSource.online(teacher, B, 7), DRAWS,
                delta /* population gradient H δ with H = I */, BATCHES);
        double[] predicted = GradientNoise.predictedOnline(w, teacher, B);
        Oracles.passes("T1 online", measured.compare("C(w) = (2L H + H δδᵀ H)/B", predicted, FLOOR));
        // Power: dropping the H δδᵀ H term must be detected.
        double[] isotropicOnly = GradientNoise.predictedOnline(teacher.teacher(), teacher, B);
        double twoL = 1 + Linalg.frobeniusSquared(delta);
        Oracles.rejects("T1 online", measured.compare("C without HδδᵀH", Linalg.scale(isotropicOnly, twoL), 0));
    }
}
