package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** T9: the teacher-student Hessian H = M H_x Mᵀ against finite differences, its spectrum, and GD's decay rate. */
class T09HessianTest {
    /** Samples per input dimension: H_x is then well conditioned (Marchenko-Pastur ratio 1/4). */
    static final int SAMPLES_PER_INPUT = 4;
    /**
     * Central differences of a cubic gradient: truncation h²/6·|g'''| ≈ 1e-11 at h = 1e-5 and roundoff
     * ε|g|/h ≈ 1e-11, so 1e-8 (SGD-THEORY.md) is met with margin.
     */
    static final double FD_STEP = 1e-5;
    static final double FD_TOLERANCE = 1e-8;
    static final double SPECTRUM_TOLERANCE = 1e-10;
    /** SGD-THEORY.md's tolerance for the decay rate. */
    static final double RATE_TOLERANCE = 0.005;

    @ParameterizedTest(name = "N_i = {0}, N_h = {1}")
    @CsvSource({"10, 20", "30, 10"})
    void hessianSpectrumAndGradientDescentDecay(int inputs, int hidden) {
        SplittableRandom rng = new SplittableRandom(91L * inputs + hidden);
        LinearChain chain = new LinearChain(inputs, hidden, 1);
        double[] theta = chain.parameters(RandomMatrices.gaussian(hidden, inputs, 1 / Math.sqrt(inputs), rng),
                RandomMatrices.gaussian(1, hidden, 1 / Math.sqrt(hidden), rng));
        TeacherStudent teacher = TeacherStudent.isotropic(chain.product(theta), inputs, 1, 0);
        Dataset data = teacher.dataset(SAMPLES_PER_INPUT * inputs, 92);
        double[] hx = data.inputSecondMoment();
        int p = chain.parameterCount();

        double[] formula = TeacherStudentHessian.hessian(chain, theta, hx);
        double[] fd = finiteDifferenceHessian(chain, theta, data);
        double fdError = Linalg.relativeFrobeniusError(fd, formula);
        double gnError = Linalg.relativeFrobeniusError(GaussNewton.hessian(chain, theta, hx), formula);
        String tag = "T9 (" + inputs + ", " + hidden + ")";
        Oracles.note(tag, String.format("‖H_fd − M H_x Mᵀ‖/‖H‖ = %.2e; Gauss-Newton vs formula %.2e", fdError, gnError));
        assertTrue(fdError <= FD_TOLERANCE, "finite differences: " + fdError);
        assertTrue(gnError <= FD_TOLERANCE, "Gauss-Newton Hessian: " + gnError);

        double[] nonzero = GaussNewton.nonzeroSpectrum(fd, p);
        double[] predicted = TeacherStudentHessian.nonzeroSpectrum(chain, theta, hx);
        assertEquals(inputs, nonzero.length, "rank H = o·d for o ≤ h");
        for (int i = 0; i < inputs; i++)
            assertEquals(predicted[i], nonzero[i], SPECTRUM_TOLERANCE * predicted[0] + FD_TOLERANCE * predicted[0],
                    "eigenvalue " + i);

        double lambdaMin = predicted[inputs - 1];
        double eta = 1 / predicted[0];
        double measured = gradientDescentDecayRate(chain, theta, data, eta, rng);
        double rate = TeacherStudentHessian.gdDecayRate(eta, lambdaMin);
        double rel = Math.abs(measured / rate - 1);
        Oracles.note(tag, String.format("GD decay per step: measured %.6g, predicted −2 ln(1 − ηλ_min⁺) = %.6g, "
                + "rel. error %.3g%%; λ₂/λ₁ = %.4f", measured, rate, 100 * rel, predicted[inputs - 2] / lambdaMin));
        assertTrue(rel <= RATE_TOLERANCE, "GD decay rate");
    }

