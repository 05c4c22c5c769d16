package io.descatter.dynamics;

import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * How DL4J's loss functions relate to the theory's ½‖y − f‖²: LossL2 is ‖y − f‖² (gradient 2(f − y)),
 * LossMSE is LossL2/nOut; the updater averages over the minibatch (computeGradientAndScore itself reports the
 * minibatch sum). So DL4J's mean gradient is {@code factor} times ours and
 * η = factor · lr_DL4J.
 */
public final class LossConvention {
    private LossConvention() {
    }

    /** DL4J gradient / theory gradient for {@code loss} with {@code outputs} outputs. */
    public static double gradientFactor(LossFunction loss, int outputs) {
        return switch (loss) {
            case L2 -> 2.0;
            case MSE -> 2.0 / outputs;
            default -> throw new IllegalArgumentException("no squared-loss convention for " + loss);
        };
    }

    /** The DL4J learning rate that realises the theory's step size η. */
    public static double dl4jLearningRate(double eta, LossFunction loss, int outputs) {
        return eta / gradientFactor(loss, outputs);
    }
}
