package io.descatter.dynamics;

import java.util.ArrayList;
import java.util.List;

/**
 * Linearised, continuum stationary fluctuations of a two-layer linear network f = W₂ W₁ x at a population minimum
 * (x ~ N(0, I), online SGD): Σ_joint = (ησ²/2B) P_range(H). With W₂W₂ᵀ = Σ a_i u_i u_iᵀ and W₁ = Σ s_k p_k q_kᵀ:
 * layer 2 along u_i p_kᵀ has variance (ησ²/2B) s_k²/(a_i + s_k²) and curvature s_k²; layer 1 along v_i q_jᵀ
 * (v_i eigenvectors of W₂ᵀW₂ with eigenvalues a_i, q_j of W₁ᵀW₁ with b_j) has (ησ²/2B) a_i/(a_i + b_j) and
 * curvature a_i. In Feng-Tu terms the layer-2 modes obey σ_k² = (ησ²/2B) c/(c + a F_k²), c = 8(e−1)L₀.
 */
public final class TwoLayerModes {
    /**
     * One fluctuation mode.
     * @param direction unit vector in the layer's own weight space (row-major like the layer)
     * @param variance  predicted variance along it
     * @param curvature loss curvature along it (other layer fixed)
     */
    public record Mode(int layer, double a, double b, double[] direction, double variance, double curvature) {
    }

    private final LinearChain chain;
    private final double[] w1;
    private final double[] w2;
    private final double scale;

    /** @param theta the two-layer parameters (W₁ then W₂); scale = ησ²/(2B) */
    public TwoLayerModes(LinearChain chain, double[] theta, double eta, double noise, int batch) {
        if (chain.layers() != 2) throw new IllegalArgumentException("two layers expected: " + chain);
        this.chain = chain;
        this.w1 = chain.layer(theta, 0);
        this.w2 = chain.layer(theta, 1);
        this.scale = eta * noise * noise / (2.0 * batch);
    }

    /** ησ²/(2B), the variance of every range direction in the continuum limit. */
    public double scale() { return scale; }

    /** Layer-2 modes u_i p_kᵀ, sorted by descending s_k within each a_i. */
    public List<Mode> layer2() {
        int d = chain.width(0);
        int h = chain.width(1);
        int o = chain.width(2);
        Linalg.SymmetricEigen outer2 = Linalg.eigenSymmetric(Linalg.multiply(w2, Linalg.transpose(w2, o, h), o, h, o), o);
        Linalg.SymmetricEigen outer1 = Linalg.eigenSymmetric(Linalg.multiply(w1, Linalg.transpose(w1, h, d), h, d, h), h);
        List<Mode> modes = new ArrayList<>();
        for (int i = 0; i < o; i++) {
            double a = outer2.values()[i];
            double[] u = outer2.vector(i);
            for (int k = 0; k < h; k++) {
                double s2 = Math.max(outer1.values()[k], 0);
                if (a + s2 <= 0) continue;
                double[] p = outer1.vector(k);
                double[] dir = new double[o * h];
                for (int r = 0; r < o; r++) for (int c = 0; c < h; c++) dir[r * h + c] = u[r] * p[c];
                modes.add(new Mode(2, a, s2, dir, scale * s2 / (a + s2), s2));
            }
        }
        return modes;
    }

    /** Layer-1 modes v_i q_jᵀ with a_i + b_j > 0. */
    public List<Mode> layer1() {
        int d = chain.width(0);
        int h = chain.width(1);
        int o = chain.width(2);
        Linalg.SymmetricEigen inner2 = Linalg.eigenSymmetric(Linalg.multiply(Linalg.transpose(w2, o, h), w2, h, o, h), h);
        Linalg.SymmetricEigen inner1 = Linalg.eigenSymmetric(Linalg.multiply(Linalg.transpose(w1, h, d), w1, d, h, d), d);
        List<Mode> modes = new ArrayList<>();
        double cut = GaussNewton.NULL_FRACTION * Math.max(inner2.values()[0], inner1.values()[0]);
        for (int i = 0; i < h; i++) {
            double a = Math.max(inner2.values()[i], 0);
            double[] v = inner2.vector(i);
            for (int j = 0; j < d; j++) {
                double b = Math.max(inner1.values()[j], 0);
                if (a + b <= cut) continue;
                double[] q = inner1.vector(j);
                double[] dir = new double[h * d];
                for (int r = 0; r < h; r++) for (int c = 0; c < d; c++) dir[r * d + c] = v[r] * q[c];
                modes.add(new Mode(1, a, b, dir, scale * a / (a + b), a));
            }
        }
        return modes;
    }

    /** Feng-Tu width of a layer-2 mode with curvature s²: F = 2√(2(e−1)L₀)/s. */
    public static double flatness(double baseLoss, double s2) {
        return VarianceFlatness.quadraticWidth(baseLoss, s2);
    }

    /** The inverse variance-flatness relation σ² = (ησ²/2B) c/(c + a F²), c = 8(e−1)L₀. */
    public double varianceAtFlatness(double baseLoss, double a, double flatness) {
        double c = 8 * (Math.E - 1) * baseLoss;
        return scale * c / (c + a * flatness * flatness);
    }

    /** D = W₁W₁ᵀ − W₂ᵀW₂ (h x h), conserved by gradient flow. */
    public static double[] balance(LinearChain chain, double[] theta) {
        int d = chain.width(0);
        int h = chain.width(1);
        int o = chain.width(2);
        double[] a = chain.layer(theta, 0);
        double[] b = chain.layer(theta, 1);
        return Linalg.add(Linalg.multiply(a, Linalg.transpose(a, h, d), h, d, h), -1,
                Linalg.multiply(Linalg.transpose(b, o, h), b, h, o, h));
    }

    /** E ΔD per step at a population minimum: (η²σ²/B)(d W₂ᵀW₂ − o W₁W₁ᵀ). */
    public static double[] expectedBalanceDrift(LinearChain chain, double[] theta, double eta, double noise, int batch) {
        int d = chain.width(0);
        int h = chain.width(1);
        int o = chain.width(2);
        double[] a = chain.layer(theta, 0);
        double[] b = chain.layer(theta, 1);
        double[] w2tw2 = Linalg.multiply(Linalg.transpose(b, o, h), b, h, o, h);
        double[] w1w1t = Linalg.multiply(a, Linalg.transpose(a, h, d), h, d, h);
        return Linalg.scale(Linalg.add(Linalg.scale(w2tw2, d), -o, w1w1t), eta * eta * noise * noise / batch);
    }
}
