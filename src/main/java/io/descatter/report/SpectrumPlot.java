package io.descatter.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Spectra as infrared spectroscopists draw them: absorbance against wavenumber, the wavenumber axis decreasing
 * to the right. XChart has no reversed axis, so the curves are drawn against −ν and the ticks labelled with ν.
 */
public final class SpectrumPlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private SpectrumPlot() {
    }

    /**
     * @param wavenumbers the x values of every series, cm⁻¹
     * @param spectra series name → absorbance on {@code wavenumbers}, drawn in order
     */
    public static void write(Path png, String title, double[] wavenumbers, Map<String, double[]> spectra) throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(560).title(title).xAxisTitle("wavenumber (cm-1)")
                .yAxisTitle("absorbance").build();
        chart.getStyler().setLegendVisible(spectra.size() > 1);
        chart.getStyler().setToolTipsEnabled(false);
        chart.setCustomXAxisTickLabelsFormatter(x -> String.format(Locale.ROOT, "%.0f", -x));
        double[] x = new double[wavenumbers.length];
        for (int i = 0; i < x.length; i++) x[i] = -wavenumbers[i];
        for (Map.Entry<String, double[]> e : spectra.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), x, e.getValue());
            s.setMarker(SeriesMarkers.NONE);
        }
        Plots.writePng(BitmapEncoder.getBufferedImage(chart), png);
    }
}
