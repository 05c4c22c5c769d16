package io.descatter.report;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.io.SpectraTable;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The panels of a figure of spectra files: one panel per chosen spectrum, all of them in one panel, or each file's
 * mean ± s.d.; every file in its own colour ({@link Palette#forFile}), named in the legend as the user gave it, and
 * drawn on its own axis.
 */
public final class SpectraFigure {
    /** A file's spectra and its name as the user gave it. */
    public record Source(String name, SpectraTable table) {
    }

    public enum Mode {
        /** One panel per chosen spectrum, every file's spectrum of that row in it. */
        GRID,
        /** Every chosen spectrum of every file in one panel. */
        OVERLAY,
        /** One panel: each file's mean over the chosen spectra (all without a choice) with a ± s.d. band. */
        MEAN
    }

    /**
     * @param rows spectra by id or 1-based row number (an id that matches wins); empty: row 1, or all rows for MEAN
     * @param offset stacking step added per file (GRID, MEAN) or per chosen spectrum (OVERLAY); 0 for none
     * @param normalise each spectrum divided by its maximum, so that it peaks at 1
     */
    public record Options(List<String> rows, Mode mode, double offset, boolean normalise) {
    }

    private SpectraFigure() {
    }

    public static String yLabel(boolean normalise) {
        return normalise ? SpectrumPlot.NORMALISED : SpectrumPlot.ABSORBANCE;
    }

    /** The panels for {@code files}, the first the input (whose ids or row numbers {@code rows} name). */
    public static List<SpectrumPlot.Panel> panels(List<Source> files, Options options) {
        Source input = files.get(0);
        List<String> tokens = options.rows().isEmpty() && options.mode() != Mode.MEAN ? List.of("1") : options.rows();
        List<Integer> chosen = new ArrayList<>();
        for (String token : tokens) chosen.add(rowOf(input, token));
        return switch (options.mode()) {
            case GRID -> grid(files, tokens, chosen, options);
            case OVERLAY -> List.of(overlay(files, tokens, chosen, options));
            case MEAN -> List.of(mean(files, tokens, chosen, options));
        };
    }

    private static List<SpectrumPlot.Panel> grid(List<Source> files, List<String> tokens, List<Integer> chosen, Options o) {
        List<SpectrumPlot.Panel> panels = new ArrayList<>();
        for (int r = 0; r < chosen.size(); r++) {
            List<SpectrumPlot.Curve> curves = new ArrayList<>();
            for (int f = 0; f < files.size(); f++) {
                Source file = files.get(f);
                int row = rowIn(files, f, tokens.get(r), chosen.get(r));
                curves.add(curve(file, row, Palette.forFile(f), f * o.offset(), o.normalise(), true));
            }
            panels.add(new SpectrumPlot.Panel(title(files.get(0), chosen.get(r)), curves));
        }
        return panels;
    }

    private static SpectrumPlot.Panel overlay(List<Source> files, List<String> tokens, List<Integer> chosen, Options o) {
        List<SpectrumPlot.Curve> curves = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int r = 0; r < chosen.size(); r++) {
            titles.add(title(files.get(0), chosen.get(r)));
            for (int f = 0; f < files.size(); f++) {
                Source file = files.get(f);
                int row = rowIn(files, f, tokens.get(r), chosen.get(r));
                curves.add(curve(file, row, Palette.forFile(f), r * o.offset(), o.normalise(), r == 0));
            }
        }
        String title = titles.size() <= 6 ? String.join(", ", titles) : titles.size() + " spectra";
        return new SpectrumPlot.Panel(o.offset() != 0 && titles.size() > 1 ? title + " (bottom to top)" : title, curves);
    }

    private static SpectrumPlot.Panel mean(List<Source> files, List<String> tokens, List<Integer> chosen, Options o) {
        List<SpectrumPlot.Curve> curves = new ArrayList<>();
        List<SpectrumPlot.Band> bands = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            Source file = files.get(f);
            List<double[]> spectra = new ArrayList<>();
            if (tokens.isEmpty()) {
                for (int row = 0; row < file.table().size(); row++) spectra.add(values(file, row, o.normalise()));
            } else {
                for (int r = 0; r < chosen.size(); r++) {
                    int row = rowIn(files, f, tokens.get(r), chosen.get(r));
                    spectra.add(values(file, row, o.normalise()));
                }
            }
            double[][] meanSd = meanAndSd(spectra);
            double shift = f * o.offset();
            double[] lower = new double[meanSd[0].length];
            double[] upper = new double[lower.length];
            for (int i = 0; i < lower.length; i++) {
                meanSd[0][i] += shift;
                lower[i] = meanSd[0][i] - meanSd[1][i];
                upper[i] = meanSd[0][i] + meanSd[1][i];
            }
            double[] wn = file.table().schema().axis().values();
            Color colour = Palette.forFile(f);
            bands.add(new SpectrumPlot.Band(wn, lower, upper, colour));
            curves.add(new SpectrumPlot.Curve(file.name() + " (" + spectra.size() + (spectra.size() == 1 ? " spectrum)" : " spectra)"),
                    wn, meanSd[0], colour, true));
        }
        String over = tokens.isEmpty() ? "all spectra" : tokens.size() <= 6 ? String.join(", ", tokens) : tokens.size() + " chosen spectra";
        return new SpectrumPlot.Panel("mean ± s.d. of " + over, curves, bands);
    }

    /**
     * Each wavelength's mean and sample standard deviation over {@code spectra} (0 for one spectrum), missing values
     * left out; NaN where every spectrum misses it.
     */
    static double[][] meanAndSd(List<double[]> spectra) {
        int points = spectra.get(0).length;
        double[] mean = new double[points];
        double[] sd = new double[points];
        for (int i = 0; i < points; i++) {
            double sum = 0;
            int n = 0;
            for (double[] s : spectra) {
                if (Double.isFinite(s[i])) {
                    sum += s[i];
                    n++;
                }
            }
            mean[i] = n == 0 ? Double.NaN : sum / n;
            double squares = 0;
            for (double[] s : spectra) if (Double.isFinite(s[i])) squares += (s[i] - mean[i]) * (s[i] - mean[i]);
            sd[i] = n == 0 ? Double.NaN : n == 1 ? 0 : Math.sqrt(squares / (n - 1));
        }
        return new double[][] {mean, sd};
    }

    /**
     * The 0-based row that {@code token} names in {@code file}: the spectrum whose id it is, else the row of that
     * 1-based number.
     *
     * @throws BadInputException naming the file and the token when there is neither
     */
    static int rowOf(Source file, String token) {
        SpectraTable t = file.table();
        if (t.schema().idColumn() >= 0) {
            int byId = t.ids().indexOf(token);
            if (byId >= 0) return byId;
        }
        int number = rowNumber(token);
        if (number >= 1 && number <= t.size()) return number - 1;
        throw new BadInputException(file.name(), 0, 0, String.format(Locale.ROOT, "no spectrum with id or row number \"%s\" (%d %s%s)",
                token, t.size(), t.size() == 1 ? "spectrum" : "spectra",
                t.schema().idColumn() >= 0 ? ", ids " + t.ids().get(0) + (t.size() > 1 ? " … " + t.ids().get(t.size() - 1) : "") : ", no id column"));
    }

    /**
     * The row of the {@code f}-th file that goes with the input's row {@code inputRow}, chosen as {@code token}: the
     * input's own, or a compared file's spectrum of the same id where it has one, else the same row.
     */
    private static int rowIn(List<Source> files, int f, String token, int inputRow) {
        if (f == 0) return inputRow;
        Source file = files.get(f);
        Source input = files.get(0);
        SpectraTable t = file.table();
        if (t.schema().idColumn() >= 0) {
            int byId = t.ids().indexOf(token);
            if (byId >= 0) return byId;
        }
        if (inputRow < t.size()) return inputRow;
        throw new BadInputException(file.name(), 0, 0, String.format(Locale.ROOT,
                "has %d %s, no row %d to go with %s's \"%s\"", t.size(), t.size() == 1 ? "spectrum" : "spectra", inputRow + 1, input.name(), token));
    }

    private static int rowNumber(String token) {
        if (!token.matches("\\d{1,9}")) return -1;
        return Integer.parseInt(token);
    }

    private static String title(Source input, int row) {
        return input.table().schema().idColumn() >= 0 ? input.table().ids().get(row) : "row " + (row + 1);
    }

    private static SpectrumPlot.Curve curve(Source file, int row, Color colour, double shift, boolean normalise, boolean inLegend) {
        double[] v = values(file, row, normalise);
        for (int i = 0; i < v.length; i++) v[i] += shift;
        return new SpectrumPlot.Curve(file.name(), file.table().schema().axis().values(), v, colour, inLegend);
    }

    /** A copy of one spectrum, divided by its maximum when {@code normalise}. */
    private static double[] values(Source file, int row, boolean normalise) {
        double[] v = file.table().spectra().get(row).clone();
        if (!normalise) return v;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) if (Double.isFinite(x)) max = Math.max(max, x);
        if (!(max > 0)) {
            throw new BadInputException(file.name(), 0, 0, "spectrum " + file.table().ids().get(row)
                    + " has no positive value, so it cannot be normalised to a maximum of 1: leave out --normalise");
        }
        for (int i = 0; i < v.length; i++) v[i] /= max;
        return v;
    }
}
