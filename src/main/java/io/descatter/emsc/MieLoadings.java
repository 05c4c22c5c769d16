package io.descatter.emsc;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Orthogonalisation of the Mie curves against the reference and their compression to the leading right
 * singular vectors (uncentred PCA), ME-EMSC.md §4.
 */
final class MieLoadings {
    private MieLoadings() {
    }

    /** {@code Q ← Q − (Q·r) rᵀ} with {@code r = reference/‖reference‖}, on the row-major rows × K matrix q. */
    static void orthogonalise(double[] q, int rows, double[] reference) {
        int k = reference.length;
        double norm = 0;
        for (double v : reference) norm += v * v;
        norm = Math.sqrt(norm);
        double[] r = new double[k];
        for (int i = 0; i < k; i++) r[i] = reference[i] / norm;
        for (int row = 0; row < rows; row++) {
            int off = row * k;
            double s = 0;
            for (int i = 0; i < k; i++) s += q[off + i] * r[i];
            for (int i = 0; i < k; i++) q[off + i] -= s * r[i];
        }
    }

    /**
     * The singular values of q (rows × K, row-major) and its first {@code count} right singular vectors, from the
     * eigen-decomposition of the rows × rows Gram matrix {@code G = Q·Qᵀ}: {@code σ² = λ}, {@code v = Qᵀ·u/σ}.
     *
     * <p>Why not an SVD of Q: forming G costs rows²·K/2 multiply-adds, an SVD of the rows × K matrix several
     * times that. Accuracy: an eigenvector error of ε·λ₁/gap becomes a loading error of about ε·σ₁²/(σ_a·gap);
     * for the loadings the model keeps (σ_a ≥ 1e-4·σ₁ for the MATLAB gold cases, 14 components included) this
     * stays below 1e-8, and the gold tests check the end result to 1e-7 (observed differences ≈ 1e-13).
     * Singular values below {@code sqrt(ε)·σ₁} come out inaccurate, which only matters for vectors that are not
     * requested; the explained-variance rule sums their squares, which are negligible there.
     */
    static Decomposition decompose(double[] q, int rows, int k, int count) {
        DMatrixRMaj gram = new DMatrixRMaj(rows, rows);
        Gram.compute(q, rows, k, gram.data);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(rows, true, true);
        if (!eig.decompose(gram)) throw new SingularFitException("eigen-decomposition of the Mie curves failed");
        Integer[] order = new Integer[rows];
        double[] lambda = new double[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
            lambda[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(lambda[y], lambda[x]));
        double[] s = new double[rows];
        for (int i = 0; i < rows; i++) s[i] = Math.sqrt(Math.max(lambda[order[i]], 0));
        double[][] v = new double[count][k];
        for (int c = 0; c < count; c++) {
            if (!(s[c] > 0)) throw new SingularFitException("the Mie curves have fewer than " + count + " components");
            DMatrixRMaj u = eig.getEigenVector(order[c]);
            double[] vc = v[c];
            for (int r = 0; r < rows; r++) {
                double f = u.data[r] / s[c];
                int off = r * k;
                for (int i = 0; i < k; i++) vc[i] += f * q[off + i];
            }
        }
        return new Decomposition(s, v);
    }

    /**
     * The smallest number of components whose cumulative explained variance {@code 100·cumsum(s²)/Σs²} exceeds
     * {@code percent}, the sum running over the top {@code min(30, K−1)} singular values (the ports' rule).
     */
    static int componentsFor(double[] singularValues, int k, double percent) {
        int top = Math.min(Math.min(30, k - 1), singularValues.length);
        double total = 0;
        for (int i = 0; i < top; i++) total += singularValues[i] * singularValues[i];
        double cumulative = 0;
        for (int i = 0; i < top; i++) {
            cumulative += singularValues[i] * singularValues[i] / total; // cumsum(s²/Σs²)·100, as the ports
            if (cumulative * 100 > percent) return i + 1;
        }
        return top;
    }

    record Decomposition(double[] singularValues, double[][] rightVectors) {
    }
}
