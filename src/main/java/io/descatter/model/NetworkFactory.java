package io.descatter.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/** Builds DL4J networks, in double precision, from a {@link NetworkArchitecture}: the one place where layers are made. */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    /** The configuration of {@code arch} trained with {@code updater}; {@code seed} fixes the initial weights. */
    public static MultiLayerConfiguration configuration(NetworkArchitecture arch, long seed, IUpdater updater) {
        return configuration(arch, seed, updater, DataType.DOUBLE);
    }

    /**
     * As {@link #configuration(NetworkArchitecture, long, IUpdater)} in the given precision: double for the SGD
     * analysis, float for the correction model (twice the BLAS throughput, and ample for absorbance).
     */
    public static MultiLayerConfiguration configuration(NetworkArchitecture arch, long seed, IUpdater updater, DataType dataType) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(arch.weightInit())
                .list();
        int[] widths = arch.widths();
        for (int layer = 0; layer < arch.hidden().size(); layer++) {
            DenseLayer.Builder dense = new DenseLayer.Builder()
                    .nIn(widths[layer]).nOut(widths[layer + 1])
                    .activation(arch.hiddenActivation())
                    .hasBias(arch.bias());
            // DL4J's dropout argument is the retain probability; 0 means "no dropout" there too.
            if (arch.dropout() > 0 && arch.dropout() < 1) dense.dropOut(arch.dropout());
            list.layer(dense.build());
        }
        list.layer(new OutputLayer.Builder(arch.loss())
                .nIn(widths[widths.length - 2]).nOut(arch.outputs())
                .activation(arch.outputActivation())
                .hasBias(arch.bias())
                .build());
        return list.build();
    }

    /** An initialised network of {@code arch}. */
    public static MultiLayerNetwork network(NetworkArchitecture arch, long seed, IUpdater updater) {
        return network(arch, seed, updater, DataType.DOUBLE);
    }

    /** An initialised network of {@code arch} in the given precision. */
    public static MultiLayerNetwork network(NetworkArchitecture arch, long seed, IUpdater updater, DataType dataType) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(arch, seed, updater, dataType));
        net.init();
        return net;
    }
}
