package io.descatter.dynamics;

/**
 * Measures of broken detailed balance. The stationary probability current is J = −Q Σ⁻¹ θ p with
 * Q = (HΣ − ΣH)/2; detailed balance holds iff [H, C] = 0.
 */
public final class DetailedBalance {
    private DetailedBalance() {
    }

    /** c = ‖[H, C₀]‖_F / (‖H‖_F ‖C₀‖_F), a property of the data alone. */
    public static double commutator(double[] h, double[] c0, int p) {
        return Linalg.frobenius(Linalg.commutator(h, c0, p)) / (Linalg.frobenius(h) * Linalg.frobenius(c0));
    }

    /** ρ_DB = ‖HΣ − ΣH‖_F / ‖HΣ + ΣH‖_F. */
    public static double rho(double[] h, double[] sigma, int p) {
        double[] hs = Linalg.multiply(h, sigma, p);
        double[] sh = Linalg.multiply(sigma, h, p);
        return Linalg.frobenius(Linalg.add(hs, -1, sh)) / Linalg.frobenius(Linalg.add(hs, 1, sh));
    }

    /** The exact antisymmetric lag-1 covariance A₁ = ½(E[δ_t δ_{t+1}ᵀ] − E[δ_{t+1} δ_tᵀ]) = (η/2)(HΣ − ΣH). */
    public static double[] lag1Antisymmetric(double[] h, double[] sigma, double eta, int p) {
        return Linalg.scale(Linalg.commutator(h, sigma, p), eta / 2);
    }

    /** The antisymmetric part ½(L − Lᵀ) of a measured lag-1 cross covariance L = E[δ_t δ_{t+1}ᵀ]. */
    public static double[] antisymmetricPart(double[] lag1, int p) {
        return Linalg.scale(Linalg.add(lag1, -1, Linalg.transpose(lag1, p, p)), 0.5);
    }
}
