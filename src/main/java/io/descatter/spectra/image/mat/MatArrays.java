package io.descatter.spectra.image.mat;

import java.util.Arrays;
import java.util.stream.Collectors;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.Matrix;

/** What a MAT variable is, in the terms the layouts need: numbers, a vector, text rows. */
final class MatArrays {
    private MatArrays() {
    }

    /** A real (or complex: its real part) numeric array; not a logical, cell, struct or char array. */
    static boolean isNumeric(Array a) {
        return a instanceof Matrix m && !m.isLogical();
    }

    /** "60 x 1556 double" */
    static String describe(Array a) {
        String dims = Arrays.stream(a.getDimensions()).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
        return dims + " " + a.getType();
    }

    /** Elements of an array, as long (a 3-D cube may exceed an int in product only if the library allowed it). */
    static long elements(Array a) {
        long n = 1;
        for (int d : a.getDimensions()) n *= d;
        return n;
    }

    /** True for a 2-D array with one row or one column. */
    static boolean isVector(Array a) {
        int[] d = a.getDimensions();
        return d.length == 2 && (d[0] == 1 || d[1] == 1);
    }

    /**
     * The values of a numeric vector (1 x k or k x 1), or of a char array whose rows are numbers (the ME-EMSC
     * {@code v}: wavenumbers as text, one per row); null for anything else.
     */
    static double[] vectorValues(Array a) {
        if (isNumeric(a) && isVector(a)) {
            Matrix m = (Matrix) a;
            double[] v = new double[m.getNumElements()];
            for (int i = 0; i < v.length; i++) v[i] = m.getDouble(i);
            return v;
        }
        if (a instanceof Char c && c.getDimensions().length == 2 && c.getNumRows() > 1) {
            double[] v = new double[c.getNumRows()];
            for (int i = 0; i < v.length; i++) {
                try {
                    v[i] = Double.parseDouble(c.getRow(i).trim());
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            }
            return v;
        }
        return null;
    }

    /** Row {@code i} of a char matrix without MATLAB's space padding. */
    static String row(Char c, int i) {
        return c.getRow(i).stripTrailing();
    }
}
