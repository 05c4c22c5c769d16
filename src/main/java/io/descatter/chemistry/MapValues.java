package io.descatter.chemistry;

import io.descatter.spectra.io.DoubleFormatter;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/**
 * The numbers of a map as read, one entry per spectrum in file order: its position ({@code map_x}, {@code map_y})
 * and one value per {@link BandMap.Channel} (NaN where it is not a number). {@link #raster()} places them on the
 * pixel grid.
 */
public final class MapValues {
    private final String source;
    private final List<BandMap.Channel> channels;
    private double[] x = new double[1024];
    private double[] y = new double[1024];
    private final double[][] values;
    private int size;
    private String positionUnit = "";

    public MapValues(String source, List<BandMap.Channel> channels) {
        if (channels.isEmpty()) throw new IllegalArgumentException("a map needs at least one channel");
        this.source = source;
        this.channels = List.copyOf(channels);
        this.values = new double[channels.size()][1024];
    }

    /** The unit of map_x and map_y where the file gives one (e.g. "um" for a microscope image), else "". */
    public String positionUnit() { return positionUnit; }

    /** Sets {@link #positionUnit()}; null means none. */
    public void positionUnit(String unit) { this.positionUnit = unit == null ? "" : unit; }

    /** Appends one spectrum: its position and {@code channelValues[c]} for each channel. */
    public void add(double px, double py, double[] channelValues) {
        if (size == x.length) {
            int grown = Math.max(size + 1, (int) Math.min(Integer.MAX_VALUE - 16L, 2L * size));
            x = Arrays.copyOf(x, grown);
            y = Arrays.copyOf(y, grown);
            for (int c = 0; c < values.length; c++) values[c] = Arrays.copyOf(values[c], grown);
        }
        x[size] = px;
        y[size] = py;
        for (int c = 0; c < values.length; c++) values[c][size] = channelValues[c];
        size++;
    }

    /** The file the values were read from, for messages. */
    public String source() { return source; }

    public List<BandMap.Channel> channels() { return channels; }

    /** How many spectra were read. */
    public int size() { return size; }

    public double x(int spectrum) { return x[spectrum]; }

    public double y(int spectrum) { return y[spectrum]; }

    public double value(int channel, int spectrum) { return values[channel][spectrum]; }

    /**
     * Writes one CSV row per spectrum in file order: {@code map_x,map_y} and one column per channel, named by
     * {@code names}; a value that is not a number is written {@code NaN}.
     */
    public void writeCsv(Writer out, List<String> names) throws IOException {
        if (names.size() != values.length) throw new IllegalArgumentException(names.size() + " names for " + values.length + " channels");
        DoubleFormatter f = DoubleFormatter.exact();
        out.write(BandMap.X_COLUMN + "," + BandMap.Y_COLUMN + "," + String.join(",", names) + "\n");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < size; i++) {
            line.setLength(0);
            line.append(f.format(x[i])).append(',').append(f.format(y[i]));
            for (double[] v : values) line.append(',').append(f.format(v[i]));
            out.append(line).append('\n');
        }
    }

    /**
     * The values on the pixel grid that the distinct positions span.
     *
     * @throws io.descatter.spectra.BadInputException when the positions are not on a regular grid or two spectra lie
     *     on the same pixel
     */
    public MapRaster raster() {
        return MapRaster.of(this, Arrays.copyOf(x, size), Arrays.copyOf(y, size));
    }
}
