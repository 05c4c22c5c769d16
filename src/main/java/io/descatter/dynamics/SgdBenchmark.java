package io.descatter.dynamics;

import io.descatter.model.NetworkArchitecture;

/**
 * Throughput of the two SGD engines on the same single-layer problem: teacher-student data of N samples,
 * minibatches of B drawn with replacement, η = 0.05. Measured on the calling thread, after a warm-up.
 */
public final class SgdBenchmark {
    /** Samples of the benchmark's training set: enough that minibatch gathering reads scattered memory. */
    static final int SAMPLES = 1000;
    static final double ETA = 0.05;

    private SgdBenchmark() {
    }

    /** Steps per second of one engine. */
    public record Result(String engine, int dim, int batch, long steps, double seconds) {
        public double stepsPerSecond() {
            return steps / seconds;
        }

        @Override
        public String toString() {
            return String.format("%s: %,.0f steps/s (d=%d, B=%d, %,d steps in %.2f s)", engine, stepsPerSecond(),
                    dim, batch, steps, seconds);
        }
    }

    /** Runs {@code steps} timed steps of {@code engine} ("fast" or "dl4j") after {@code steps/10} warm-up steps. */
    public static Result run(String engine, int dim, int batch, long steps, long seed) {
        NetworkArchitecture arch = NetworkArchitecture.linear(dim, 1);
        TeacherStudent teacher = TeacherStudent.randomIsotropic(dim, 1, 1.0, seed);
        Dataset data = teacher.dataset(SAMPLES, seed + 1);
        double[] start = teacher.teacher();
        SgdEngine e = switch (engine) {
            case "fast" -> new FastLinearSgd(LinearChain.of(arch), ETA, start);
            case "dl4j" -> new Dl4jLinearSgd(arch, ETA, start);
            default -> throw new IllegalArgumentException("unknown engine " + engine + " (fast or dl4j)");
        };
        SgdSimulation sim = new SgdSimulation(e, MinibatchSource.of(data,
                new MinibatchSequence(SAMPLES, batch, BatchSampling.WITH_REPLACEMENT, seed + 2)));
        sim.advance(Math.max(1, steps / 10));
        long t0 = System.nanoTime();
        sim.advance(steps);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new Result(engine, dim, batch, steps, seconds);
    }
}
