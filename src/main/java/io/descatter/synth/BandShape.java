package io.descatter.synth;

/** Line shapes of absorption bands; {@code hwhm} is the half width at half maximum, peak height 1. */
public enum BandShape {
    LORENTZIAN {
        @Override
        public double value(double x, double center, double hwhm) {
            double d = (x - center) / hwhm;
            return 1 / (1 + d * d);
        }
    },
    GAUSSIAN {
        @Override
        public double value(double x, double center, double hwhm) {
            double d = (x - center) / hwhm;
            return Math.exp(-LN2 * d * d);
        }
    };

    private static final double LN2 = Math.log(2);

    public abstract double value(double x, double center, double hwhm);

    /** Pseudo-Voigt: {@code eta} Lorentzian plus {@code 1 − eta} Gaussian of the same width. */
    public static double pseudoVoigt(double x, double center, double hwhm, double eta) {
        return eta * LORENTZIAN.value(x, center, hwhm) + (1 - eta) * GAUSSIAN.value(x, center, hwhm);
    }
}
