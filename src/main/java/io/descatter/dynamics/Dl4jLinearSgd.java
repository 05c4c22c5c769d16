package io.descatter.dynamics;

import io.descatter.model.NetworkArchitecture;
import io.descatter.model.NetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The DL4J engine: the linear network built by {@link NetworkFactory}, trained by {@code fit} with the plain
 * {@link Sgd} updater at the learning rate that matches η under {@link LossConvention}. About a millisecond a step.
 */
public final class Dl4jLinearSgd implements SgdEngine {
    private final LinearChain chain;
    private final double eta;
    private final MultiLayerNetwork net;

    public Dl4jLinearSgd(NetworkArchitecture arch, double eta, double[] initial) {
        this.chain = LinearChain.of(arch);
        this.eta = eta;
        double lr = LossConvention.dl4jLearningRate(eta, arch.loss(), arch.outputs());
        this.net = NetworkFactory.network(arch, 0L, new Sgd(lr));
        setParameters(initial);
    }

    /** The network itself, e.g. to compare back-propagated gradients. */
    public MultiLayerNetwork network() { return net; }

    @Override public LinearChain chain() { return chain; }

    @Override public double learningRate() { return eta; }

    @Override public String name() { return "dl4j"; }

    @Override
    public void step(double[] xb, double[] yb, int batch) {
        net.fit(new DataSet(matrix(xb, batch, chain.inputs()), matrix(yb, batch, chain.outputs())));
    }

    /** A B x cols double matrix holding the first B rows of a row-major buffer. */
    static INDArray matrix(double[] rowMajor, int rows, int cols) {
        double[] data = java.util.Arrays.copyOf(rowMajor, rows * cols);
        return Nd4j.create(data, new long[] {rows, cols}, DataType.DOUBLE);
    }

    @Override
    public void readParameters(double[] out) {
        double[] p = net.params().toDoubleVector();
        System.arraycopy(p, 0, out, 0, p.length);
    }

    @Override
    public void setParameters(double[] params) {
        if (params.length != chain.parameterCount()) throw new IllegalArgumentException("wrong parameter count");
        net.setParams(Nd4j.create(params.clone(), new long[] {1, params.length}, DataType.DOUBLE));
    }
}
