package io.descatter.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.model.NetworkArchitecture;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The fast kernel and DL4J compute the same gradients and follow the same trajectory for the same minibatches. */
class EngineEquivalenceTest {
    /** Double-precision agreement: both sum the same O(10) products per entry, so roundoff stays near 1e-15. */
    private static final double TOLERANCE = 1e-12;

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of(NetworkArchitecture.linear(7, 1)),
                Arguments.of(NetworkArchitecture.linear(7, 3).withLoss(LossFunction.MSE)),
                Arguments.of(NetworkArchitecture.linear(6, 4, 2)),
                Arguments.of(NetworkArchitecture.linear(6, 5, 3).withLoss(LossFunction.MSE)),
                Arguments.of(NetworkArchitecture.linear(14, 10, 1)), // the shape of bench sgd's two-layer line
                // three layers: the fast kernel's prefix products W_{l−1}···W_0 beyond the first layer
                Arguments.of(new NetworkArchitecture(5, java.util.List.of(4, 3), 2, Activation.IDENTITY, Activation.IDENTITY,
                        0.0, false, LossFunction.L2, WeightInit.XAVIER)));
    }

    private static double[] gaussian(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = scale * rng.nextGaussian();
        return v;
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void kernelGradientEqualsDl4jBackprop(NetworkArchitecture arch) {
        SplittableRandom rng = new SplittableRandom(11);
        LinearChain chain = LinearChain.of(arch);
        int batch = 5;
        double[] theta = gaussian(rng, chain.parameterCount(), 0.7);
        double[] xb = gaussian(rng, batch * chain.inputs(), 1);
        double[] yb = gaussian(rng, batch * chain.outputs(), 1);

        double[] ours = new double[theta.length];
        new FastLinearSgd(chain, 0.1, theta).gradient(theta, xb, yb, batch, ours);

        Dl4jLinearSgd dl4j = new Dl4jLinearSgd(arch, 0.1, theta);
        MultiLayerNetwork net = dl4j.network();
        net.setInput(Dl4jLinearSgd.matrix(xb, batch, chain.inputs()));
        net.setLabels(Dl4jLinearSgd.matrix(yb, batch, chain.outputs()));
        net.computeGradientAndScore();
        double[] theirs = net.gradient().gradient().toDoubleVector();

        // computeGradientAndScore returns the minibatch SUM; DL4J's updater divides by B before the step
        // (miniBatch = true), which the trajectory test below confirms.
        double factor = batch * LossConvention.gradientFactor(arch.loss(), arch.outputs());
        assertEquals(theta.length, theirs.length);
        double scale = maxAbs(ours);
        assertTrue(scale > 0.1, "a degenerate gradient would prove nothing");
        for (int i = 0; i < theta.length; i++)
            assertEquals(factor * ours[i], theirs[i], TOLERANCE * factor * scale, "gradient entry " + i);
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void sameMinibatchSequenceGivesSameTrajectory(NetworkArchitecture arch) {
        LinearChain chain = LinearChain.of(arch);
        TeacherStudent teacher = TeacherStudent.randomIsotropic(chain.inputs(), chain.outputs(), 0.3, 5);
        Dataset data = teacher.dataset(23, 6);
        double[] start = gaussian(new SplittableRandom(7), chain.parameterCount(), 0.5);
        double eta = 0.05;
        int steps = 300;
        int batch = 4;

        double[] fast = trajectoryEnd(new FastLinearSgd(chain, eta, start), data, batch, 99, steps);
        double[] dl4j = trajectoryEnd(new Dl4jLinearSgd(arch, eta, start), data, batch, 99, steps);
        double[] otherSequence = trajectoryEnd(new FastLinearSgd(chain, eta, start), data, batch, 100, steps);

        double scale = maxAbs(fast);
        for (int i = 0; i < fast.length; i++)
            assertEquals(fast[i], dl4j[i], TOLERANCE * scale, "parameter " + i + " after " + steps + " steps");
        // Control: another minibatch sequence must visibly change the end point, else the comparison is vacuous.
        assertTrue(maxAbsDiff(fast, otherSequence) > 1e-3 * scale);
    }

    private static double[] trajectoryEnd(SgdEngine engine, Dataset data, int batch, long seed, int steps) {
        MinibatchSource source = MinibatchSource.of(data,
                new MinibatchSequence(data.size(), batch, BatchSampling.WITH_REPLACEMENT, seed));
        double[] xb = new double[batch * data.inputs()];
        double[] yb = new double[batch * data.outputs()];
        for (int s = 0; s < steps; s++) {
            source.next(xb, yb);
            engine.step(xb, yb, batch);
        }
        double[] p = new double[engine.chain().parameterCount()];
        engine.readParameters(p);
        return p;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
