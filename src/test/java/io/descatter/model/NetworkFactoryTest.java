package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;

class NetworkFactoryTest {
    @Test
    void linearPresetsBuildBiasFreeDoubleNetworks() {
        MultiLayerNetwork one = NetworkFactory.network(NetworkArchitecture.linear(7, 3), 1, new Sgd(0.1));
        assertEquals(21, one.numParams(), "W only, no bias");
        assertEquals(DataType.DOUBLE, one.params().dataType());
        MultiLayerNetwork two = NetworkFactory.network(NetworkArchitecture.linear(7, 4, 2), 1, new Sgd(0.1));
        assertEquals(7 * 4 + 4 * 2, two.numParams());
        assertEquals(2, two.getnLayers());
    }

    @Test
    void seedFixesTheInitialWeights() {
        NetworkArchitecture arch = NetworkArchitecture.linear(5, 3, 2);
        assertEquals(NetworkFactory.network(arch, 9, new Sgd(0.1)).params(),
                NetworkFactory.network(arch, 9, new Sgd(0.1)).params());
    }

    @Test
    void nonLinearArchitecturesAreRecognised() {
        NetworkArchitecture relu = new NetworkArchitecture(10, java.util.List.of(8), 2, Activation.RELU,
                Activation.IDENTITY, 0, true, org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE,
                org.deeplearning4j.nn.weights.WeightInit.RELU);
        assertFalse(relu.isLinear());
        assertTrue(NetworkArchitecture.linear(3, 1).isLinear());
        assertEquals(10 * 8 + 8 + 8 * 2 + 2, NetworkFactory.network(relu, 1, new Sgd(0.1)).numParams());
        assertThrows(IllegalArgumentException.class, () -> new NetworkArchitecture(0, java.util.List.of(), 1,
                Activation.IDENTITY, Activation.IDENTITY, 0, false,
                org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.L2,
                org.deeplearning4j.nn.weights.WeightInit.XAVIER));
    }
}
