package io.descatter.dynamics;

/**
 * The Marchenko-Pastur law: the limiting eigenvalue density of H = XᵀX/N for x ~ N(0, I_d), ratio q = d/N ≤ 1,
 * supported on [(1 − √q)², (1 + √q)²].
 */
public final class MarchenkoPastur {
    private MarchenkoPastur() {
    }

    public static double lowerEdge(double q) {
        return Math.pow(1 - Math.sqrt(q), 2);
    }

    public static double upperEdge(double q) {
        return Math.pow(1 + Math.sqrt(q), 2);
    }

    /** ρ(λ) = √((λ₊ − λ)(λ − λ₋)) / (2π q λ) inside the support, 0 outside. */
    public static double density(double lambda, double q) {
        if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("q = d/N must lie in (0, 1]: " + q);
        double lo = lowerEdge(q);
        double hi = upperEdge(q);
        if (lambda <= lo || lambda >= hi) return 0;
        return Math.sqrt((hi - lambda) * (lambda - lo)) / (2 * Math.PI * q * lambda);
    }
}
