package io.descatter.dynamics;

import io.descatter.model.NetworkArchitecture;

/**
 * Throughput of the SGD engines on a teacher-student problem: one layer (f = W x) or two (f = W₂ W₁ x, one output),
 * data of N samples, minibatches of B drawn with replacement, η = 0.05, started at the teacher. Measured on the
 * calling thread, after a warm-up.
 */
public final class SgdBenchmark {
    /** Samples of the benchmark's training set: enough that minibatch gathering reads scattered memory. */
    static final int SAMPLES = 1000;
    static final double ETA = 0.05;

    private SgdBenchmark() {
    }

    /** Steps per second of one engine. */
    /**
     * @param seconds    wall-clock time of the timed steps
     * @param cpuSeconds CPU time of the calling thread over the same steps (NaN where the JVM cannot measure it): on a
     *                   machine shared with other work it is the time the steps had a core, so steps per CPU second is
     *                   the speed on one core even when the wall-clock rate is not
     */
    public record Result(String engine, int dim, int hidden, int batch, long steps, double seconds, double cpuSeconds) {
        public double stepsPerSecond() {
            return steps / seconds;
        }

        public double stepsPerCpuSecond() {
            return steps / cpuSeconds;
        }

        @Override
        public String toString() {
            String shape = hidden == 0 ? String.format("one layer, d=%d", dim) : String.format("two layers, d=%d, h=%d", dim, hidden);
            // DL4J also computes on native threads, whose time the calling thread's CPU clock does not see
            String cpuNote = engine.equals("dl4j") ? " of the calling thread only" : "";
            return String.format("%s: %,.0f steps/s, %,.0f steps per CPU second%s (%s, B=%d, %,d steps in %.2f s, CPU %.2f s)",
                    engine, stepsPerSecond(), stepsPerCpuSecond(), cpuNote, shape, batch, steps, seconds, cpuSeconds);
        }
    }

    /** Runs {@code steps} timed steps of the single-layer problem, see {@link #run(String, int, int, int, long, long)}. */
    public static Result run(String engine, int dim, int batch, long steps, long seed) {
        return run(engine, dim, 0, batch, steps, seed);
    }

    /**
     * Runs {@code steps} timed steps of {@code engine} ("fast" or "dl4j") after {@code steps/10} warm-up steps;
     * {@code hidden} = 0 for one layer, else the hidden width of a two-layer network with one output.
     */
    public static Result run(String engine, int dim, int hidden, int batch, long steps, long seed) {
        NetworkArchitecture arch = hidden == 0 ? NetworkArchitecture.linear(dim, 1) : NetworkArchitecture.linear(dim, hidden, 1);
        LinearChain chain = LinearChain.of(arch);
        // every layer's entries N(0, 1/fan-in); the teacher is the student's end-to-end matrix
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] start = new double[chain.parameterCount()];
        for (int l = 0; l < chain.layers(); l++)
            for (int i = chain.offset(l); i < chain.offset(l) + chain.size(l); i++) start[i] = rng.nextGaussian() / Math.sqrt(chain.width(l));
        TeacherStudent teacher = TeacherStudent.isotropic(chain.product(start), dim, 1, 1.0);
        Dataset data = teacher.dataset(SAMPLES, seed + 1);
        SgdEngine e = switch (engine) {
            case "fast" -> new FastLinearSgd(chain, ETA, start);
            case "dl4j" -> new Dl4jLinearSgd(arch, ETA, start);
            default -> throw new IllegalArgumentException("unknown engine " + engine + " (fast or dl4j)");
        };
        SgdSimulation sim = new SgdSimulation(e, MinibatchSource.of(data,
                new MinibatchSequence(SAMPLES, batch, BatchSampling.WITH_REPLACEMENT, seed + 2)));
        sim.advance(Math.max(1, steps / 10));
        double c0 = threadCpuSeconds();
        long t0 = System.nanoTime();
        sim.advance(steps);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double cpuSeconds = threadCpuSeconds() - c0;
        return new Result(engine, dim, hidden, batch, steps, seconds, cpuSeconds);
    }

    /** CPU time of the calling thread in seconds, or NaN where the JVM cannot measure it. */
    static double threadCpuSeconds() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() * 1e-9 : Double.NaN;
    }
}
