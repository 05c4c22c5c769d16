package io.descatter.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Builds DL4J networks, in double precision, from a {@link NetworkArchitecture}: the one place where layers are made.
 * Every kind takes a row of {@code inputs} values and gives a row of {@code outputs} values, so training and
 * {@link CorrectionModel} treat them alike.
 */
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
        return switch (arch.kind()) {
            case DENSE -> dense(arch, list);
            case PCA -> pca(arch, list);
            case CONV -> conv(arch, list);
        };
    }

    private static MultiLayerConfiguration dense(NetworkArchitecture arch, NeuralNetConfiguration.ListBuilder list) {
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

    /** Index of the frozen input projection in a {@link NetworkArchitecture.Kind#PCA} network. */
    public static final int PCA_ENCODER = 0;

    /** Index of the frozen output expansion in a {@link NetworkArchitecture.Kind#PCA} network of {@code arch}. */
    public static int pcaDecoder(NetworkArchitecture arch) {
        return arch.hidden().size() + 2;
    }

    /**
     * Frozen dense projection (identity) to the components; hidden dense layers; a linear dense layer to the
     * target components; frozen dense expansion (identity) to the outputs; MSE on it (a parameter-free loss layer,
     * since a frozen wrapper cannot be an output layer). Frozen layers pass gradients back but never change.
     */
    private static MultiLayerConfiguration pca(NetworkArchitecture arch, NeuralNetConfiguration.ListBuilder list) {
        int k = arch.components();
        list.layer(new FrozenLayerWithBackprop(new DenseLayer.Builder().nIn(arch.inputs()).nOut(k)
                .activation(Activation.IDENTITY).hasBias(true).build()));
        int width = k;
        for (int h : arch.hidden()) {
            DenseLayer.Builder dense = new DenseLayer.Builder().nIn(width).nOut(h).activation(arch.hiddenActivation()).hasBias(arch.bias());
            if (arch.dropout() > 0 && arch.dropout() < 1) dense.dropOut(arch.dropout());
            list.layer(dense.build());
            width = h;
        }
        list.layer(new DenseLayer.Builder().nIn(width).nOut(k).activation(Activation.IDENTITY).hasBias(arch.bias()).build());
        list.layer(new FrozenLayerWithBackprop(new DenseLayer.Builder().nIn(k).nOut(arch.outputs())
                .activation(Activation.IDENTITY).hasBias(true).build()));
        list.layer(new LossLayer.Builder(arch.loss()).activation(arch.outputActivation()).build());
        return list.build();
    }

    /**
     * The spectrum as a 1 × points image with one channel (2-D convolutions with 1 × kernel windows are 1-D
     * convolutions); "same" padding throughout, so each stride-2 level halves the length exactly and each
     * upsampling doubles it back.
     */
    private static MultiLayerConfiguration conv(NetworkArchitecture arch, NeuralNetConfiguration.ListBuilder list) {
        List<Integer> channels = arch.channels();
        int levels = channels.size();
        int kernel = arch.kernel();
        int layer = 0;
        for (int c : channels) {
            list.layer(layer++, new ConvolutionLayer.Builder(1, kernel).stride(1, 2).nOut(c).convolutionMode(ConvolutionMode.Same)
                    .activation(arch.hiddenActivation()).hasBias(arch.bias()).build());
        }
        int bottomLength = arch.inputs() >> levels;
        int bottomChannels = channels.get(levels - 1);
        if (!arch.hidden().isEmpty()) {
            for (int h : arch.hidden()) {
                DenseLayer.Builder dense = new DenseLayer.Builder().nOut(h).activation(arch.hiddenActivation()).hasBias(arch.bias());
                if (arch.dropout() > 0 && arch.dropout() < 1) dense.dropOut(arch.dropout());
                list.layer(layer++, dense.build());
            }
            list.layer(layer++, new DenseLayer.Builder().nOut((long) bottomLength * bottomChannels).activation(arch.hiddenActivation())
                    .hasBias(arch.bias()).build());
            list.inputPreProcessor(layer, new FeedForwardToCnnPreProcessor(1, bottomLength, bottomChannels));
        }
        for (int level = levels - 1; level >= 0; level--) {
            list.layer(layer++, new Upsampling2D.Builder().size(new int[] {1, 2}).build());
            list.layer(layer++, new ConvolutionLayer.Builder(1, kernel).stride(1, 1).nOut(channels.get(Math.max(0, level - 1)))
                    .convolutionMode(ConvolutionMode.Same).activation(arch.hiddenActivation()).hasBias(arch.bias()).build());
        }
        list.layer(layer++, new ConvolutionLayer.Builder(1, kernel).stride(1, 1).nOut(1).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.IDENTITY).hasBias(arch.bias()).build());
        list.layer(layer, new LossLayer.Builder(arch.loss()).activation(arch.outputActivation()).build());
        list.setInputType(InputType.convolutionalFlat(1, arch.inputs(), 1));
        return list.build();
    }

    /** Width of the rows a network takes: its first layer's input, or what its first preprocessor reshapes. */
    public static long inputWidth(MultiLayerNetwork net) {
        var pre = net.getLayerWiseConfigurations().getInputPreProcess(0);
        if (pre instanceof FeedForwardToCnnPreProcessor p) return p.getInputHeight() * p.getInputWidth() * p.getNumChannels();
        org.deeplearning4j.nn.conf.layers.Layer first = net.getLayerWiseConfigurations().getConf(0).getLayer();
        if (first instanceof FrozenLayerWithBackprop f) first = f.getUnderlying();
        return first instanceof FeedForwardLayer ff ? ff.getNIn() : 0;
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
