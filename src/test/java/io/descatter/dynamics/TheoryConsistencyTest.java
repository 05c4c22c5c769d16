package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Deterministic cross-checks of the theory code: closed forms against the general solver, densities, quantiles. */
class TheoryConsistencyTest {
    @Test
    void onlineClosedFormsEqualTheGeneralExactSolver() {
        int d = 6;
        int b = 3;
        double eta = 0.1;
        double noise = 0.7;
        double[] iso = StationaryCovariance.exact(new GaussianNoiseModel(Linalg.identity(d), d, 1, noise), eta, 1.0 / b);
        double s = OnlineClosedForms.isotropicVariance(eta, noise, b, d);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) assertEquals(i == j ? s : 0, iso[i * d + j], 1e-12 * s);

        double[] lambda = {2.0, 1.3, 0.9, 0.5, 0.2, 0.05};
        double[] q = RandomMatrices.orthonormalColumns(d, d, new SplittableRandom(3));
        double[] hx = Linalg.multiply(Linalg.multiply(q, diag(lambda), d), Linalg.transpose(q, d, d), d);
        double[] exact = StationaryCovariance.exact(new GaussianNoiseModel(hx, d, 1, noise), eta, 1.0 / b);
        double[] closed = OnlineClosedForms.anisotropicVariances(eta, noise, b, lambda);
        double[] predicted = Linalg.multiply(Linalg.multiply(q, diag(closed), d), Linalg.transpose(q, d, d), d);
        assertEquals(0, Linalg.relativeFrobeniusError(exact, predicted), 1e-12);
    }

    @Test
    void continuumIsTheSmallStepLimitOfTheExactSolution() {
        Dataset data = TeacherStudent.randomIsotropic(5, 1, 1, 4).dataset(12, 5);
        SampleNoiseModel model = SampleNoiseModel.atMinimum(data);
        double eta = 1e-7;
        double err = Linalg.relativeFrobeniusError(StationaryCovariance.exact(model, eta, 0.25),
                StationaryCovariance.continuum(model, eta, 0.25));
        // The exact and continuum solutions differ at O(η·λ·d) ≈ 1e-6 here.
        assertEquals(0, err, 1e-5);
    }

    @Test
    void marchenkoPasturDensityIsNormalisedWithUnitMean() {
        double q = 0.3;
        double lo = MarchenkoPastur.lowerEdge(q);
        double hi = MarchenkoPastur.upperEdge(q);
        int steps = 200_000;
        double mass = 0;
        double mean = 0;
        for (int i = 0; i < steps; i++) {
            double l = lo + (hi - lo) * (i + 0.5) / steps;
            double w = MarchenkoPastur.density(l, q) * (hi - lo) / steps;
            mass += w;
            mean += w * l;
        }
        // Midpoint rule on square-root edges converges as steps^(-3/2): ≈ 1e-7 here.
        assertEquals(1, mass, 1e-6);
        assertEquals(1, mean, 1e-6);
    }

    @Test
    void studentQuantileMatchesTables() {
        assertEquals(2.262157, StudentT.quantile(0.975, 9), 1e-6);
        assertEquals(12.706205, StudentT.quantile(0.975, 1), 1e-5);
        assertEquals(1.959964, StudentT.quantile(0.975, 1e7), 1e-5);
    }

    private static double[] diag(double[] v) {
        double[] m = new double[v.length * v.length];
        for (int i = 0; i < v.length; i++) m[i * v.length + i] = v[i];
        return m;
    }
}
