package io.descatter.dynamics;

/** Closed forms of the exact discrete-time stationary covariance for online SGD with Gaussian inputs. */
public final class OnlineClosedForms {
    private OnlineClosedForms() {
    }

    /** Σ = s I for H = I: s = ησ² / (2B − η(B + 1 + d)). */
    public static double isotropicVariance(double eta, double noise, int batch, int d) {
        double den = 2.0 * batch - eta * (batch + 1 + d);
        if (den <= 0) throw new IllegalArgumentException("η too large: SGD has no stationary state");
        return eta * noise * noise / den;
    }

    /** The continuum value ησ²/(2B) of the same variance. */
    public static double isotropicContinuumVariance(double eta, double noise, int batch) {
        return eta * noise * noise / (2.0 * batch);
    }

    /**
     * Σ's eigenvalues s_i in the eigenbasis of H (eigenvalues λ_i):
     * s_i = (η/B)σ² / [(1 − K)(2 − η(1 + 1/B)λ_i)], K = (η/B) Σ_j λ_j / (2 − η(1 + 1/B)λ_j).
     */
    public static double[] anisotropicVariances(double eta, double noise, int batch, double[] lambda) {
        double g = eta * (1 + 1.0 / batch);
        double k = 0;
        for (double l : lambda) {
            if (2 - g * l <= 0) throw new IllegalArgumentException("η too large for curvature " + l);
            k += eta / batch * l / (2 - g * l);
        }
        if (k >= 1) throw new IllegalArgumentException("η too large: K = " + k + " >= 1");
        double[] s = new double[lambda.length];
        for (int i = 0; i < s.length; i++) s[i] = eta / batch * noise * noise / ((1 - k) * (2 - g * lambda[i]));
        return s;
    }
}
