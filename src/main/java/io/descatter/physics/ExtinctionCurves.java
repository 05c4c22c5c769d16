package io.descatter.physics;

/**
 * All Van de Hulst curves of a {@link MieGrid} over one axis, as a row-major matrix with one row per
 * (alpha0_i, gamma_j), alpha0 outer and gamma inner. Immutable and thread-safe; callers pass their own buffers.
 *
 * <p>Speed: everything that depends only on gamma_j and the point (tanB, cosB, sinB, cos2B, sin2B, the
 * rho base {@code (1 + gamma·n_kk)·100ν}) is computed once and shared across the alpha0 values, and the
 * angle differences are expanded ({@code sin(ρ−B) = sinρ·cosB − cosρ·sinB},
 * {@code cos(ρ−2B) = cosρ·cos2B + sinρ·sin2B}) so that atan and four of the six trigonometric calls per
 * entry disappear.
 */
public final class ExtinctionCurves {
    private final double[] alpha0;
    private final double[] gamma;
    private final double[] wavenumbersPerMetre;

    /** @param wavenumbers the axis in cm⁻¹ */
    public ExtinctionCurves(MieGrid grid, double[] wavenumbers) {
        this.alpha0 = grid.alpha0();
        this.gamma = grid.gamma();
        this.wavenumbersPerMetre = new double[wavenumbers.length];
        for (int k = 0; k < wavenumbers.length; k++) wavenumbersPerMetre[k] = 100 * wavenumbers[k];
    }

    public int rows() {
        return alpha0.length * gamma.length;
    }

    public int columns() {
        return wavenumbersPerMetre.length;
    }

    /** A new rows × columns matrix (row-major) of the curves for {@code index}. */
    public double[] compute(RefractiveIndex index) {
        double[] q = new double[rows() * columns()];
        compute(index, q);
        return q;
    }

    /** Fills {@code q} (length rows × columns, row-major) with the curves for {@code index}. */
    public void compute(RefractiveIndex index, double[] q) {
        int kk = columns();
        if (q.length != rows() * kk) throw new IllegalArgumentException("expected " + rows() * kk + " values");
        double[] nprs = index.imaginaryScaled();
        double[] nkk = index.kramersKronig();
        int nGamma = gamma.length;
        for (int j = 0; j < nGamma; j++) {
            double g = gamma[j];
            double invG = 1 / g;
            for (int k = 0; k < kk; k++) {
                double base = (1 + g * nkk[k]) * wavenumbersPerMetre[k];
                double tanB = nprs[k] / (invG + nkk[k]);
                // B = atan(tanB) lies in (-π/2, π/2), so cos B > 0
                double cosB = 1 / Math.sqrt(1 + tanB * tanB);
                double sinB = tanB * cosB;
                double cos2B = (cosB - sinB) * (cosB + sinB);
                double sin2B = 2 * sinB * cosB;
                double decayRate = base * tanB;
                for (int i = 0; i < alpha0.length; i++) {
                    double a = alpha0[i];
                    double rho = a * base;
                    double decay = Math.exp(-a * decayRate);
                    double s = Math.sin(rho);
                    double c = Math.cos(rho);
                    double u = cosB / rho;
                    double sinRhoMinusB = s * cosB - c * sinB;
                    double cosRhoMinus2B = c * cos2B + s * sin2B;
                    q[(i * nGamma + j) * kk + k] = 2 - 4 * decay * u * sinRhoMinusB
                            - 4 * decay * u * u * cosRhoMinus2B
                            + 4 * u * u * cos2B;
                }
            }
        }
    }
}
