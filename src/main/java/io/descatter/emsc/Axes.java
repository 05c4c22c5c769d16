package io.descatter.emsc;

import io.descatter.spectra.BadInputException;

/** Checks on wavenumber axes given to the correctors. */
final class Axes {
    private Axes() {
    }

    /** Throws unless {@code axis} is finite and strictly ascending or strictly descending. */
    static void requireMonotonic(String what, double[] axis) {
        if (axis.length < 2) throw new BadInputException(what, 0, 0, "axis has fewer than 2 points");
        double direction = Math.signum(axis[1] - axis[0]);
        for (int i = 0; i < axis.length; i++) {
            if (!Double.isFinite(axis[i])) throw new BadInputException(what, 0, 0, "axis contains NaN or infinity");
            if (i > 0 && (direction == 0 || Math.signum(axis[i] - axis[i - 1]) != direction)) {
                throw new BadInputException(what, 0, 0, "axis is not strictly monotonic at point " + (i + 1)
                        + " (" + axis[i - 1] + ", " + axis[i] + ")");
            }
        }
    }
}
