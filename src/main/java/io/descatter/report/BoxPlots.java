package io.descatter.report;

import java.awt.Color;
import java.awt.Graphics2D;
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
        List<BoxChart> charts = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (Map.Entry<String, Map<String, double[]>> panel : panels.entrySet()) {
            // a group without values (a statistic whose window the axis does not reach) cannot be drawn: left out,
            // and a panel with none at all says so in its title
            boolean any = panel.getValue().values().stream().anyMatch(v -> v.length > 0);
            if (!any) {
                charts.add(null);
                titles.add(panel.getKey() + ": no data on this axis");
                continue;
            }
            titles.add(panel.getKey());
            BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(panel.getKey()).build();
            chart.getStyler().setBoxplotCalCulationMethod(BoxStyler.BoxplotCalCulationMethod.N_LESS_1_PLUS_1);
            chart.getStyler().setToolTipsEnabled(false);
            chart.getStyler().setLegendVisible(false);
            for (Map.Entry<String, double[]> group : panel.getValue().entrySet()) {
                if (group.getValue().length > 0) chart.addSeries(group.getKey(), group.getValue());
            }
            charts.add(chart);
        }
        // Composed here rather than by XChart's saveBitmap(list, rows, columns), which needs exactly rows × columns
        // charts and cannot draw an empty one: a partial last row is left white.
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(columns * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                int x = (i % columns) * WIDTH;
                int y = (i / columns) * HEIGHT;
                if (charts.get(i) != null) {
                    g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), x, y, null);
                } else { // nothing to draw: the title says why
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(titles.get(i), x + 10, y + HEIGHT / 2);
                }
            }
        } finally {
            g.dispose();
        }
        Plots.writePng(grid, png);
    }
}
