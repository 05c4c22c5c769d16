package io.descatter.chemistry;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.image.PixelGrid;
import java.util.Arrays;
import java.util.List;

/**
 * A map's values on its pixel grid: the distinct {@code map_x} and {@code map_y} values, regularly spaced, make the
 * columns and rows (smallest first); a position no spectrum has is a missing pixel, told apart from a spectrum whose
 * value is NaN. One double per pixel per channel.
 */
public final class MapRaster {
    /** A grid may have at most this many times as many cells along an axis as distinct positions (plus a few). */
    private static final int SPARSENESS = 16;
    /** Far beyond any image one map can show (a 10,000 × 10,000-pixel mosaic). */
    private static final long MAX_PIXELS = 100_000_000L;

    private final String source;
    private final List<BandMap.Channel> channels;
    private final int width;
    private final int height;
    private final PixelGrid grid;
    private final double[][] values;
    private final int[] spectrumAt;
    private final int spectra;

    private MapRaster(String source, List<BandMap.Channel> channels, int width, int height, PixelGrid grid, double[][] values,
            int[] spectrumAt, int spectra) {
        this.source = source;
        this.channels = channels;
        this.width = width;
        this.height = height;
        this.grid = grid;
        this.values = values;
        this.spectrumAt = spectrumAt;
        this.spectra = spectra;
    }

    static MapRaster of(MapValues mv, double[] xs, double[] ys) {
        String source = mv.source();
        if (mv.size() == 0) throw new BadInputException(source, 0, 0, "the file holds no spectra to map");
        GridAxis gx = GridAxis.of(xs, BandMap.X_COLUMN, source);
        GridAxis gy = GridAxis.of(ys, BandMap.Y_COLUMN, source);
        long pixels = (long) gx.count * gy.count;
        if (pixels > MAX_PIXELS) {
            throw new BadInputException(source, 0, 0, "the positions span " + gx.count + " × " + gy.count + " pixels, more than "
                    + MAX_PIXELS + " a map can hold");
        }
        // a single column or row has no spacing of its own: it takes the other axis' (square pixels)
        double xSize = !Double.isNaN(gx.step) ? gx.step : !Double.isNaN(gy.step) ? gy.step : 1;
        double ySize = !Double.isNaN(gy.step) ? gy.step : xSize;
        PixelGrid grid = new PixelGrid(gx.start, gy.start, xSize, ySize, mv.positionUnit());
        int channels = mv.channels().size();
        double[][] values = new double[channels][(int) pixels];
        for (double[] v : values) Arrays.fill(v, Double.NaN);
        int[] at = new int[(int) pixels];
        Arrays.fill(at, -1);
        for (int i = 0; i < mv.size(); i++) {
            int p = gy.index(ys[i]) * gx.count + gx.index(xs[i]);
            if (at[p] >= 0) {
                throw new BadInputException(source, 0, 0, "spectra " + (at[p] + 1) + " and " + (i + 1) + " (counted from 1 in file "
                        + "order) both lie at " + BandMap.X_COLUMN + " = " + BandMap.fmt(xs[i]) + ", " + BandMap.Y_COLUMN + " = "
                        + BandMap.fmt(ys[i]) + ": a map has one spectrum per pixel");
            }
            at[p] = i;
            for (int c = 0; c < channels; c++) values[c][p] = mv.value(c, i);
        }
        return new MapRaster(source, mv.channels(), gx.count, gy.count, grid, values, at, mv.size());
    }

    public String source() { return source; }

    public List<BandMap.Channel> channels() { return channels; }

    /** Columns: distinct {@code map_x} positions the grid spans. */
    public int width() { return width; }

    /** Rows: distinct {@code map_y} positions the grid spans. */
    public int height() { return height; }

    /** Where each pixel lies: column c at {@code grid.x(c)}, row r at {@code grid.y(r)}. */
    public PixelGrid grid() { return grid; }

    /** Height over width of one pixel, from the grid's spacings. */
    public double pixelAspect() { return grid.ySize() / grid.xSize(); }

    /** How many spectra the map holds. */
    public int spectra() { return spectra; }

    /** Pixels no spectrum lies on. */
    public int missing() { return width * height - spectra; }

    /** Whether a spectrum lies on pixel (column, row). */
    public boolean present(int column, int row) { return spectrumAt[row * width + column] >= 0; }

    /** The value of channel {@code c} at pixel (column, row): NaN for a missing pixel or a value that is not a number. */
    public double value(int c, int column, int row) { return values[c][row * width + column]; }

    /** Channel {@code c}'s values, row by row ({@code row * width + column}); do not modify. */
    public double[] values(int c) { return values[c]; }

    /** Spectra with a value that is NaN (in any channel). */
    public int notANumber() {
        int n = 0;
        for (int p = 0; p < spectrumAt.length; p++) {
            if (spectrumAt[p] < 0) continue;
            for (double[] channel : values) {
                if (Double.isNaN(channel[p])) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /** The distinct positions along one axis, on a regular grid: {@code start + k * step}, k = 0 .. count − 1. */
    private record GridAxis(double start, double step, int count) {
        static GridAxis of(double[] positions, String name, String source) {
            double[] d = positions.clone();
            Arrays.sort(d);
            int n = 0;
            for (int i = 0; i < d.length; i++) if (i == 0 || d[i] != d[n - 1]) d[n++] = d[i];
            if (n == 1) return new GridAxis(d[0], Double.NaN, 1);
            double min = Double.POSITIVE_INFINITY;
            for (int i = 1; i < n; i++) min = Math.min(min, d[i] - d[i - 1]);
            double span = d[n - 1] - d[0];
            long cells = Math.round(span / min) + 1;
            if (cells > (long) SPARSENESS * n + 64) {
                throw new BadInputException(source, 0, 0, name + " is not on a regular grid: its " + n + " distinct values from "
                        + BandMap.fmt(d[0]) + " to " + BandMap.fmt(d[n - 1]) + ", some only " + BandMap.fmt(min) + " apart, would "
                        + "need " + cells + " pixels along it");
            }
            double step = span / (cells - 1); // the mean spacing: rounding in written positions averages out
            for (int i = 0; i < n; i++) {
                double k = (d[i] - d[0]) / step;
                if (Math.abs(k - Math.rint(k)) > 0.1) {
                    throw new BadInputException(source, 0, 0, name + " is not on a regular grid: " + BandMap.fmt(d[i])
                            + " lies between the grid positions " + BandMap.fmt(d[0] + Math.floor(k) * step) + " and "
                            + BandMap.fmt(d[0] + Math.ceil(k) * step) + " (spacing " + BandMap.fmt(step) + ")");
                }
            }
            return new GridAxis(d[0], step, (int) cells);
        }

        int index(double v) {
            return count == 1 ? 0 : (int) Math.rint((v - start) / step);
        }
    }
}
