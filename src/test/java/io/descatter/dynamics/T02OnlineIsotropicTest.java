package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** T2: online SGD with isotropic inputs has Σ = s I with s = ησ²/(2B − η(B+1+d)). */
class T02OnlineIsotropicTest {
    static final int D = 20;
    static final int B = 4;
    static final double ETA = 0.05;
    static final double NOISE = 1.0;
    /** Relaxation time 1/η = 20 steps: 2000 steps of burn-in forget the start by e^-100. */
    static final long BURN_IN = 2_000;
    static final long STEPS = 4_000_000;
    static final int BATCHES = 40;
    /** SGD-THEORY.md's T2 tolerance. */
    static final double FLOOR = 0.01;

    @Test
    void stationaryCovarianceIsTheExactDiscreteValue() {
        double s = OnlineClosedForms.isotropicVariance(ETA, NOISE, B, D);
        assertEquals(0.0074074, s, 1e-7, "the closed form quoted in SGD-THEORY.md");

        TeacherStudent teacher = TeacherStudent.randomIsotropic(D, 1, NOISE, 21);
        LinearChain chain = new LinearChain(D, 1);
        SgdSimulation sim = new SgdSimulation(new FastLinearSgd(chain, ETA, teacher.teacher()),
                MinibatchSource.online(teacher, B, 22));
        sim.advance(BURN_IN);
        BatchedMoments moments = new BatchedMoments(teacher.teacher(), BATCHES, STEPS, false);
        sim.record(STEPS, 1, moments);
        MatrixEstimate sigma = moments.covariance();

        Oracles.passes("T2", sigma.compare("Σ vs s·I", Linalg.scale(Linalg.identity(D), s), FLOOR));
        double[] traces = sigma.batches().stream().mapToDouble(c -> Linalg.trace(c, D) / D).toArray();
        Oracles.passes("T2", ScalarEstimate.of(traces).compare("s = tr Σ / d", s, FLOOR));
        double continuum = OnlineClosedForms.isotropicContinuumVariance(ETA, NOISE, B);
        Oracles.rejects("T2", ScalarEstimate.of(traces).compare("continuum s = ησ²/2B", continuum, FLOOR));
    }
}
