package io.descatter.physics;

/**
 * The scaled refractive index of an absorbing sample on its wavenumber axis.
 *
 * @param imaginaryScaled {@code n''_s = P / (100·ν)}: absorbance divided by the wavenumber in m⁻¹
 * @param kramersKronig   {@code n_kk}: the Kramers–Kronig partner of {@code n''_s} (its negated Hilbert transform
 *                        along ascending wavenumber)
 */
public record RefractiveIndex(double[] imaginaryScaled, double[] kramersKronig) {

    /** The physical real part {@code n'(ν) = n0 + (n0 − 1)·γ·n_kk} for one particle. */
    public double[] real(double n0, double gamma) {
        double[] n = new double[kramersKronig.length];
        for (int k = 0; k < n.length; k++) n[k] = n0 + (n0 - 1) * gamma * kramersKronig[k];
        return n;
    }

    /** The physical imaginary part {@code n''(ν) = (n0 − 1)·γ·n''_s} for one particle. */
    public double[] imaginary(double n0, double gamma) {
        double[] n = new double[imaginaryScaled.length];
        for (int k = 0; k < n.length; k++) n[k] = (n0 - 1) * gamma * imaginaryScaled[k];
        return n;
    }
}
