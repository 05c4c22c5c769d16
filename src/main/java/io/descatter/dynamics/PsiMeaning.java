package io.descatter.dynamics;

import java.util.Locale;

/**
 * What a measured variance-flatness exponent ψ (with its 95 % interval) means against the linear-network theory of
 * SGD-THEORY.md: in a two-layer linear network flat modes have σ² ∝ F⁻² (ψ = 2) and sharp modes ψ → 0, so a
 * linear network's ψ lies in [0, 2]; equilibrium (detailed-balance) physics would give ψ = −2; Feng and Tu measured
 * ψ ≈ 4 on an MNIST MLP.
 */
public final class PsiMeaning {
    private PsiMeaning() {
    }

    public static String describe(Interval psi) {
        String value = String.format(Locale.ROOT, "ψ = %.2f [%.2f, %.2f]", psi.value(), psi.low(), psi.high());
        if (psi.low() > 2) {
            return value + ": steeper than any linear-network mode (their ψ ≤ 2): the variance falls faster with flatness than "
                    + "in the linear theory, as in Feng and Tu's ψ ≈ 4 on a nonlinear MLP";
        }
        if (psi.high() < 0) {
            return value + ": negative, the variance grows with flatness, as equilibrium physics would have it (ψ = −2): "
                    + "the inverse variance-flatness relation does not hold here";
        }
        if (psi.high() - psi.low() > 4) {
            return value + ": the interval is too wide to place it within the linear theory's range 0..2 (it spans more than "
                    + "twice that range); profile more modes (--modes) or record a longer window";
        }
        if (psi.contains(2)) {
            return value + ": consistent with the flat-mode limit ψ = 2 of linear networks (variance ∝ F⁻², the inverse "
                    + "variance-flatness relation of SGD noise that follows the loss landscape)";
        }
        if (psi.contains(0)) {
            return value + ": consistent with ψ = 0: no variance-flatness relation, as in a single layer (isotropic loss) or "
                    + "the sharp modes of a two-layer linear network";
        }
        return value + ": between the linear theory's sharp-mode limit 0 and flat-mode limit 2: a mixture of sharp and flat "
                + "directions, as in a two-layer linear network";
    }
}
