package io.descatter.model;

import java.util.List;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The shape of a feed-forward network, independent of training: every network of descatter (the correction
 * model and the linear networks of the SGD analysis) is described by one of these and built by
 * {@link NetworkFactory}, so both study the same layers.
 *
 * <p>Three kinds ({@link Kind}): plain dense layers; dense layers around a fixed linear compression (PCA of the
 * inputs in, PCA of the targets out, both frozen); and a 1-D convolutional encoder-decoder.
 *
 * @param inputs           width of the input
 * @param hidden           widths of the hidden dense layers, in order (empty: a single output layer)
 * @param outputs          width of the output
 * @param hiddenActivation activation of every hidden layer
 * @param outputActivation activation of the output layer
 * @param dropout          dropout retain probability as DL4J defines it (1.0 or 0.0 = no dropout)
 * @param bias             whether layers have bias vectors
 * @param loss             loss function of the output layer
 * @param weightInit       initial weight distribution
 * @param kind             dense, PCA-compressed dense, or convolutional
 * @param components       PCA components of the compression (kind {@link Kind#PCA}), else 0
 * @param channels         channels of the convolutional levels, each halving the length (kind {@link Kind#CONV}), else empty
 * @param kernel           convolution kernel width in points (kind {@link Kind#CONV}), else 0
 */
public record NetworkArchitecture(
        int inputs,
        List<Integer> hidden,
        int outputs,
        Activation hiddenActivation,
        Activation outputActivation,
        double dropout,
        boolean bias,
        LossFunction loss,
        WeightInit weightInit,
        Kind kind,
        int components,
        List<Integer> channels,
        int kernel) {

    /** The kinds of network. */
    public enum Kind {
        /** Dense layers from input to output. */
        DENSE,
        /**
         * Fixed linear compression: a frozen layer projecting the (standardised) input on its first principal
         * components (whitened), trainable dense layers between, and a frozen layer expanding target-PCA
         * coefficients to the spectrum (components scaled by their standard deviations, plus the target mean).
         */
        PCA,
        /**
         * 1-D convolutional encoder-decoder: per level a convolution of stride 2 (length halves), optional dense
         * bottleneck, per level an upsampling by 2 and a convolution, then a one-channel convolution to the output.
         */
        CONV;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public NetworkArchitecture {
        if (inputs < 1 || outputs < 1) throw new IllegalArgumentException("widths must be positive");
        hidden = List.copyOf(hidden);
        channels = List.copyOf(channels);
        for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden widths must be positive: " + hidden);
        if (dropout < 0 || dropout > 1) throw new IllegalArgumentException("dropout must lie in [0, 1]: " + dropout);
        if (kind == null) throw new IllegalArgumentException("no kind of network");
        switch (kind) {
            case DENSE -> {
                if (components != 0 || !channels.isEmpty() || kernel != 0) throw new IllegalArgumentException("a dense network has no components, channels or kernel");
            }
            case PCA -> {
                if (components < 1 || components > Math.min(inputs, outputs)) {
                    throw new IllegalArgumentException("PCA components must lie in 1.." + Math.min(inputs, outputs) + ": " + components);
                }
                if (!channels.isEmpty() || kernel != 0) throw new IllegalArgumentException("a PCA network has no channels or kernel");
            }
            case CONV -> {
                if (channels.isEmpty()) throw new IllegalArgumentException("a convolutional network needs at least one level of channels");
                for (int c : channels) if (c < 1) throw new IllegalArgumentException("channels must be positive: " + channels);
                if (kernel < 1) throw new IllegalArgumentException("the kernel width must be positive: " + kernel);
                if (inputs != outputs) throw new IllegalArgumentException("a convolutional encoder-decoder maps a spectrum to one of the same length");
                int factor = 1 << channels.size();
                if (inputs % factor != 0) {
                    throw new IllegalArgumentException(channels.size() + " levels halve the length " + channels.size() + " times, so "
                            + inputs + " points must be a multiple of " + factor + " (use fewer levels)");
                }
                if (components != 0) throw new IllegalArgumentException("a convolutional network has no PCA components");
            }
        }
    }

    /** A dense network. */
    public NetworkArchitecture(int inputs, List<Integer> hidden, int outputs, Activation hiddenActivation,
            Activation outputActivation, double dropout, boolean bias, LossFunction loss, WeightInit weightInit) {
        this(inputs, hidden, outputs, hiddenActivation, outputActivation, dropout, bias, loss, weightInit, Kind.DENSE, 0, List.of(), 0);
    }

    /** A single linear layer y = W x: identity activation, no bias, squared loss (LossL2). */
    public static NetworkArchitecture linear(int inputs, int outputs) {
        return linearChain(inputs, List.of(), outputs);
    }

    /** Two linear layers y = W2 W1 x: identity activations, no biases, squared loss (LossL2). */
    public static NetworkArchitecture linear(int inputs, int hidden, int outputs) {
        return linearChain(inputs, List.of(hidden), outputs);
    }

    private static NetworkArchitecture linearChain(int inputs, List<Integer> hidden, int outputs) {
        return new NetworkArchitecture(inputs, hidden, outputs, Activation.IDENTITY, Activation.IDENTITY,
                0.0, false, LossFunction.L2, WeightInit.XAVIER);
    }

    /**
     * The correction network: dense hidden layers with a smooth non-linearity (ELU keeps gradients for the
     * negative inputs that absorbance offsets produce), a linear output of the spectrum, MSE loss, no dropout.
     */
    public static NetworkArchitecture correction(int points, List<Integer> hidden) {
        return new NetworkArchitecture(points, hidden, points, Activation.ELU, Activation.IDENTITY, 0.0, true,
                LossFunction.MSE, WeightInit.XAVIER);
    }

    /**
     * Dense layers around a fixed linear compression: {@code points} → {@code components} (frozen input PCA) →
     * hidden (ELU) → {@code components} (linear) → {@code points} (frozen target PCA). The frozen weights are set
     * from the training data by {@link PcaCompression}.
     */
    public static NetworkArchitecture pca(int points, int components, List<Integer> hidden) {
        return new NetworkArchitecture(points, hidden, points, Activation.ELU, Activation.IDENTITY, 0.0, true,
                LossFunction.MSE, WeightInit.XAVIER, Kind.PCA, components, List.of(), 0);
    }

    /**
     * A 1-D convolutional encoder-decoder: per entry of {@code channels} a convolution of width {@code kernel}
     * and stride 2 (ELU), then the dense {@code hidden} bottleneck (ELU; empty: none) and back to the last
     * level's feature map, then per level an upsampling by 2 and a convolution (ELU), and a one-channel
     * convolution (identity) as the output.
     */
    public static NetworkArchitecture conv(int points, List<Integer> channels, int kernel, List<Integer> hidden) {
        return new NetworkArchitecture(points, hidden, points, Activation.ELU, Activation.IDENTITY, 0.0, true,
                LossFunction.MSE, WeightInit.XAVIER, Kind.CONV, 0, channels, kernel);
    }

    /** The same architecture with dropout (DL4J's retain probability). */
    public NetworkArchitecture withDropout(double retain) {
        return new NetworkArchitecture(inputs, hidden, outputs, hiddenActivation, outputActivation, retain, bias, loss, weightInit,
                kind, components, channels, kernel);
    }

    /**
     * "1556-256-256-1556 elu/identity, mse"; "1556-pca96-256-256-pca96-1556 elu/identity, mse";
     * "1556-conv8,16k9-128-deconv16,8k9-1556 elu/identity, mse".
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        switch (kind) {
            case DENSE -> {
                for (int w : widths()) sb.append(sb.length() == 0 ? "" : "-").append(w);
            }
            case PCA -> {
                sb.append(inputs).append("-pca").append(components);
                for (int h : hidden) sb.append('-').append(h);
                sb.append("-pca").append(components).append('-').append(outputs);
            }
            case CONV -> {
                String ch = channels.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
                List<Integer> rev = new java.util.ArrayList<>(channels);
                java.util.Collections.reverse(rev);
                String back = rev.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
                sb.append(inputs).append("-conv").append(ch).append('k').append(kernel);
                for (int h : hidden) sb.append('-').append(h);
                sb.append("-upconv").append(back).append('k').append(kernel).append('-').append(outputs);
            }
        }
        return sb + " " + hiddenActivation.name().toLowerCase(java.util.Locale.ROOT) + "/"
                + outputActivation.name().toLowerCase(java.util.Locale.ROOT) + ", " + loss.name().toLowerCase(java.util.Locale.ROOT)
                + (bias ? "" : ", no bias") + (dropout > 0 && dropout < 1 ? ", dropout " + dropout : "");
    }

    /** The same architecture with another loss function. */
    public NetworkArchitecture withLoss(LossFunction newLoss) {
        return new NetworkArchitecture(inputs, hidden, outputs, hiddenActivation, outputActivation, dropout, bias,
                newLoss, weightInit, kind, components, channels, kernel);
    }

    /** Layer widths from input to output of a dense network: {@code [inputs, hidden..., outputs]}. */
    public int[] widths() {
        int[] w = new int[hidden.size() + 2];
        w[0] = inputs;
        for (int i = 0; i < hidden.size(); i++) w[i + 1] = hidden.get(i);
        w[w.length - 1] = outputs;
        return w;
    }

    /** Number of weight layers (hidden layers plus the output layer). */
    public int layerCount() {
        return hidden.size() + 1;
    }

    /** Whether every layer is linear and bias-free, so the network computes a product of matrices. */
    public boolean isLinear() {
        return kind == Kind.DENSE && !bias && outputActivation == Activation.IDENTITY
                && (hidden.isEmpty() || hiddenActivation == Activation.IDENTITY);
    }
}
