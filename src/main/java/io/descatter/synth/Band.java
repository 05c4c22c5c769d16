package io.descatter.synth;

/**
 * One absorption band of a biochemical component.
 *
 * @param center position in cm⁻¹ (literature value)
 * @param hwhm half width at half maximum in cm⁻¹
 * @param height peak height relative to the component's other bands
 * @param eta Lorentzian fraction of the pseudo-Voigt shape (1 = Lorentzian, 0 = Gaussian)
 * @param assignment what vibrates, for documentation and listings
 */
public record Band(double center, double hwhm, double height, double eta, String assignment) {
    public Band {
        if (!(hwhm > 0) || !(height > 0) || eta < 0 || eta > 1) throw new IllegalArgumentException("bad band " + assignment);
    }

    static Band of(double center, double hwhm, double height, String assignment) {
        return new Band(center, hwhm, height, 0.5, assignment);
    }
}
