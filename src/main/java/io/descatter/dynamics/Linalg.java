package io.descatter.dynamics;

import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/** Small dense linear algebra on row-major double[] matrices; EJML does the decompositions. */
public final class Linalg {
    private Linalg() {
    }

    /** Eigen-decomposition of a symmetric matrix: eigenvalues descending, eigenvectors as the COLUMNS of vectors. */
    public record SymmetricEigen(double[] values, double[] vectors, int n) {
        /** Eigenvector i as a new array. */
        public double[] vector(int i) {
            double[] v = new double[n];
            for (int r = 0; r < n; r++) v[r] = vectors[r * n + i];
            return v;
        }

        /** V f(Λ) Vᵀ. */
        public double[] apply(DoubleUnaryOperator f) {
            double[] out = new double[n * n];
            for (int k = 0; k < n; k++) {
                double fk = f.applyAsDouble(values[k]);
                for (int i = 0; i < n; i++) {
                    double vik = vectors[i * n + k] * fk;
                    for (int j = 0; j < n; j++) out[i * n + j] += vik * vectors[j * n + k];
                }
            }
            return out;
        }
    }

    public static SymmetricEigen eigenSymmetric(double[] a, int n) {
        double[] sym = symmetrize(a, n);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(new DMatrixRMaj(n, n, true, sym))) throw new ArithmeticException("eigen-decomposition failed");
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (p, q) -> Double.compare(eig.getEigenvalue(q).real, eig.getEigenvalue(p).real));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            values[k] = eig.getEigenvalue(order[k]).real;
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            double norm = 0;
            for (int r = 0; r < n; r++) norm += v.get(r) * v.get(r);
            norm = Math.sqrt(norm);
            for (int r = 0; r < n; r++) vectors[r * n + k] = v.get(r) / norm;
        }
        return new SymmetricEigen(values, vectors, n);
    }

    /** Solves A x = b (A n x n row-major) by LU with partial pivoting. */
    public static double[] solve(double[] a, double[] b, int n) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(n);
        if (!solver.setA(new DMatrixRMaj(n, n, true, a.clone()))) throw new ArithmeticException("singular system");
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        solver.solve(new DMatrixRMaj(n, 1, true, b.clone()), x);
        return x.data.clone();
    }

    /** C = A B with A r x k, B k x c. */
    public static double[] multiply(double[] a, double[] b, int r, int k, int c) {
        double[] out = new double[r * c];
        for (int i = 0; i < r; i++)
            for (int m = 0; m < k; m++) {
                double aim = a[i * k + m];
                if (aim == 0) continue;
                for (int j = 0; j < c; j++) out[i * c + j] += aim * b[m * c + j];
            }
        return out;
    }

    /** Square products A B (n x n). */
    public static double[] multiply(double[] a, double[] b, int n) {
        return multiply(a, b, n, n, n);
    }

    public static double[] transpose(double[] a, int r, int c) {
        double[] t = new double[r * c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) t[j * r + i] = a[i * c + j];
        return t;
    }

    public static double[] symmetrize(double[] a, int n) {
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) s[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i]);
        return s;
    }

    public static double[] identity(int n) {
        double[] id = new double[n * n];
        for (int i = 0; i < n; i++) id[i * n + i] = 1;
        return id;
    }

    public static double trace(double[] a, int n) {
        double t = 0;
        for (int i = 0; i < n; i++) t += a[i * n + i];
        return t;
    }

    public static double frobeniusSquared(double[] a) {
        double s = 0;
        for (double v : a) s += v * v;
        return s;
    }

    public static double frobenius(double[] a) {
        return Math.sqrt(frobeniusSquared(a));
    }

    public static double[] add(double[] a, double alpha, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) out[i] += alpha * b[i];
        return out;
    }

    public static double[] scale(double[] a, double alpha) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) out[i] *= alpha;
        return out;
    }

    /** A B − B A. */
    public static double[] commutator(double[] a, double[] b, int n) {
        return add(multiply(a, b, n), -1, multiply(b, a, n));
    }

    /** ‖A − B‖_F / ‖B‖_F. */
    public static double relativeFrobeniusError(double[] a, double[] b) {
        return frobenius(add(a, -1, b)) / frobenius(b);
    }

    /** P A Pᵀ for P r x n, A n x n. */
    public static double[] congruence(double[] p, double[] a, int r, int n) {
        return multiply(multiply(p, a, r, n, n), transpose(p, r, n), r, n, r);
    }

    /** The sub-block rows [r0, r0+rows) x cols [c0, c0+cols) of an n x n matrix. */
    public static double[] block(double[] a, int n, int r0, int rows, int c0, int cols) {
        double[] b = new double[rows * cols];
        for (int i = 0; i < rows; i++) System.arraycopy(a, (r0 + i) * n + c0, b, i * cols, cols);
        return b;
    }

    /** Kronecker product A ⊗ B (A p x q, B r x s). */
    public static double[] kronecker(double[] a, int p, int q, double[] b, int r, int s) {
        double[] out = new double[p * r * q * s];
        int cols = q * s;
        for (int i = 0; i < p; i++)
            for (int j = 0; j < q; j++)
                for (int k = 0; k < r; k++)
                    for (int l = 0; l < s; l++) out[(i * r + k) * cols + j * s + l] = a[i * q + j] * b[k * s + l];
        return out;
    }
}
