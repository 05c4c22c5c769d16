package io.descatter.emsc;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.BadInputException;

/** Brings a reference spectrum onto the data axis: optional division by its maximum, then linear interpolation. */
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
        if (refAxis.length != refValues.length) {
            throw new BadInputException("reference", 0, 0,
                    refAxis.length + " wavenumbers but " + refValues.length + " values");
        }
        if (refAxis.length < MIN_POINTS) {
            throw new BadInputException("reference", 0, 0,
                    "has " + refAxis.length + " points; at least " + MIN_POINTS + " are needed");
        }
        Axes.requireMonotonic("reference", refAxis);
        for (double v : refValues) {
            if (!Double.isFinite(v)) throw new BadInputException("reference", 0, 0, "contains NaN or infinite values");
        }
        double refLo = Math.min(refAxis[0], refAxis[refAxis.length - 1]);
        double refHi = Math.max(refAxis[0], refAxis[refAxis.length - 1]);
        double dataLo = Math.min(dataAxis[0], dataAxis[dataAxis.length - 1]);
        double dataHi = Math.max(dataAxis[0], dataAxis[dataAxis.length - 1]);
        if (dataLo < refLo || dataHi > refHi) {
            throw new AxisMismatchException("the reference covers " + refLo + "–" + refHi
                    + " cm⁻¹ but the data spans " + dataLo + "–" + dataHi + " cm⁻¹");
        }
        double scale = 1;
        if (normalise) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : refValues) max = Math.max(max, v);
            if (!(max > 0)) throw new BadInputException("reference", 0, 0, "has no positive value (max " + max + ")");
            scale = max;
        }
        double[] x = refAxis;
        double[] y = refValues;
        if (refAxis[0] > refAxis[refAxis.length - 1]) {
            x = reversed(refAxis);
            y = reversed(refValues);
        }
        double[] out = new double[dataAxis.length];
        for (int i = 0; i < out.length; i++) out[i] = interpolate(x, y, dataAxis[i]) / scale;
        return out;
    }

    /** Linear interpolation on an ascending axis, {@code t} within it. */
    private static double interpolate(double[] x, double[] y, double t) {
        int lo = 0;
        int hi = x.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= t) lo = mid;
            else hi = mid;
        }
        if (t == x[hi]) return y[hi];
        double slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
        return y[lo] + slope * (t - x[lo]);
    }

    private static double[] reversed(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i];
        return r;
    }
}
