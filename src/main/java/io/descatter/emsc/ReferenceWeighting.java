package io.descatter.emsc;

/** Weights applied to the reference estimate before the Mie curves are computed. */
public enum ReferenceWeighting {
    /** No weights. */
    NONE,
    /**
     * The MATLAB default: ≈1 below 1900 cm⁻¹ and in 2550–3700 cm⁻¹, ≈0 in 1900–2550 cm⁻¹ and above 3700 cm⁻¹,
     * with smooth tanh edges (see {@link MatlabReferenceWeights}).
     */
    MATLAB_DEFAULT
}
