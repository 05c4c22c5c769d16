package io.descatter.physics;

/**
 * Van de Hulst's approximation of the extinction efficiency of an absorbing sphere (ME-EMSC.md §3).
 */
public final class VanDeHulst {
    private VanDeHulst() {
    }

    /**
     * Q_ext for phase shift {@code rho} and {@code tanB = n''/(n' − 1)}, written out as in the reference
     * implementations (atan, then sin/cos); the definition the faster curve generators are tested against.
     */
    public static double extinction(double rho, double tanB) {
        double b = Math.atan(tanB);
        double cosB = Math.cos(b);
        double decay = Math.exp(-rho * tanB);
        double u = cosB / rho;
        return 2 - 4 * decay * u * Math.sin(rho - b)
                - 4 * decay * u * u * Math.cos(rho - 2 * b)
                + 4 * u * u * Math.cos(2 * b);
    }

    /**
     * One extinction curve of a sphere with the given alpha0 and gamma over the axis of {@code index}:
     * {@code rho = alpha0·(1 + gamma·n_kk)·100ν} and {@code tanB = n''_s/(1/gamma + n_kk)}.
     *
     * @param wavenumbers the axis in cm⁻¹ that {@code index} was computed on
     */
    public static double[] curve(double alpha0, double gamma, RefractiveIndex index, double[] wavenumbers) {
        double[] nprs = index.imaginaryScaled();
        double[] nkk = index.kramersKronig();
        double[] q = new double[wavenumbers.length];
        for (int k = 0; k < q.length; k++) {
            double rho = alpha0 * (1 + gamma * nkk[k]) * (100 * wavenumbers[k]);
            double tanB = nprs[k] / (1 / gamma + nkk[k]);
            q[k] = extinction(rho, tanB);
        }
        return q;
    }

    /** The curve of a sphere given by radius (µm), real refractive index n0 and absorption parameter h. */
    public static double[] curve(double radiusMicrons, double n0, double h, RefractiveIndex index, double[] wavenumbers) {
        return curve(MieGrid.alpha0(radiusMicrons, n0), MieGrid.gamma(radiusMicrons, n0, h), index, wavenumbers);
    }
}
