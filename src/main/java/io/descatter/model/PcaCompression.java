package io.descatter.model;

import java.util.Arrays;
import java.util.Comparator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fixed linear compression of a {@link NetworkArchitecture.Kind#PCA} network, computed from the training split
 * only: the first {@code k} principal components of the (standardised) inputs, whitened (score / standard
 * deviation), and of the targets, scaled by their standard deviations, plus the target mean. Stored in the network
 * as the weights of its two frozen layers, so a saved model carries it like any other weights.
 */
public final class PcaCompression {
    /** A principal subspace: mean, unit components (rows), standard deviations along them. */
    record Basis(double[] mean, double[][] components, double[] sd) {
    }

    private PcaCompression() {
    }

    /**
     * Sets the frozen layers of {@code net} (built from {@code arch}) from training inputs {@code x} and targets
     * {@code y} (rows are spectra).
     *
     * @return the inputs' principal subspace
     */
    public static Basis apply(MultiLayerNetwork net, NetworkArchitecture arch, INDArray x, INDArray y) {
        if (arch.kind() != NetworkArchitecture.Kind.PCA) throw new IllegalArgumentException("not a PCA network: " + arch.describe());
        int k = arch.components();
        Basis in = basis(x, k);
        Basis out = basis(y, k);
        int p = arch.inputs();
        int q = arch.outputs();
        // Encoder: z_j = (x − mean) · v_j / sd_j, as W (p × k) and b (1 × k).
        double[][] w = new double[p][k];
        double[] b = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 1 / in.sd()[j];
            double dot = 0;
            for (int i = 0; i < p; i++) {
                w[i][j] = in.components()[j][i] * s;
                dot += in.mean()[i] * w[i][j];
            }
            b[j] = -dot;
        }
        // Decoder: y = mean + Σ_j c_j sd_j u_j, as W (k × q) and b (1 × q).
        double[][] v = new double[k][q];
        for (int j = 0; j < k; j++) for (int i = 0; i < q; i++) v[j][i] = out.components()[j][i] * out.sd()[j];
        var encoder = net.getLayer(NetworkFactory.PCA_ENCODER);
        var decoder = net.getLayer(NetworkFactory.pcaDecoder(arch));
        DataType type = net.params().dataType();
        encoder.getParam("W").assign(Nd4j.create(w).castTo(type));
        encoder.getParam("b").assign(Nd4j.create(b, new long[] {1, k}, DataType.DOUBLE).castTo(type));
        decoder.getParam("W").assign(Nd4j.create(v).castTo(type));
        decoder.getParam("b").assign(Nd4j.create(out.mean(), new long[] {1, q}, DataType.DOUBLE).castTo(type));
        return in;
    }

    /** The first {@code k} principal components of the rows of {@code data}, with signs fixed (largest entry positive). */
    static Basis basis(INDArray data, int k) {
        int n = (int) data.rows();
        int p = (int) data.columns();
        if (n < 2) throw new IllegalArgumentException("PCA needs at least two spectra");
        double[] mean = new double[p];
        int chunk = 2048;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            double[][] rows = data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(DataType.DOUBLE).toDoubleMatrix();
            for (double[] r : rows) for (int i = 0; i < p; i++) mean[i] += r[i];
        }
        for (int i = 0; i < p; i++) mean[i] /= n;
        // Covariance in double, a chunk of centred rows at a time (no n × p double copy).
        INDArray cov = Nd4j.zeros(DataType.DOUBLE, p, p);
        INDArray mu = Nd4j.create(mean, new long[] {1, p}, DataType.DOUBLE);
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            INDArray c = data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(DataType.DOUBLE).subRowVector(mu);
            cov.addi(c.transpose().mmul(c));
        }
        cov.divi(n - 1);
        Eigen eig = symmetricEigen(cov, p);
        double[] values = eig.values();
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]).thenComparingInt(i -> i));
        double top = Math.max(values[order[0]], Double.MIN_NORMAL);
        double[][] comps = new double[k][];
        double[] sd = new double[k];
        for (int j = 0; j < k; j++) {
            double[] u = new double[p];
            double norm = 0;
            int argmax = 0;
            for (int i = 0; i < p; i++) {
                u[i] = eig.vectors()[i][order[j]];
                norm += u[i] * u[i];
                if (Math.abs(u[i]) > Math.abs(u[argmax])) argmax = i;
            }
            norm = Math.sqrt(norm) * Math.signum(u[argmax] == 0 ? 1 : u[argmax]);
            for (int i = 0; i < p; i++) u[i] /= norm;
            comps[j] = u;
            sd[j] = Math.sqrt(Math.max(values[order[j]], 1e-12 * top));
        }
        return new Basis(mean, comps, sd);
    }

    /** Eigenvalues and eigenvectors (columns of {@code vectors}) of a symmetric matrix. */
    record Eigen(double[] values, double[][] vectors) {
    }

    /**
     * LAPACK's symmetric eigensolver (dsyev through ND4J), which converges on any finite symmetric matrix: EJML's
     * QR iteration gave up on covariances with many nearly equal small eigenvalues, the rank-deficient covariance
     * of training targets made from a few dozen real spectra.
     */
    static Eigen symmetricEigen(INDArray symmetric, int p) {
        INDArray a = symmetric.dup('f');
        // exactly symmetric, so the triangle LAPACK reads does not matter
        a.assign(a.add(a.transpose()).muli(0.5));
        if (!Double.isFinite(a.sumNumber().doubleValue())) {
            throw new IllegalArgumentException("the training spectra contain values that are not finite numbers");
        }
        INDArray w = Nd4j.create(DataType.DOUBLE, p);
        int info = Nd4j.getBlasWrapper().lapack().syev('V', 'U', a, w);
        if (info != 0) throw new IllegalStateException("LAPACK dsyev did not converge (info " + info + ")");
        return new Eigen(w.toDoubleVector(), a.toDoubleMatrix());
    }
}
