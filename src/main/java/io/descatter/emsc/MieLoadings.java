package io.descatter.emsc;

import io.descatter.util.Sums;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Orthogonalisation of the Mie curves against the reference and their compression to the leading right
 * singular vectors (uncentred PCA), ME-EMSC.md §4, through the rows × rows Gram matrix: {@code σ² = λ(G)},
 * {@code v = Q'ᵀ·u/σ}. Q comes as one array per curve.
 *
 * <p>One instance per thread: it holds the work arrays (so an iteration allocates only its loadings) and the
 * eigenvectors of the previous call, which seed the next one.
 *
 * <p>Why the Gram matrix and not an SVD of Q: forming G costs rows²·K/2 multiply-adds, an SVD of the rows × K
 * matrix several times that. Accuracy: an eigenvector error of ε·λ₁/gap becomes a loading error of about
 * ε·σ₁²/(σ_a·gap); for the loadings the model keeps (σ_a ≥ 1e-4·σ₁ in the MATLAB gold cases, 14 components
 * included) this stays below 1e-8, and the gold tests check the end result to 1e-7. Singular values below
 * {@code sqrt(ε)·σ₁} come out inaccurate, which only matters for vectors that are not requested; the
 * explained-variance rule sums their squares, which are negligible there.
 */
final class MieLoadings {
    /**
     * Convergence of the subspace iteration: every requested Ritz pair has ‖G·u − θ·u‖ ≤ TOLERANCE·θ₁. Rounding
     * alone leaves ≈ √rows·ε·θ₁ ≈ 1e-15·θ₁, as large as the backward error of a full eigen-decomposition, so
     * the two agree to that level; 4e-15 is reached in 3–4 steps on the measured spectra.
     */
    private static final double TOLERANCE = 4e-15;
    /** Steps before the subspace iteration gives up and the full decomposition is used instead. */
    private static final int MAX_STEPS = 40;
    /**
     * Power steps before the first Rayleigh–Ritz step: the measured spectra converge after 3 steps (2,481 of 2,493
     * calls; 10 after 2, 2 after 4), so testing earlier only costs Ritz steps that cannot succeed.
     */
    private static final int POWER_STEPS = 3;
    /** Vectors iterated beyond those requested: convergence goes as (λ_{count+GUARD+1}/λ_count)^steps. */
    private static final int GUARD = 8;
    /** 1/√2: a Gram–Schmidt pass that keeps more of the norm than this has lost no orthogonality to cancellation. */
    private static final double REORTHOGONALISE = Math.sqrt(0.5);

    private final int rows;
    private final int k;
    /** G, one array per row (symmetric, so also per column): every loop below indexes its arrays alike. */
    private final double[][] gram;
    private final Gram gramKernel;
    private final double[] unit;
    private final double[] projection;
    /** The previous eigenvectors (one array each, seedCount of them), the start of the next subspace iteration. */
    private final double[][] seed;
    private int seedCount;
    private final double[][] basis;
    private final double[][] image;
    private final double[][] ritz;
    private final double[][] ritzImage;
    private final DMatrixRMaj small = new DMatrixRMaj(1, 1);
    private EigenDecomposition_F64<DMatrixRMaj> smallEig;
    private int smallSize = -1;
    /** Subspace iterations that did not converge and fell back to the full decomposition (for tests and logs). */
    private int fallbacks;
    /** Subspace-iteration steps taken, all calls together (for the benchmark's figures). */
    private long steps;

    MieLoadings(int rows, int k) {
        this.rows = rows;
        this.k = k;
        gram = new double[rows][rows];
        gramKernel = new Gram(rows);
        unit = new double[k];
        projection = new double[rows];
        seed = new double[rows][rows];
        basis = new double[rows][rows];
        image = new double[rows][rows];
        ritz = new double[rows][rows];
        ritzImage = new double[rows][rows];
    }

    int fallbacks() {
        return fallbacks;
    }

    long steps() {
        return steps;
    }

    /** Starts the next {@link #leading} from these eigenvectors (the first count arrays). */
    void seed(double[][] vectors, int count) {
        for (int c = 0; c < count; c++) System.arraycopy(vectors[c], 0, seed[c], 0, rows);
        seedCount = count;
    }

    /**
     * All singular values of {@code Q' = Q − (Q·r)·rᵀ} ({@code r = reference/‖reference‖}; q is rows × K, not
     * modified) and its first {@code count} right singular vectors, by a full symmetric
     * eigen-decomposition of G (EJML). The eigenvectors become the seed of the next {@link #leading}.
     */
    Decomposition decompose(double[][] q, double[] reference, int count) {
        gram(q, reference);
        double[] s = fullEigen(Math.min(rows, count + GUARD));
        return loadings(q, s, count);
    }

    /**
     * As {@link #decompose}, but only the first {@code count} singular values and vectors, by subspace iteration
     * with Rayleigh–Ritz started from the seed (the previous iteration's eigenvectors, which ME-EMSC changes
     * little), falling back to the full decomposition when it does not converge.
     */
    Decomposition leading(double[][] q, double[] reference, int count) {
        return loadings(q, leadingValues(q, reference, count), count);
    }

    /**
     * As {@link #leading}, without forming the loadings: the first {@code count} singular values; their
     * eigenvectors stay here for {@link #fit}.
     */
    double[] leadingValues(double[][] q, double[] reference, int count) {
        gram(q, reference);
        int b = Math.min(rows, count + GUARD);
        double[] s = seedCount >= b ? subspace(count, b) : null;
        if (s == null) {
            fallbacks++;
            s = fullEigen(b);
        }
        return s;
    }

    /**
     * The least-squares fit of z by ME-EMSC's model columns {@code [R, v_1..v_A, 1]} (A = count, R the reference of
     * the last {@link #leadingValues}, v_a its loadings) without forming the loadings, each of which is a pass over
     * Q, and without a QR factorisation of the K × (A + 2) model. The loadings are orthonormal and orthogonal to R
     * by construction (right singular vectors of Q', whose rows are orthogonal to R), so with V = [v_a] and
     * P = I − V·Vᵀ the fit splits exactly: {@code g = Vᵀz − c·Vᵀ1}, and (b, c) solve the 2 × 2 least-squares problem
     * of P·z by R (= P·R) and P·1. Every product with V is one with Q: {@code Vᵀx = (Uᵀ·Q'x)/σ} with
     * {@code Q'x = Q·x − w·(r̂·x)}, and {@code V·h = Q'ᵀ·(U·h/σ)}. Four matrix-vector products in all (Q·z, Q·1,
     * Q'ᵀ for P·1 and for Σ g_a·v_a), against a product of Q with A vectors and a QR factorisation. P·1 is formed
     * as a vector rather than through 1·1 − |Vᵀ1|², which cancels when the loadings nearly span the constant (they
     * do: Mie curves have a strong constant part); the gold cases then agree with the QR solution to rounding.
     *
     * @param s      the singular values from {@link #leadingValues}
     * @param mieSum receives {@code Σ_a g_a·v_a} (K values)
     * @return {@code β = [b, g_1..g_A, c]}
     * @throws SingularFitException when R and the constant are dependent once the loadings are fitted
     */
    double[] fit(double[][] q, double[] z, double[] reference, double[] s, int count, double[] mieSum) {
        for (int c = 0; c < count; c++) {
            if (!(s[c] > 0)) throw new SingularFitException("the Mie curves have fewer than " + count + " components");
        }
        if (ones == null) {
            ones = new double[k];
            Arrays.fill(ones, 1);
            qz = new double[rows];
            q1 = new double[rows];
            constantPart = new double[k];
        }
        gramKernel.times(q, z, qz);
        gramKernel.times(q, ones, q1);
        double[] wu = new double[count]; // w·u_a, shared by both products
        for (int a = 0; a < count; a++) wu[a] = dot(seed[a], projection);
        double[] vz = loadingProducts(qz, Sums.dot(unit, z), wu, s, count);
        double[] vOne = loadingProducts(q1, Sums.of(unit, 0, k), wu, s, count);
        combineLoadings(q, vOne, s, count, constantPart); // V·Vᵀ1
        for (int i = 0; i < k; i++) constantPart[i] = 1 - constantPart[i]; // P·1
        double rr = Sums.dot(reference, reference);
        double rp = Sums.dot(reference, constantPart);
        double pp = Sums.dot(constantPart, constantPart);
        double det = rr * pp - rp * rp;
        if (!(det > 1e-24 * rr * pp)) {
            throw new SingularFitException("the reference and the constant depend linearly on each other and the Mie loadings");
        }
        double rz = Sums.dot(reference, z); // R·P·z = R·z, as P·R = R
        double pz = Sums.dot(constantPart, z);
        double[] beta = new double[count + 2];
        beta[0] = (pp * rz - rp * pz) / det;
        double c = (rr * pz - rp * rz) / det;
        beta[count + 1] = c;
        double[] g = new double[count];
        for (int a = 0; a < count; a++) {
            g[a] = vz[a] - c * vOne[a];
            beta[1 + a] = g[a];
        }
        combineLoadings(q, g, s, count, mieSum);
        return beta;
    }

    /** {@code Vᵀx} from {@code qx = Q·x}, {@code r̂·x} and {@code wu = w·u}: {@code (u_a·qx − wu_a·(r̂·x))/σ_a}. */
    private double[] loadingProducts(double[] qx, double unitX, double[] wu, double[] s, int count) {
        double[] out = new double[count];
        for (int a = 0; a < count; a++) out[a] = (dot(seed[a], qx) - wu[a] * unitX) / s[a];
        return out;
    }

    /** {@code out = V·h = Q'ᵀ·y} with {@code y = Σ_a h_a·u_a/σ_a}: {@code Qᵀy − r̂·(w·y)}. */
    private void combineLoadings(double[][] q, double[] h, double[] s, int count, double[] out) {
        double[] y = new double[rows];
        for (int a = 0; a < count; a++) {
            double f = h[a] / s[a];
            double[] u = seed[a];
            for (int r = 0; r < rows; r++) y[r] += f * u[r];
        }
        double wy = dot(projection, y);
        gramKernel.transposeTimes(q, y, out);
        for (int i = 0; i < k; i++) out[i] -= wy * unit[i];
    }

    private double[] ones;
    private double[] qz;
    private double[] q1;
    private double[] constantPart;

    /**
     * An eigenvector's sign is arbitrary (the MATLAB and Python peers take whatever LAPACK returns, so their gold
     * data is compared by |parameters|); it decides the sign of the Mie loading and of its score g_a. Fixed here:
     * each vector's entry of largest magnitude is positive, so that the scores a user sees do not flip between
     * spectra, thread counts or versions with other rounding (negating a vector is exact and changes nothing else).
     */
    private void fixSigns() {
        for (int c = 0; c < seedCount; c++) {
            double[] u = seed[c];
            int largest = 0;
            for (int i = 1; i < rows; i++) if (Math.abs(u[i]) > Math.abs(u[largest])) largest = i;
            if (u[largest] < 0) for (int i = 0; i < rows; i++) u[i] = -u[i];
        }
    }

    /** A copy of the eigenvectors of the last decomposition ({@link #vectorCount} arrays). */
    double[][] vectors() {
        double[][] v = new double[seedCount][];
        for (int c = 0; c < seedCount; c++) v[c] = seed[c].clone();
        return v;
    }

    int vectorCount() {
        return seedCount;
    }

    /**
     * {@code G = Q'·Q'ᵀ = Q·Qᵀ − w·wᵀ} with {@code w = Q·r}: the orthogonalisation folded into the Gram matrix
     * instead of rewriting Q (one pass over Q fewer). The subtraction adds rounding of about ε·‖w‖² per entry,
     * and ‖w‖² ≤ λ₁(Q·Qᵀ), the scale of the rounding already in Q·Qᵀ; it is larger than orthogonalising first only
     * when the curves lie mostly along the reference, which they do not for the spectra at hand: the gold
     * differences stay at ≈1e-12.
     */
    void gram(double[][] q, double[] reference) {
        double norm = 0;
        for (double v : reference) norm += v * v;
        norm = Math.sqrt(norm);
        for (int i = 0; i < k; i++) unit[i] = reference[i] / norm;
        gramKernel.compute(q, unit, gram, projection);
        for (int r = 0; r < rows; r++) {
            double wr = projection[r];
            double[] gr = gram[r];
            for (int c = 0; c < rows; c++) gr[c] -= wr * projection[c];
        }
    }

    /** All eigenvalues of G (descending, as singular values); the first {@code keep} eigenvectors into the seed. */
    private double[] fullEigen(int keep) {
        DMatrixRMaj g = new DMatrixRMaj(gram);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(rows, true, true);
        if (!eig.decompose(g)) throw new SingularFitException("eigen-decomposition of the Mie curves failed");
        Integer[] order = sortedDescending(eig, rows);
        double[] s = new double[rows];
        for (int i = 0; i < rows; i++) s[i] = Math.sqrt(Math.max(eig.getEigenvalue(order[i]).getReal(), 0));
        for (int c = 0; c < keep; c++) System.arraycopy(eig.getEigenVector(order[c]).data, 0, seed[c], 0, rows);
        seedCount = keep;
        fixSigns();
        return s;
    }

    /**
     * Block subspace iteration with Rayleigh–Ritz on G from the seed's first b vectors; the first {@code count}
     * singular values, or null when it does not converge (or the block degenerates). Each step costs one G·V
     * (rows²·b multiply-adds) and a b × b eigenproblem; on success the Ritz vectors replace the seed.
     */
    private double[] subspace(int count, int b) {
        int n = rows;
        double[][] v = basis;
        double[][] z = image;
        for (int c = 0; c < b; c++) System.arraycopy(seed[c], 0, v[c], 0, n);
        if (!orthonormalise(v, b)) return null;
        // Plain power steps first: the subspace after s steps is span(G^s·V) whether or not Rayleigh–Ritz rotates
        // its basis in between, so the Ritz step (and its convergence test) is only worth its cost where
        // convergence may have been reached; on the measured spectra that is after POWER_STEPS steps.
        for (int step = 0; step < POWER_STEPS; step++) {
            steps++;
            multiply(v, z, b);
            double[][] swap = v;
            v = z;
            z = swap;
            if (!orthonormalise(v, b)) return null;
        }
        double[] h = smallMatrix(b);
        double[] theta = new double[b];
        for (int step = POWER_STEPS; step < MAX_STEPS; step++) {
            steps++;
            multiply(v, z, b);
            for (int i = 0; i < b; i++) {
                for (int j = 0; j <= i; j++) {
                    double d = dot(v[i], z[j]);
                    h[i * b + j] = d;
                    h[j * b + i] = d;
                }
            }
            if (!smallEig.decompose(small)) return null;
            Integer[] order = sortedDescending(smallEig, b);
            // Ritz vectors V·Y, and their images Z·Y (= G·V·Y): the next step's start
            for (int c = 0; c < b; c++) {
                theta[c] = smallEig.getEigenvalue(order[c]).getReal();
                double[] y = smallEig.getEigenVector(order[c]).data;
                double[] rc = ritz[c];
                double[] gc = ritzImage[c];
                Arrays.fill(rc, 0);
                Arrays.fill(gc, 0);
                for (int j = 0; j < b; j++) {
                    double yj = y[j];
                    double[] vj = v[j];
                    double[] zj = z[j];
                    for (int i = 0; i < n; i++) {
                        rc[i] += yj * vj[i];
                        gc[i] += yj * zj[i];
                    }
                }
            }
            boolean converged = theta[0] > 0;
            for (int c = 0; c < count && converged; c++) {
                double[] rc = ritz[c];
                double[] gc = ritzImage[c];
                double res = 0;
                for (int i = 0; i < n; i++) {
                    double d = gc[i] - theta[c] * rc[i];
                    res += d * d;
                }
                converged = Math.sqrt(res) <= TOLERANCE * theta[0];
            }
            if (converged) {
                for (int c = 0; c < b; c++) System.arraycopy(ritz[c], 0, seed[c], 0, n);
                seedCount = b;
                fixSigns();
                double[] s = new double[count];
                for (int c = 0; c < count; c++) s[c] = Math.sqrt(Math.max(theta[c], 0));
                return s;
            }
            for (int c = 0; c < b; c++) System.arraycopy(ritzImage[c], 0, v[c], 0, n);
            if (!orthonormalise(v, b)) return null;
        }
        return null;
    }

    /** The b × b matrix of the Rayleigh–Ritz step (EJML's decomposition is planned once per size). */
    private double[] smallMatrix(int b) {
        if (smallSize != b) {
            small.reshape(b, b);
            smallEig = DecompositionFactory_DDRM.eig(b, true, true);
            smallSize = b;
        }
        return small.data;
    }

    /**
     * z_c = G·v_c for the first b vectors, as Σ_j v_c[j]·G_j (G symmetric: row j is column j), four vectors at a
     * time so that each row of G is loaded once for four multiply-adds.
     */
    private void multiply(double[][] v, double[][] z, int b) {
        int c = 0;
        for (; c + 3 < b; c += 4) {
            double[] v0 = v[c];
            double[] v1 = v[c + 1];
            double[] v2 = v[c + 2];
            double[] v3 = v[c + 3];
            double[] z0 = z[c];
            double[] z1 = z[c + 1];
            double[] z2 = z[c + 2];
            double[] z3 = z[c + 3];
            Arrays.fill(z0, 0);
            Arrays.fill(z1, 0);
            Arrays.fill(z2, 0);
            Arrays.fill(z3, 0);
            for (int j = 0; j < rows; j++) {
                double x0 = v0[j];
                double x1 = v1[j];
                double x2 = v2[j];
                double x3 = v3[j];
                double[] gj = gram[j];
                for (int i = 0; i < rows; i++) {
                    double g = gj[i];
                    z0[i] += x0 * g;
                    z1[i] += x1 * g;
                    z2[i] += x2 * g;
                    z3[i] += x3 * g;
                }
            }
        }
        for (; c < b; c++) {
            double[] vc = v[c];
            double[] zc = z[c];
            Arrays.fill(zc, 0);
            for (int j = 0; j < rows; j++) {
                double x = vc[j];
                double[] gj = gram[j];
                for (int i = 0; i < rows; i++) zc[i] += x * gj[i];
            }
        }
    }

    /**
     * Modified Gram–Schmidt with reorthogonalisation where it is needed (false when a vector vanishes): a second pass
     * when the first removed more than 1 − 1/√2 of the vector's norm (Kahan and Parlett's "twice is enough"
     * criterion), which after a product with G is nearly always, and for the seed, which is orthonormal already,
     * never.
     */
    private boolean orthonormalise(double[][] v, int b) {
        for (int c = 0; c < b; c++) {
            double[] vc = v[c];
            double before = Math.sqrt(dot(vc, vc));
            double norm = before;
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < c; j++) {
                    double[] vj = v[j];
                    double d = dot(vj, vc);
                    for (int i = 0; i < rows; i++) vc[i] -= d * vj[i];
                }
                double previous = norm;
                norm = Math.sqrt(dot(vc, vc));
                if (c == 0 || norm > previous * REORTHOGONALISE) break;
            }
            if (!(norm > 1e-8 * before) || !(norm > 0)) return false; // numerically dependent
            double inv = 1 / norm;
            for (int i = 0; i < rows; i++) vc[i] *= inv;
        }
        return true;
    }

    /**
     * The loadings {@code v_c = Q'ᵀu_c/σ_c = (Qᵀu_c − r·(w·u_c))/σ_c} from the eigenvectors in the seed (Qᵀu by the
     * Gram kernel, which still holds Q).
     */
    private Decomposition loadings(double[][] q, double[] s, int count) {
        double[][] v = new double[count][k];
        double[] f = new double[count];
        for (int c = 0; c < count; c++) {
            if (!(s[c] > 0)) throw new SingularFitException("the Mie curves have fewer than " + count + " components");
        }
        double[][] weights = new double[count][rows];
        for (int c = 0; c < count; c++) {
            for (int r = 0; r < rows; r++) weights[c][r] = seed[c][r] / s[c];
        }
        gramKernel.combineRows(q, weights, count, v);
        for (int c = 0; c < count; c++) {
            double wu = dot(projection, seed[c]) / s[c];
            double[] vc = v[c];
            for (int i = 0; i < k; i++) vc[i] -= wu * unit[i];
        }
        return new Decomposition(s, v);
    }

    private static Integer[] sortedDescending(EigenDecomposition_F64<DMatrixRMaj> eig, int n) {
        Integer[] order = new Integer[n];
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            lambda[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(order, (x, y) -> Double.compare(lambda[y], lambda[x]));
        return order;
    }

    private static double dot(double[] a, double[] b) {
        return Sums.dot(a, b);
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

    /** The singular values (all of them, or the first {@code count}) and the first right singular vectors. */
    record Decomposition(double[] singularValues, double[][] rightVectors) {
    }
}
