package io.descatter.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Spectra as infrared spectroscopists draw them: absorbance against wavenumber, the wavenumber axis decreasing
 * to the right; one panel per spectrum (or one for many), panels in a grid of equal cells. XChart has no reversed
 * axis, so the curves are drawn against −ν and the ticks labelled with ν.
 */
public final class SpectrumPlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The size of one panel in pixels; a grid is a whole number of panels wide and high. */
    public static final int PANEL_WIDTH = 800;
    public static final int PANEL_HEIGHT = 480;
    public static final String X_LABEL = "wavenumber (cm⁻¹)";
    public static final String ABSORBANCE = "absorbance (a.u.)";
    public static final String NORMALISED = "normalised absorbance";

    /** One line; {@code inLegend} false for a further line of a colour the legend already names. */
    public record Curve(String label, double[] wavenumbers, double[] values, Color colour, boolean inLegend) {
    }

    /** A shaded band between two curves on one axis (mean ± s.d.), drawn under the lines. */
    public record Band(double[] wavenumbers, double[] lower, double[] upper, Color colour) {
    }

    /** One chart of the grid. */
    public record Panel(String title, List<Curve> curves, List<Band> bands) {
        public Panel(String title, List<Curve> curves) {
            this(title, curves, List.of());
        }
    }

    private SpectrumPlot() {
    }

    /** Columns of a grid of {@code panels} when none are asked for: as square as can be, wider than high. */
    public static int defaultColumns(int panels) {
        return Math.max(1, (int) Math.ceil(Math.sqrt(panels)));
    }

    /** Rows of a grid of {@code panels} in {@code columns}. */
    public static int gridRows(int panels, int columns) {
        return (panels + columns - 1) / columns;
    }

    /** Writes the panels in a grid of {@code columns} (fewer when there are fewer panels), left to right, top down. */
    public static void write(Path png, List<Panel> panels, int columns, String yLabel) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        for (Panel p : panels) images.add(BitmapEncoder.getBufferedImage(chart(p, yLabel)));
        Plots.writePng(Plots.grid(images, Math.min(columns, panels.size()), PANEL_WIDTH, PANEL_HEIGHT), png);
    }

    private static XYChart chart(Panel panel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(panel.title())
                .xAxisTitle(X_LABEL).yAxisTitle(yLabel).build();
        Styler styler = chart.getStyler();
        styler.setToolTipsEnabled(false);
        styler.setLegendVisible(panel.curves().stream().anyMatch(Curve::inLegend));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.setCustomXAxisTickLabelsFormatter(x -> String.format(Locale.ROOT, "%.0f", -x));
        Set<String> names = new HashSet<>(); // XChart needs a unique name per series; hidden ones get a suffix
        for (Band b : panel.bands()) {
            double[][] polygon = polygon(b);
            XYSeries s = chart.addSeries(unique(names, "band"), polygon[0], polygon[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            s.setMarker(SeriesMarkers.NONE);
            s.setFillColor(Palette.translucent(b.colour(), 60));
            s.setLineColor(Palette.translucent(b.colour(), 0));
            s.setShowInLegend(false);
        }
        for (Curve c : panel.curves()) {
            XYSeries s = chart.addSeries(unique(names, c.label()), negated(c.wavenumbers()), c.values());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(c.colour());
            s.setShowInLegend(c.inLegend());
        }
        return chart;
    }

    private static String unique(Set<String> names, String name) {
        String n = name;
        for (int i = 2; !names.add(n); i++) n = name + " (" + i + ")";
        return n;
    }

    private static double[] negated(double[] wavenumbers) {
        double[] x = new double[wavenumbers.length];
        for (int i = 0; i < x.length; i++) x[i] = -wavenumbers[i];
        return x;
    }

    /** The band's outline: along the upper curve, back along the lower one; points missing in either are left out. */
    private static double[][] polygon(Band b) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < b.wavenumbers().length; i++) {
            if (Double.isFinite(b.lower()[i]) && Double.isFinite(b.upper()[i])) kept.add(i);
        }
        int n = kept.size();
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int k = 0; k < n; k++) {
            int i = kept.get(k);
            int j = kept.get(n - 1 - k);
            x[k] = -b.wavenumbers()[i];
            y[k] = b.upper()[i];
            x[n + k] = -b.wavenumbers()[j];
            y[n + k] = b.lower()[j];
        }
        return new double[][] {x, y};
    }
}
