package io.descatter.report;

import io.descatter.spectra.io.OutputTarget;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG line and scatter plots shared by the commands (XChart, headless). */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /**
     * One named series of points; {@code line} draws it as a line, otherwise as markers only; {@code errors} (null
     * for none) are symmetric error bars, half-widths of an interval around each y.
     */
    public record Series(double[] x, double[] y, boolean line, double[] errors) {
        public Series(double[] x, double[] y, boolean line) {
            this(x, y, line, null);
        }

        public static Series points(double[] x, double[] y) { return new Series(x, y, false); }

        /** Markers with symmetric error bars of the given half-widths. */
        public static Series withErrors(double[] x, double[] y, double[] halfWidths) { return new Series(x, y, false, halfWidths); }

        public static Series line(double[] x, double[] y) { return new Series(x, y, true); }

        /** y against its rank 1..n. */
        public static Series ranked(double[] y, boolean line) {
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) x[i] = i + 1;
            return new Series(x, y, line);
        }
    }

    /** Writes an XY chart to {@code file} (PNG); positive data only on logarithmic axes. */
    public static void write(Path file, String title, String xLabel, String yLabel, boolean logX, boolean logY,
                             Map<String, Series> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(600).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendVisible(series.size() > 1);
        for (Map.Entry<String, Series> e : series.entrySet()) {
            Series s = e.getValue();
            if (s.x().length == 0) continue;
            XYSeries xy = s.errors() == null ? chart.addSeries(e.getKey(), s.x(), s.y())
                    : chart.addSeries(e.getKey(), s.x(), s.y(), logY ? clippedForLog(s.y(), s.errors()) : s.errors());
            if (s.line()) {
                xy.setMarker(SeriesMarkers.NONE);
            } else {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
        }
        writePng(BitmapEncoder.getBufferedImage(chart), file);
    }

    /** Error bars that stay above zero on a logarithmic axis (a bar reaching below zero is cut at 1 % of its value). */
    private static double[] clippedForLog(double[] y, double[] errors) {
        double[] out = errors.clone();
        for (int i = 0; i < y.length; i++) out[i] = Math.min(out[i], 0.99 * y[i]);
        return out;
    }

    /**
     * Images of one size ({@code width} × {@code height}) in a grid of {@code columns}, left to right, top down; a
     * partial last row is left white.
     */
    static BufferedImage grid(List<BufferedImage> cells, int columns, int width, int height) {
        int rows = (cells.size() + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(columns * width, rows * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < cells.size(); i++) g.drawImage(cells.get(i), (i % columns) * width, (i / columns) * height, null);
        } finally {
            g.dispose();
        }
        return grid;
    }

    /** A white cell of the given size that says {@code text}: a grid's panel with nothing to draw. */
    static BufferedImage message(String text, int width, int height) {
        BufferedImage cell = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = cell.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.DARK_GRAY);
            g.drawString(text, 10, height / 2);
        } finally {
            g.dispose();
        }
        return cell;
    }

    /**
     * Writes an image as PNG to exactly {@code file} (XChart's own saveBitmap appends ".png" to a name without it),
     * through a temporary file renamed into place, so that a failure leaves no partial image.
     */
    static void writePng(BufferedImage image, Path file) throws IOException {
        try (OutputTarget out = OutputTarget.of(file.toString())) {
            if (!ImageIO.write(image, "png", out.openStream())) throw new IOException("no PNG writer");
            out.commit();
        }
    }

    /** An ordered map literal for series. */
    public static Map<String, Series> series(Object... nameSeriesPairs) {
        Map<String, Series> m = new LinkedHashMap<>();
        for (int i = 0; i < nameSeriesPairs.length; i += 2) m.put((String) nameSeriesPairs[i], (Series) nameSeriesPairs[i + 1]);
        return m;
    }
}
