package io.descatter.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.style.BoxStyler;

/** A grid of box plots, one panel per quantity, comparing groups (e.g. measured vs simulated), saved as PNG. */
public final class BoxPlots {
    private BoxPlots() {
    }

    /**
     * @param panels panel title → (group name → values), in display order
     * @param columns panels per row
     */
    public static void save(Map<String, Map<String, double[]>> panels, int columns, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<BoxChart> charts = new ArrayList<>();
        for (Map.Entry<String, Map<String, double[]>> panel : panels.entrySet()) {
            BoxChart chart = new BoxChartBuilder().width(360).height(280).title(panel.getKey()).build();
            chart.getStyler().setBoxplotCalCulationMethod(BoxStyler.BoxplotCalCulationMethod.N_LESS_1_PLUS_1);
            chart.getStyler().setToolTipsEnabled(false);
            chart.getStyler().setLegendVisible(false);
            for (Map.Entry<String, double[]> group : panel.getValue().entrySet()) chart.addSeries(group.getKey(), group.getValue());
            charts.add(chart);
        }
        int rows = (charts.size() + columns - 1) / columns;
        BitmapEncoder.saveBitmap(charts, rows, columns, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
