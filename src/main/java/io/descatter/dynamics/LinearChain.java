package io.descatter.dynamics;

import io.descatter.model.NetworkArchitecture;
import java.util.Arrays;

/**
 * Parameter layout of a bias-free linear network f(x) = W_L ... W_1 x, shared by both SGD engines.
 * Layer l holds W_l (widths[l+1] x widths[l]) row-major; layers follow each other. That is exactly the order
 * of DL4J's flattened parameter vector: DL4J stores each layer's W as nIn x nOut in 'f' order, whose element
 * (i, j) sits at i + j*nIn = (row j, column i) of our out x in matrix.
 */
public final class LinearChain {
    private final int[] widths;
    private final int[] offsets;

    public LinearChain(int... widths) {
        if (widths.length < 2) throw new IllegalArgumentException("need at least input and output widths");
        this.widths = widths.clone();
        this.offsets = new int[widths.length];
        for (int l = 0; l + 1 < widths.length; l++) {
            if (widths[l] < 1 || widths[l + 1] < 1) throw new IllegalArgumentException("widths must be positive");
            offsets[l + 1] = offsets[l] + widths[l] * widths[l + 1];
        }
    }

    /** The layout of a linear architecture; refuses any architecture with biases or non-linear activations. */
    public static LinearChain of(NetworkArchitecture arch) {
        if (!arch.isLinear()) throw new IllegalArgumentException("not a bias-free linear network: " + arch);
        return new LinearChain(arch.widths());
    }

    public int layers() { return widths.length - 1; }

    public int width(int i) { return widths[i]; }

    public int[] widths() { return widths.clone(); }

    public int inputs() { return widths[0]; }

    public int outputs() { return widths[widths.length - 1]; }

    /** Index of W_layer's first element in the parameter vector. */
    public int offset(int layer) { return offsets[layer]; }

    /** Number of weights of one layer. */
    public int size(int layer) { return widths[layer] * widths[layer + 1]; }

    public int parameterCount() { return offsets[widths.length - 1]; }

    /** A copy of layer {@code layer}'s weights, row-major (out x in). */
    public double[] layer(double[] params, int layer) {
        return Arrays.copyOfRange(params, offsets[layer], offsets[layer] + size(layer));
    }

    /** Concatenates per-layer row-major matrices into one parameter vector. */
    public double[] parameters(double[]... layerWeights) {
        if (layerWeights.length != layers()) throw new IllegalArgumentException("expected " + layers() + " layers");
        double[] p = new double[parameterCount()];
        for (int l = 0; l < layers(); l++) {
            if (layerWeights[l].length != size(l)) throw new IllegalArgumentException("layer " + l + " has wrong size");
            System.arraycopy(layerWeights[l], 0, p, offsets[l], size(l));
        }
        return p;
    }

    /** The end-to-end matrix W_L ... W_1 (outputs x inputs, row-major). */
    public double[] product(double[] params) {
        double[] m = layer(params, 0);
        int cols = widths[0];
        for (int l = 1; l < layers(); l++) {
            int rows = widths[l + 1];
            int inner = widths[l];
            double[] next = new double[rows * cols];
            for (int r = 0; r < rows; r++)
                for (int k = 0; k < inner; k++) {
                    double w = params[offsets[l] + r * inner + k];
                    for (int c = 0; c < cols; c++) next[r * cols + c] += w * m[k * cols + c];
                }
            m = next;
        }
        return m;
    }

    @Override
    public String toString() { return "LinearChain" + Arrays.toString(widths); }
}