    /** Central differences of the kernel's full-batch gradient, symmetrised. */
    static double[] finiteDifferenceHessian(LinearChain chain, double[] theta, Dataset data) {
        int p = chain.parameterCount();
        double[] h = new double[p * p];
        for (int a = 0; a < p; a++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[a] += FD_STEP;
            minus[a] -= FD_STEP;
            double[] gp = GradientNoise.fullGradient(chain, plus, data);
            double[] gm = GradientNoise.fullGradient(chain, minus, data);
            for (int b = 0; b < p; b++) h[b * p + a] = (gp[b] - gm[b]) / (2 * FD_STEP);
        }
        return Linalg.symmetrize(h, p);
    }

    /**
     * e-folds of loss decay before the rate is read: mode 2 then weighs e^{−80(λ₂/λ₁−1)} ≈ 1e-2 at λ₂/λ₁ = 1.054,
     * biasing the rate by ≈ 0.05 %. The floor is the second-order null component the run itself creates,
     * |δ_null| ≈ 1e-8, whose cancellation leaves L ≈ 1e-48, about 90 e-folds below the start.
     */
    static final double EFOLDS = 80;
    static final int MAX_GD_STEPS = 100_000;

    /**
     * Full-batch GD from a small random perturbation of the teacher inside the range of H (a null-space component
     * would only move the student along the manifold of minima, changing λ_min⁺). To follow the loss over 150
     * e-folds, far below the double-precision floor of y − f, GD runs on the deviation δ = θ − θ* with the residual
     * written without cancellation: f − y = (δw₂ W₁* + w₂* δW₁ + δw₂ δW₁) x; that is the same loss and the same GD.
     * Returns the mean decay rate of ln L per step over the last tenth of the run.
     */
    static double gradientDescentDecayRate(LinearChain chain, double[] theta, Dataset data, double eta,
                                           SplittableRandom rng) {
        int d = chain.inputs();
        int h = chain.width(1);
        int n = data.size();
        int p = chain.parameterCount();
        double[] projector = GaussNewton.rangeProjector(GaussNewton.hessian(chain, theta, data.inputSecondMoment()), p);
        double[] delta = Linalg.multiply(projector, RandomMatrices.gaussian(p, 1, 1e-4, rng), p, p, 1);
        double[] w1 = chain.layer(theta, 0);
        double[] w2 = chain.layer(theta, 1);
        int off = chain.offset(1);
        double[] grad = new double[p];
        double[] hidden = new double[h];
        double[] hiddenDelta = new double[h];
        java.util.List<Double> logLoss = new java.util.ArrayList<>();
        double initial = Double.NaN;
        while (logLoss.isEmpty() || initial - logLoss.get(logLoss.size() - 1) < EFOLDS) {
            if (logLoss.size() > MAX_GD_STEPS) throw new AssertionError("GD stalled after " + MAX_GD_STEPS + " steps");
            java.util.Arrays.fill(grad, 0);
            double loss = 0;
            for (int s = 0; s < n; s++) {
                for (int k = 0; k < h; k++) {
                    double a = 0;
                    double b = 0;
                    for (int i = 0; i < d; i++) {
                        double x = data.x()[s * d + i];
                        a += w1[k * d + i] * x;
                        b += delta[k * d + i] * x;
                    }
                    hidden[k] = a;
                    hiddenDelta[k] = b;
                }
                double r = 0;
                for (int k = 0; k < h; k++)
                    r += delta[off + k] * hidden[k] + w2[k] * hiddenDelta[k] + delta[off + k] * hiddenDelta[k];
                loss += r * r / (2.0 * n);
                for (int k = 0; k < h; k++) {
                    double back = (w2[k] + delta[off + k]) * r / n;
                    for (int i = 0; i < d; i++) grad[k * d + i] += back * data.x()[s * d + i];
                    grad[off + k] += r * (hidden[k] + hiddenDelta[k]) / n;
                }
            }
            if (logLoss.isEmpty()) initial = Math.log(loss);
            logLoss.add(Math.log(loss));
            for (int a = 0; a < p; a++) delta[a] -= eta * grad[a];
        }
        int steps = logLoss.size();
        int from = steps - Math.max(2, steps / 10);
        return (logLoss.get(from) - logLoss.get(steps - 1)) / (steps - 1 - from);
    }
}
