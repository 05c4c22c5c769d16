package io.descatter.dynamics;

/** Student's t distribution: the quantile needed for confidence intervals of fitted slopes with few points. */
public final class StudentT {
    private StudentT() {
    }

    /** P(T ≤ t) for ν degrees of freedom, via the regularized incomplete beta function. */
    public static double cdf(double t, double nu) {
        double x = nu / (nu + t * t);
        double tail = 0.5 * regularizedBeta(x, nu / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** The p-quantile (0 < p < 1) by bisection on the monotone cdf. */
    public static double quantile(double p, double nu) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must lie in (0, 1)");
        double lo = -1e3;
        double hi = 1e3;
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, nu) < p) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** I_x(a, b) by the continued fraction of Numerical Recipes (Lentz's method). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x > (a + 1) / (a + b + 2)) return 1 - regularizedBeta(1 - x, b, a);
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double f = d;
        for (int m = 1; m <= 500; m++) {
            double num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + num * d;
            c = 1 + num / c;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = Math.abs(c) < tiny ? tiny : c;
            f *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + num * d;
            c = 1 + num / c;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = Math.abs(c) < tiny ? tiny : c;
            double delta = d * c;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-15) break;
        }
        return Math.exp(lnFront) * f / a;
    }

    /** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) a += c[i] / (x + i);
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
