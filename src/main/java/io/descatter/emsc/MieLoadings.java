package io.descatter.emsc;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

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

    /** The exact SVD of q (rows × K): singular values descending and the right singular vectors as rows. */
    static Decomposition decompose(double[] q, int rows, int k) {
        DMatrixRMaj a = new DMatrixRMaj(rows, k);
        System.arraycopy(q, 0, a.data, 0, rows * k);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, k, false, true, true);
        if (!svd.decompose(a)) throw new SingularFitException("SVD of the Mie curves did not converge");
        DMatrixRMaj vt = svd.getV(null, true);
        DMatrixRMaj w = svd.getW(null);
        SingularOps_DDRM.descendingOrder(null, false, w, vt, true);
        int n = Math.min(w.numRows, w.numCols);
        double[] s = new double[n];
        double[][] v = new double[n][k];
        for (int c = 0; c < n; c++) {
            s[c] = w.get(c, c);
            System.arraycopy(vt.data, c * k, v[c], 0, k);
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
