package io.descatter.spectra.image.mat;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.image.PixelGrid;
import java.util.Map;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * The image a MAT file's spectra form, pixel after pixel row by row: from descatter's {@code image} struct (width,
 * height, pixel grid), or else from Quasar's {@code map_x}/{@code map_y} when they form a regular grid in that order.
 */
record ImageShape(int width, int height, PixelGrid grid) {

    /** Null when the file says nothing of an image (a plain list of spectra). */
    static ImageShape of(String source, Map<String, Array> vars, int spectra) {
        if (vars.get(MatNames.IMAGE) instanceof Struct s && s.getNumElements() == 1
                && s.getFieldNames().contains(MatNames.WIDTH) && s.getFieldNames().contains(MatNames.HEIGHT)) {
            return fromStruct(source, s, spectra);
        }
        double[] x = numbers(vars.get(MatNames.MAP_X), spectra);
        double[] y = numbers(vars.get(MatNames.MAP_Y), spectra);
        return x == null || y == null ? null : regular(x, y);
    }

    private static ImageShape fromStruct(String source, Struct s, int spectra) {
        int width = (int) scalar(source, s, MatNames.WIDTH, 0);
        int height = (int) scalar(source, s, MatNames.HEIGHT, 0);
        if (width < 1 || height < 1 || (long) width * height != spectra) {
            throw new BadInputException(source, 0, 0, "variable '" + MatNames.IMAGE + "' says " + width + " x " + height
                    + " pixels, but there are " + spectra + " spectra");
        }
        String unit = s.getFieldNames().contains(MatNames.UNIT) && s.get(MatNames.UNIT) instanceof Char c
                ? c.getString().strip() : "";
        PixelGrid grid = new PixelGrid(scalar(source, s, MatNames.X_START, 0), scalar(source, s, MatNames.Y_START, 0),
                scalar(source, s, MatNames.X_SIZE, 1), scalar(source, s, MatNames.Y_SIZE, 1), unit);
        return new ImageShape(width, height, grid);
    }

    private static double scalar(String source, Struct s, String field, double absent) {
        if (!s.getFieldNames().contains(field)) return absent;
        Array a = s.get(field);
        if (!MatArrays.isNumeric(a) || a.getNumElements() != 1) {
            throw new BadInputException(source, 0, 0, "variable '" + MatNames.IMAGE + "." + field + "' ("
                    + MatArrays.describe(a) + ") is not a number");
        }
        return ((Matrix) a).getDouble(0);
    }

    private static double[] numbers(Array a, int n) {
        if (a == null || !MatArrays.isNumeric(a) || !MatArrays.isVector(a) || a.getNumElements() != n) return null;
        return MatArrays.vectorValues(a);
    }

    /**
     * A grid when row {@code r} is the {@code r}-th run of equal y, and x steps regularly within every row the same
     * way; null otherwise (the positions then stay metadata columns).
     */
    static ImageShape regular(double[] x, double[] y) {
        int n = x.length;
        int width = 1;
        while (width < n && y[width] == y[0]) width++;
        if (n % width != 0) return null;
        int height = n / width;
        double xSize = width > 1 ? x[1] - x[0] : 1;
        double ySize = height > 1 ? y[width] - y[0] : 1;
        if (xSize == 0 || ySize == 0 || !Double.isFinite(xSize) || !Double.isFinite(ySize)) return null;
        PixelGrid grid = new PixelGrid(x[0], y[0], xSize, ySize, "");
        double tol = 1e-6 * Math.min(Math.abs(xSize), Math.abs(ySize));
        for (int i = 0; i < n; i++) {
            if (Math.abs(x[i] - grid.x(i % width)) > tol || Math.abs(y[i] - grid.y(i / width)) > tol) return null;
        }
        return new ImageShape(width, height, grid);
    }
}
