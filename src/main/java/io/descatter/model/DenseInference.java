package io.descatter.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference through a network of dense layers (the dense and PCA architectures of {@link NetworkFactory}) with the
 * network's own parameters and activation functions, one ND4J gemm per layer into arrays kept between batches.
 *
 * <p>Why not {@code MultiLayerNetwork.output}: DL4J creates each layer's activations in C order, and ND4J computes
 * a product into a C-order array as a product into a Fortran-order temporary followed by a transposing copy; for
 * the last layer (1556 outputs per spectrum) that copy took twice as long as the product itself (17.5 against
 * 6 ms per 1024 spectra, measured) and was the largest single cost of the network. Here the hidden layers' products
 * go straight into Fortran-order arrays (the same numbers DL4J computes), and the last one is computed transposed,
 * {@code (x·W)ᵀ = Wᵀ·xᵀ} into a Fortran-order outputs × rows array, which is the outputs row by row in memory: no
 * copy at all. Its sums run in another order than DL4J's, so outputs may differ from {@code output()} in the last
 * bits of a float (tested). Networks with other layers (the convolutional architecture) are not handled:
 * {@link #of} returns null for them and the caller uses DL4J.
 */
final class DenseInference {
    /** One dense layer: {@code activation(x·W + b)}; the bias may be absent. */
    private record Step(INDArray weights, INDArray bias, IActivation activation) {
        long width() { return weights.size(1); }
    }

    private final List<Step> steps;
    /** The activation of a closing loss layer, applied after the last dense layer's own; null without one. */
    private final IActivation lossActivation;
    private final INDArray lastBiasColumn;
    private int rows = -1;
    private INDArray[] hidden;
    private INDArray last;
    /** What entered the last layer in the latest {@link #output} call. */
    private INDArray lastInput;

    private DenseInference(List<Step> steps, IActivation lossActivation) {
        this.steps = steps;
        this.lossActivation = lossActivation;
        Step l = steps.get(steps.size() - 1);
        this.lastBiasColumn = l.bias() == null ? null : l.bias().reshape(l.width(), 1);
    }

    /** The plan for a network of dense layers (optionally frozen) ending in an output or loss layer, or null. */
    static DenseInference of(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int n = net.getnLayers();
        List<Step> steps = new ArrayList<>();
        IActivation loss = null;
        for (int i = 0; i < n; i++) {
            if (conf.getInputPreProcess(i) != null) return null;
            Layer layer = conf.getConf(i).getLayer();
            if (layer instanceof FrozenLayerWithBackprop frozen) layer = frozen.getUnderlying();
            if (layer instanceof LossLayer lossLayer && i == n - 1 && !steps.isEmpty()) {
                loss = lossLayer.getActivationFn();
            } else if (layer instanceof DenseLayer || layer instanceof OutputLayer) {
                INDArray w = net.getLayer(i).getParam("W");
                if (w == null || w.rank() != 2 || w.dataType() != DataType.FLOAT) return null;
                steps.add(new Step(w, net.getLayer(i).getParam("b"), ((BaseLayer) layer).getActivationFn()));
            } else {
                return null;
            }
        }
        return steps.isEmpty() ? null : new DenseInference(steps, loss);
    }

    /**
     * The network's outputs for a C-order float input of {@code rows × inputs}: an array whose buffer holds them row
     * by row from offset 0 (valid until the next call).
     */
    INDArray output(INDArray input) {
        int r = (int) input.rows();
        if (r != rows) allocate(r);
        INDArray x = input;
        for (int i = 0; i < steps.size() - 1; i++) {
            Step s = steps.get(i);
            INDArray z = hidden[i];
            Nd4j.gemm(x, s.weights(), z, false, false, 1.0, 0.0);
            if (s.bias() != null) z.addiRowVector(s.bias());
            x = activate(s.activation(), z);
        }
        Step s = steps.get(steps.size() - 1);
        lastInput = x;
        Nd4j.gemm(s.weights(), x, last, true, true, 1.0, 0.0); // (x·W)ᵀ = Wᵀ·xᵀ
        if (lastBiasColumn != null) last.addiColumnVector(lastBiasColumn);
        activate(s.activation(), last);
        if (lossActivation != null) activate(lossActivation, last);
        return last;
    }

    /** Whether the last layer (and a closing loss layer) is linear: output = lastInput·W + b. */
    boolean lastLayerLinear() {
        return isIdentity(steps.get(steps.size() - 1).activation()) && (lossActivation == null || isIdentity(lossActivation));
    }

    /** The last layer's weights (inputs × outputs) and bias (1 × outputs, or null). */
    INDArray lastWeights() { return steps.get(steps.size() - 1).weights(); }

    INDArray lastBias() { return steps.get(steps.size() - 1).bias(); }

    /**
     * The input of the last layer in the latest {@link #output} call, rows × its inputs in Fortran order (valid until
     * the next call).
     */
    INDArray lastInput() { return lastInput; }

    /** Whether the first layer is linear and not the last one: its output is then the input's projections. */
    boolean firstLayerLinear() {
        return steps.size() > 1 && isIdentity(steps.get(0).activation());
    }

    /** The first layer's weights (inputs × outputs) and bias (1 × outputs, or null). */
    INDArray firstWeights() { return steps.get(0).weights(); }

    INDArray firstBias() { return steps.get(0).bias(); }

    /**
     * The first layer's output in the latest {@link #output} call (with {@link #firstLayerLinear()}), rows × its
     * outputs in Fortran order, valid until the next call.
     */
    INDArray firstOutput() { return hidden[0]; }

    private static boolean isIdentity(IActivation a) {
        return a instanceof ActivationIdentity;
    }

    /** Applies an activation in place (DL4J's activations work in place; a copy is put back if one does not). */
    private static INDArray activate(IActivation activation, INDArray z) {
        INDArray a = activation.getActivation(z, false);
        if (a != z) z.assign(a);
        return z;
    }

    private void allocate(int r) {
        hidden = new INDArray[steps.size() - 1];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = Nd4j.create(DataType.FLOAT, new long[] {r, steps.get(i).width()}, 'f');
        }
        last = Nd4j.create(DataType.FLOAT, new long[] {steps.get(steps.size() - 1).width(), r}, 'f');
        rows = r;
    }
}
