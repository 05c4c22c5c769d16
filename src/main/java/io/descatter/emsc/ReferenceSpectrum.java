package io.descatter.emsc;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.BadInputException;
import io.descatter.spectra.Resampler;
import io.descatter.spectra.WavenumberAxis;

/**
 * Brings a reference spectrum onto the data axis: optional division by its maximum, then linear interpolation (the
 * {@link Resampler} every command uses, so a reference is accepted or refused by the same coverage rule everywhere).
 */
public final class ReferenceSpectrum {
    /** Fewer reference points than this cannot describe a spectrum worth correcting against. */
    public static final int MIN_POINTS = 10;

    private ReferenceSpectrum() {
    }

    /**
     * The reference on {@code dataAxis}.
     *
     * @throws BadInputException     when the reference is too short, not finite, has a non-monotonic axis or no
     *                               positive value to normalise by
     * @throws AxisMismatchException when the reference does not cover the data axis
     */
    public static double[] onAxis(double[] refAxis, double[] refValues, double[] dataAxis, boolean normalise) {
        return onAxis("reference", refAxis, refValues, dataAxis, normalise);
    }

    /** As {@link #onAxis(double[], double[], double[], boolean)}, with problems said of {@code name}. */
    public static double[] onAxis(String name, double[] refAxis, double[] refValues, double[] dataAxis, boolean normalise) {
        if (refAxis.length != refValues.length) {
            throw new BadInputException(name, 0, 0, refAxis.length + " wavenumbers but " + refValues.length + " values");
        }
        if (refAxis.length < MIN_POINTS) {
            throw new BadInputException(name, 0, 0, "has " + refAxis.length + " points; at least " + MIN_POINTS + " are needed");
        }
        Axes.requireMonotonic(name, refAxis);
        for (double v : refValues) {
            if (!Double.isFinite(v)) throw new BadInputException(name, 0, 0, "contains NaN or infinite values");
        }
        WavenumberAxis from = WavenumberAxis.of(refAxis);
        WavenumberAxis to = WavenumberAxis.of(dataAxis);
        if (!from.covers(to)) {
            throw new AxisMismatchException(name, "covers " + from.min() + "–" + from.max() + " cm⁻¹ but the data spans "
                    + to.min() + "–" + to.max() + " cm⁻¹");
        }
        double scale = 1;
        if (normalise) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : refValues) max = Math.max(max, v);
            if (!(max > 0)) throw new BadInputException(name, 0, 0, "has no positive value (max " + max + ")");
            scale = max;
        }
        double[] out = Resampler.linear(from, to).apply(refValues); // the interpolation of every other command
        for (int i = 0; i < out.length; i++) out[i] /= scale;
        return out;
    }
}
