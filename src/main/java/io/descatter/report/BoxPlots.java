package io.descatter.report;

import java.awt.image.BufferedImage;
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
    private static final int WIDTH = 360;
    private static final int HEIGHT = 280;

    private BoxPlots() {
    }

    /**
     * @param panels panel title → (group name → values), in display order
     * @param columns panels per row
     */
    public static void save(Map<String, Map<String, double[]>> panels, int columns, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<BufferedImage> cells = new ArrayList<>();
        for (Map.Entry<String, Map<String, double[]>> panel : panels.entrySet()) {
            // a group without values (a statistic whose window the axis does not reach) cannot be drawn: left out,
            // and a panel with none at all says so instead of a chart
            boolean any = panel.getValue().values().stream().anyMatch(v -> v.length > 0);
            if (!any) {
                cells.add(Plots.message(panel.getKey() + ": no data on this axis", WIDTH, HEIGHT));
                continue;
            }
            BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(panel.getKey()).build();
            chart.getStyler().setBoxplotCalCulationMethod(BoxStyler.BoxplotCalCulationMethod.N_LESS_1_PLUS_1);
            chart.getStyler().setToolTipsEnabled(false);
            chart.getStyler().setLegendVisible(false);
            for (Map.Entry<String, double[]> group : panel.getValue().entrySet()) {
                if (group.getValue().length > 0) chart.addSeries(group.getKey(), group.getValue());
            }
            cells.add(BitmapEncoder.getBufferedImage(chart));
        }
        // Composed by Plots.grid rather than XChart's saveBitmap(list, rows, columns), which needs exactly
        // rows × columns charts: a partial last row is left white.
        Plots.writePng(Plots.grid(cells, columns, WIDTH, HEIGHT), png);
    }
}
