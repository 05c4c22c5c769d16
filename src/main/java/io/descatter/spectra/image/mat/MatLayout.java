package io.descatter.spectra.image.mat;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.io.DoubleFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * Where the spectra lie among a MAT file's variables, in the layouts the field uses (docs/FORMATS.md): the ME-EMSC
 * {@code Spectra} struct ({@code d}, {@code v}, {@code i}); a data matrix (spectra as rows or as columns, told apart by
 * the wavenumber vector's length) or a rows x columns x bands cube beside a wavenumber vector; a single matrix whose
 * first column or row is the axis; Quasar's conventions for per-spectrum metadata (other variables with one row per
 * spectrum) and {@code map_x}/{@code map_y}; descatter's own {@code image} struct.
 *
 * @param description which layout was found, for messages ("matrix 'A' (2 x 3 double), spectra as rows")
 * @param cells       band {@code b} of spectrum {@code s}, spectra in image order (row after row)
 */
record MatLayout(String description, WavenumberAxis axis, int width, int height, PixelGrid grid, Cells cells,
                 List<Meta> metas) {

    /** A value of the data variable. */
    interface Cells {
        double get(int spectrum, int band);
    }

    /** A per-spectrum metadata column. */
    record Meta(String name, IntFunction<String> value) {
    }

    /** The fewest points a first row or column must have to be taken for an axis without a name saying so. */
    static final int MIN_UNNAMED_AXIS = 10;

    private static final DoubleFormatter NUMBER = DoubleFormatter.exact();

    int spectra() { return width * height; }

    /**
     * The layout of {@code vars} (top-level variables by name, in file order).
     *
     * @throws BadInputException naming {@code source} and the variable when no layout fits
     */
    static MatLayout find(String source, Map<String, Array> vars) {
        for (Map.Entry<String, Array> e : vars.entrySet()) {
            if (e.getValue() instanceof Struct s && isMeEmsc(s)) return meEmsc(source, e.getKey(), s);
        }
        String dataName = largestNumeric(vars);
        if (dataName == null) {
            throw new BadInputException(source, 0, 0, "no numeric variable holds spectra (variables: "
                    + listing(vars) + ")");
        }
        Array data = vars.get(dataName);
        int[] dims = data.getDimensions();
        if (dims.length > 3) {
            throw new BadInputException(source, 0, 0, "variable '" + dataName + "' (" + MatArrays.describe(data)
                    + ") has more than 3 dimensions: expected spectra x points or rows x columns x bands");
        }
        return new Finder(source, vars, dataName, (Matrix) data).find();
    }

    private static boolean isMeEmsc(Struct s) {
        return s.getNumElements() == 1 && s.getFieldNames().contains("d") && s.getFieldNames().contains("v");
    }

    /** The ME-EMSC struct: {@code d} spectra x points, {@code v} the wavenumbers (numbers or text), {@code i} ids. */
    private static MatLayout meEmsc(String source, String name, Struct s) {
        Array d = s.get("d");
        if (!MatArrays.isNumeric(d) || d.getDimensions().length != 2) {
            throw new BadInputException(source, 0, 0, "variable '" + name + ".d' (" + MatArrays.describe(d)
                    + ") is not a numeric matrix of spectra");
        }
        Array v = s.get("v");
        double[] wn = MatArrays.vectorValues(v);
        if (wn == null) {
            throw new BadInputException(source, 0, 0, "variable '" + name + ".v' (" + MatArrays.describe(v)
                    + ") is neither a numeric vector nor text rows of wavenumbers");
        }
        Matrix m = (Matrix) d;
        Oriented o = orient(source, name + ".d", m, name + ".v", wn.length);
        WavenumberAxis axis = axis(source, name + ".v", wn);
        List<Meta> metas = new ArrayList<>();
        if (s.getFieldNames().contains("i") && s.get("i") instanceof Char ids && ids.getDimensions().length == 2
                && ids.getNumRows() == o.spectra) {
            metas.add(new Meta("id", i -> MatArrays.row(ids, i)));
        }
        return new MatLayout("ME-EMSC struct '" + name + "' (d " + MatArrays.describe(d) + ")", axis, 1, o.spectra,
                null, o.cells, metas);
    }

    /** A 2-D data matrix read one way or the other. */
    private record Oriented(int spectra, Cells cells, boolean asRows) {
    }

    /** Spectra as rows when the columns match the axis length, else as columns; the axis variable named if neither. */
    private static Oriented orient(String source, String dataName, Matrix m, String axisName, int points) {
        int rows = m.getNumRows();
        int cols = m.getNumCols();
        if (cols == points) return new Oriented(rows, (s, b) -> m.getDouble(s, b), true);
        if (rows == points) return new Oriented(cols, (s, b) -> m.getDouble(b, s), false);
        throw new BadInputException(source, 0, 0, "variable '" + axisName + "' has " + points + " wavenumbers but '"
                + dataName + "' is " + MatArrays.describe(m) + ": neither dimension matches");
    }

    static WavenumberAxis axis(String source, String name, double[] values) {
        try {
            return WavenumberAxis.of(values);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source, 0, 0, "variable '" + name + "': " + e.getMessage());
        }
    }

    private static String largestNumeric(Map<String, Array> vars) {
        String best = null;
        long most = -1;
        for (Map.Entry<String, Array> e : vars.entrySet()) {
            if (!MatArrays.isNumeric(e.getValue())) continue;
            long n = MatArrays.elements(e.getValue());
            if (n > most) {
                most = n;
                best = e.getKey();
            }
        }
        return best;
    }

    private static String listing(Map<String, Array> vars) {
        if (vars.isEmpty()) return "none";
        List<String> all = new ArrayList<>();
        vars.forEach((k, v) -> all.add(k + " " + MatArrays.describe(v)));
        return String.join(", ", all);
    }

    /** The generic layouts around the largest numeric variable. */
    private static final class Finder {
        private final String source;
        private final Map<String, Array> vars;
        private final String dataName;
        private final Matrix data;

        Finder(String source, Map<String, Array> vars, String dataName, Matrix data) {
            this.source = source;
            this.vars = vars;
            this.dataName = dataName;
            this.data = data;
        }

        MatLayout find() {
            return data.getDimensions().length == 3 ? cube() : matrix();
        }

        private String dataText() { return "'" + dataName + "' (" + MatArrays.describe(data) + ")"; }

        /** rows x columns x bands, column-major as MATLAB stores it. */
        private MatLayout cube() {
            int[] d = data.getDimensions();
            int rows = d[0];
            int cols = d[1];
            int bands = d[2];
            String axisName = axisVariable(new int[] {bands}, bands);
            if (axisName == null) throw noAxis(bands + " values (the cube's third dimension)", bands);
            double[] wn = MatArrays.vectorValues(vars.get(axisName));
            WavenumberAxis axis = axis(source, axisName, wn);
            long plane = (long) rows * cols;
            Cells cells = (s, b) -> data.getDouble((int) (s / cols + (long) rows * (s % cols) + plane * b));
            ImageShape shape = ImageShape.of(source, vars, rows * cols);
            if (shape != null && (shape.width() != cols || shape.height() != rows)) {
                throw new BadInputException(source, 0, 0, "variable '" + MatNames.IMAGE + "' says " + shape.width()
                        + " x " + shape.height() + " pixels but the cube " + dataText() + " has " + cols + " x " + rows);
            }
            PixelGrid grid = shape == null ? PixelGrid.imageRows() : shape.grid(); // row 0 at the top
            return new MatLayout("cube " + dataText() + " with wavenumbers '" + axisName + "'", axis, cols, rows, grid,
                    cells, List.of());
        }

        private MatLayout matrix() {
            int rows = data.getNumRows();
            int cols = data.getNumCols();
            String axisName = axisVariable(new int[] {cols, rows}, cols);
            if (axisName != null) {
                double[] wn = MatArrays.vectorValues(vars.get(axisName));
                Oriented o = orient(source, dataName, data, axisName, wn.length);
                WavenumberAxis axis = axis(source, axisName, wn);
                return withMetas(dataText() + ", spectra as " + (o.asRows ? "rows" : "columns") + ", wavenumbers '"
                        + axisName + "'", axis, o, axisName);
            }
            MatLayout firstColumn = firstColumnAxis(rows, cols);
            if (firstColumn != null) return firstColumn;
            throw noAxis(cols + " values (or " + rows + " for spectra as columns)", cols);
        }

        /** A matrix whose first column (a two-column export) or first row is the axis. */
        private MatLayout firstColumnAxis(int rows, int cols) {
            if (rows >= MIN_UNNAMED_AXIS && cols >= 2) {
                double[] first = new double[rows];
                for (int i = 0; i < rows; i++) first[i] = data.getDouble(i, 0);
                if (WavenumberAxis.firstOrderViolation(first) < 0) {
                    Oriented o = new Oriented(cols - 1, (s, b) -> data.getDouble(b, s + 1), false);
                    return withMetas(dataText() + ", first column the wavenumbers, spectra as columns",
                            WavenumberAxis.of(first), o, null);
                }
            }
            if (cols >= MIN_UNNAMED_AXIS && rows >= 2) {
                double[] first = new double[cols];
                for (int i = 0; i < cols; i++) first[i] = data.getDouble(0, i);
                if (WavenumberAxis.firstOrderViolation(first) < 0) {
                    Oriented o = new Oriented(rows - 1, (s, b) -> data.getDouble(s + 1, b), true);
                    return withMetas(dataText() + ", first row the wavenumbers, spectra as rows",
                            WavenumberAxis.of(first), o, null);
                }
            }
            return null;
        }

        /**
         * The wavenumber vector: a variable with an axis name whose length is one of {@code lengths}, else (Quasar's
         * rule) any other vector of {@code unnamedLength} values in axis order; null if none. A variable with an axis
         * name that does not fit is reported when no other does.
         */
        private String axisVariable(int[] lengths, int unnamedLength) {
            List<String> named = new ArrayList<>();
            for (String wanted : MatNames.AXIS_NAMES) {
                for (String name : vars.keySet()) {
                    if (name.equalsIgnoreCase(wanted) && !name.equals(dataName)) named.add(name);
                }
            }
            for (String name : named) {
                if (fits(name, lengths)) return name;
            }
            List<String> others = new ArrayList<>(vars.keySet());
            others.sort(Comparator.naturalOrder());
            for (String name : others) {
                if (!name.equals(dataName) && !named.contains(name) && fits(name, new int[] {unnamedLength})
                        && WavenumberAxis.firstOrderViolation(MatArrays.vectorValues(vars.get(name))) < 0) {
                    return name;
                }
            }
            for (String name : named) { // explain the first one that looked like an axis but does not fit
                Array a = vars.get(name);
                double[] v = MatArrays.vectorValues(a);
                if (v == null) {
                    throw new BadInputException(source, 0, 0, "variable '" + name + "' (" + MatArrays.describe(a)
                            + ") is not a numeric vector of wavenumbers for " + dataText());
                }
                throw new BadInputException(source, 0, 0, "variable '" + name + "' has " + v.length
                        + " wavenumbers but " + dataText() + " has no dimension of that length");
            }
            return null;
        }

        private boolean fits(String name, int[] lengths) {
            double[] v = MatArrays.vectorValues(vars.get(name));
            if (v == null) return false;
            for (int n : lengths) if (v.length == n) return true;
            return false;
        }

        private BadInputException noAxis(String named, int unnamed) {
            return new BadInputException(source, 0, 0, "no wavenumber vector for " + dataText() + ": no variable named "
                    + String.join("/", MatNames.AXIS_NAMES) + " with " + named + ", no other ordered numeric vector"
                    + " of " + unnamed + " values, and no first row or column of at least " + MIN_UNNAMED_AXIS
                    + " ordered wavenumbers");
        }

        /** A list of spectra, or an image when {@code image} or regular {@code map_x}/{@code map_y} say so. */
        private MatLayout withMetas(String description, WavenumberAxis axis, Oriented o, String axisName) {
            int n = o.spectra;
            Map<String, Array> others = new LinkedHashMap<>(vars);
            others.remove(dataName);
            if (axisName != null) others.remove(axisName);
            int width = 1; // a plain list: a spectrum per row (SpectralImage)
            int height = n;
            PixelGrid grid = null;
            ImageShape shape = ImageShape.of(source, vars, n);
            if (shape != null) {
                width = shape.width();
                height = shape.height();
                grid = shape.grid();
                others.remove(MatNames.IMAGE);
                others.remove(MatNames.MAP_X);
                others.remove(MatNames.MAP_Y);
            }
            return new MatLayout(description, axis, width, height, grid, o.cells, metas(others, n));
        }

        /** Quasar's rule: a char matrix or numeric array with one row per spectrum; numeric columns name_1, name_2, … */
        private static List<Meta> metas(Map<String, Array> others, int n) {
            List<Meta> metas = new ArrayList<>();
            for (String name : others.keySet().stream().sorted().toList()) {
                Array a = others.get(name);
                if (a instanceof Cell cell && isTextList(cell, n)) { // a cell array of strings (cellstr), either way round
                    metas.add(new Meta(name, i -> {
                        Char text = cell.get(i);
                        return text.getNumRows() == 0 ? "" : MatArrays.row(text, 0);
                    }));
                    continue;
                }
                if (a.getDimensions().length != 2 || a.getNumRows() != n) continue;
                if (a instanceof Char c) {
                    metas.add(new Meta(name, i -> MatArrays.row(c, i)));
                } else if (MatArrays.isNumeric(a)) {
                    Matrix m = (Matrix) a;
                    int cols = m.getNumCols();
                    for (int j = 0; j < cols; j++) {
                        int col = j;
                        String metaName = cols == 1 ? name : String.format(Locale.ROOT, "%s_%d", name, j + 1);
                        metas.add(new Meta(metaName, i -> NUMBER.format(m.getDouble(i, col))));
                    }
                }
            }
            return metas;
        }

        /** Whether a cell array holds n texts of one line each (or empty), as n x 1 or 1 x n. */
        private static boolean isTextList(Cell cell, int n) {
            int[] dims = cell.getDimensions();
            if (dims.length != 2 || (dims[0] * dims[1]) != n || (dims[0] != 1 && dims[1] != 1)) return false;
            for (int i = 0; i < n; i++) {
                if (!(cell.get(i) instanceof Char c) || c.getNumRows() > 1) return false;
            }
            return true;
        }
    }
}
