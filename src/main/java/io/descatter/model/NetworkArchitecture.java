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
 * @param inputs           width of the input
 * @param hidden           widths of the hidden dense layers, in order (empty: a single output layer)
 * @param outputs          width of the output
 * @param hiddenActivation activation of every hidden layer
 * @param outputActivation activation of the output layer
 * @param dropout          dropout retain probability as DL4J defines it (1.0 or 0.0 = no dropout)
 * @param bias             whether layers have bias vectors
 * @param loss             loss function of the output layer
 * @param weightInit       initial weight distribution
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
        WeightInit weightInit) {

    public NetworkArchitecture {
        if (inputs < 1 || outputs < 1) throw new IllegalArgumentException("widths must be positive");
        hidden = List.copyOf(hidden);
        for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden widths must be positive: " + hidden);
        if (dropout < 0 || dropout > 1) throw new IllegalArgumentException("dropout must lie in [0, 1]: " + dropout);
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

    /** The same architecture with dropout (DL4J's retain probability). */
    public NetworkArchitecture withDropout(double retain) {
        return new NetworkArchitecture(inputs, hidden, outputs, hiddenActivation, outputActivation, retain, bias, loss, weightInit);
    }

    /** "1556-256-256-1556 elu/identity, mse" */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int w : widths()) sb.append(sb.length() == 0 ? "" : "-").append(w);
        return sb + " " + hiddenActivation.name().toLowerCase(java.util.Locale.ROOT) + "/"
                + outputActivation.name().toLowerCase(java.util.Locale.ROOT) + ", " + loss.name().toLowerCase(java.util.Locale.ROOT)
                + (bias ? "" : ", no bias") + (dropout > 0 && dropout < 1 ? ", dropout " + dropout : "");
    }

    /** The same architecture with another loss function. */
    public NetworkArchitecture withLoss(LossFunction newLoss) {
        return new NetworkArchitecture(inputs, hidden, outputs, hiddenActivation, outputActivation, dropout, bias,
                newLoss, weightInit);
    }

    /** Layer widths from input to output: {@code [inputs, hidden..., outputs]}. */
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
        return !bias && outputActivation == Activation.IDENTITY
                && (hidden.isEmpty() || hiddenActivation == Activation.IDENTITY);
    }
}
