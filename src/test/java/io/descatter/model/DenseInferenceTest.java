package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The dense fast path against DL4J's own {@code output} on the same networks and inputs. Hidden layers compute the
 * same products into other memory orders (identical values); the last layer's sums run in another order, so
 * outputs agree to float rounding of a sum of ~100 terms: 1e-5 of the largest output is far above that (~1e-7)
 * and far below any error a model could hide (the shipped one is 1e-2 from the truth).
 */
class DenseInferenceTest {
    @Test
    void pcaNetworkAgreesWithDl4j() {
        // a non-linear output activation (the loss layer's), so that leaving it out would show
        MultiLayerNetwork net = network(new NetworkArchitecture(120, List.of(32, 16), 120, Activation.ELU, Activation.TANH, 0,
                true, LossFunction.MSE, WeightInit.XAVIER, NetworkArchitecture.Kind.PCA, 12, List.of(), 0));
        randomiseBiases(net); // the factory starts biases at zero, which would hide a missing bias term
        assertAgrees(net, 37);
        assertAgrees(net, 5); // a smaller last batch: arrays of another size
        assertAgrees(net, 37);
    }

    @Test
    void denseNetworkWithAnOutputLayerAgreesWithDl4j() {
        MultiLayerNetwork net = network(new NetworkArchitecture(90, List.of(24), 90, Activation.ELU, Activation.SIGMOID, 0, true,
                LossFunction.MSE, WeightInit.XAVIER));
        randomiseBiases(net);
        assertAgrees(net, 11);
    }

    @Test
    void convolutionalNetworksAreLeftToDl4j() {
        MultiLayerNetwork conv = network(NetworkArchitecture.conv(64, List.of(4), 5, List.of(8)));
        assertNull(DenseInference.of(conv));
        assertNotNull(DenseInference.of(network(NetworkArchitecture.correction(10, List.of(4)))));
    }

    /**
     * A replica, on either path (the dense one for the PCA network, DL4J's output for the convolutional one): its
     * corrections are DL4J's output for the standardised spectra, row for row, in a batch and in a smaller one.
     */
    @Test
    void replicasGiveDl4jsOutputOnBothPaths() {
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {network(NetworkArchitecture.pca(64, 6, List.of(12))),
                network(NetworkArchitecture.conv(64, List.of(4), 5, List.of(8)))}) {
            randomiseBiases(net);
            CorrectionModel.Replica replica = new CorrectionModel.Replica(net, 64, null, null, null, false, null);
            for (int rows : new int[] {9, 4}) {
                double[] x = new double[rows * 64];
                java.util.SplittableRandom random = new java.util.SplittableRandom(rows);
                for (int i = 0; i < x.length; i++) x[i] = 0.3 + Math.sin(i * 0.1) + random.nextDouble() * 0.2;
                double[] actual = new double[x.length];
                replica.correct(x, 0, rows, actual, 0);
                float[] standardised = new float[x.length];
                for (int r = 0; r < rows; r++) SpectrumNormalisation.standardise(x, r * 64, 64, standardised, r * 64);
                float[] expected = net.output(Nd4j.create(standardised, new long[] {rows, 64}, 'c')).dup('c').data().asFloat();
                double largest = 0;
                for (float v : expected) largest = Math.max(largest, Math.abs(v));
                for (int i = 0; i < x.length; i++) assertEquals(expected[i], actual[i], 1e-5 * largest, "value " + i);
            }
        }
    }

    private static MultiLayerNetwork network(NetworkArchitecture arch) {
        return NetworkFactory.network(arch, 7, new Adam(1e-3), DataType.FLOAT);
    }

    private static void randomiseBiases(MultiLayerNetwork net) {
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray b = net.getLayer(i).getParam("b");
            if (b != null) b.assign(Nd4j.rand(DataType.FLOAT, b.shape()).subi(0.5));
        }
    }

    private static void assertAgrees(MultiLayerNetwork net, int rows) {
        INDArray in = Nd4j.rand(DataType.FLOAT, rows, net.layerInputSize(0)).subi(0.5).muli(4);
        float[] expected = net.output(in).dup('c').data().asFloat();
        DenseInference fast = DenseInference.of(net);
        assertNotNull(fast);
        float[] actual = new float[expected.length];
        fast.output(in).data().asNioFloat().get(actual);
        double largest = 0;
        for (float v : expected) largest = Math.max(largest, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * largest, "row " + i / (expected.length / rows) + ", output " + i % (expected.length / rows));
        }
    }
}
