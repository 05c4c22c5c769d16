package io.descatter.report;

import io.descatter.chemistry.MapRaster;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Chemical maps as PNG: one panel per map (raw and corrected side by side), each pixel as wide and high as the pixel
 * grid says, largest {@code map_y} at the top as on a plot's axes (and Quasar's image plot; docs/FORMATS.md, "Pixel
 * positions"). One channel is drawn in viridis on one colour
 * scale shared by all panels, with a colour bar in the channel's unit; three channels make an RGB composite, each
 * channel on its own scale. Pixels without a spectrum and spectra whose value is NaN have their own grey each, named
 * in the legend with their counts.
 */
public final class ChemicalMap {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The longest side of a drawn map in screen pixels, unless the map has more pixels along it (up to {@link #MAX_SIDE}). */
    public static final int MAP_SIDE = 600;
    /** A map with more pixels along a side than this is drawn at this size (nearest pixel). */
    public static final int MAX_SIDE = 2000;
    /** Screen pixels left of each panel (its map_y labels) and above the panels (title, panel titles). */
    public static final int LEFT = 90;
    public static final int TOP = 60;
    /** Right of the last panel: the colour bar with its ticks and unit, or a plain margin for an RGB composite. */
    public static final int BAR_BLOCK = 30 + 24 + 150;
    public static final int RIGHT = 30;
    /** Below the panels: map_x labels and title, then the legend, one line each. */
    public static final int AXIS_LABELS = 50;
    public static final int LEGEND_LINE = 22;
    public static final double LOW_PERCENTILE = 1;
    public static final double HIGH_PERCENTILE = 99;
    /** A pixel that no spectrum lies on. */
    public static final Color NO_SPECTRUM = new Color(0xE6E6E6);
    /** A spectrum whose value is not a number (a window it does not cover, a zero denominator, a NaN metadata cell). */
    public static final Color NOT_A_NUMBER = new Color(0x7F7F7F);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final String[] RGB_NAMES = {"red", "green", "blue"};

    /** One map and the title above it (e.g. its file). */
    public record Panel(String title, MapRaster raster) {
    }

    /** The values a colour scale spans: {@code low} gets its first colour, {@code high} its last, values beyond the ends'. */
    public record Scale(double low, double high, String origin) {
        /**
         * The {@link #LOW_PERCENTILE}th to {@link #HIGH_PERCENTILE}th percentile of one channel over every panel, so a
         * few extreme pixels do not wash out the rest; 0 to 1 when no value is a number.
         */
        public static Scale percentiles(List<Panel> panels, int channel) {
            int n = 0;
            for (Panel p : panels) n += p.raster().width() * p.raster().height();
            double[] all = new double[n];
            int k = 0;
            for (Panel p : panels) for (double v : p.raster().values(channel)) if (!Double.isNaN(v)) all[k++] = v;
            String origin = ordinal(LOW_PERCENTILE) + "–" + ordinal(HIGH_PERCENTILE) + " percentile";
            if (k == 0) return new Scale(0, 1, "no value is a number");
            double[] sorted = Arrays.copyOf(all, k);
            Arrays.sort(sorted);
            return new Scale(percentile(sorted, LOW_PERCENTILE), percentile(sorted, HIGH_PERCENTILE), origin);
        }

        /** Where {@code v} lies on the scale, 0 to 1 (clamped; 0.5 for a scale of one value). */
        public double fraction(double v) {
            if (!(high > low)) return 0.5;
            return Math.max(0, Math.min(1, (v - low) / (high - low)));
        }
    }

    private ChemicalMap() {
    }

    /** The percentile {@code q} (0–100) of sorted values, interpolated between neighbours. */
    static double percentile(double[] sorted, double q) {
        double pos = q / 100 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /**
     * The size of a drawn map in screen pixels: its longest side {@link #MAP_SIDE} (or its pixel count along that
     * side, up to {@link #MAX_SIDE}), the other side in proportion to the grid's extent, pixel aspect included.
     */
    public static Dimension drawnSize(MapRaster r) {
        double w = r.width() * r.grid().xSize();
        double h = r.height() * r.grid().ySize();
        int longest = Math.max(MAP_SIDE, Math.min(MAX_SIDE, Math.max(r.width(), r.height())));
        return w >= h ? new Dimension(longest, Math.max(1, (int) Math.round(longest * h / w)))
                : new Dimension(Math.max(1, (int) Math.round(longest * w / h)), longest);
    }

    /**
     * Writes channel {@code channel} of every panel on one colour scale, with a colour bar in {@code unit}.
     *
     * @param scale the colour scale, e.g. {@link Scale#percentiles}
     */
    public static void write(Path png, String title, List<Panel> panels, int channel, Scale scale, String unit) throws IOException {
        List<String> legend = List.of("colour scale: " + scale.origin() + (panels.size() > 1 ? " of all panels" : "") + ", "
                + fmt(scale.low()) + " to " + fmt(scale.high()) + "; values beyond it drawn in its end colours");
        BufferedImage image = draw(title, panels, legend, true, r -> colours(r, channel, scale));
        Graphics2D g = graphics(image);
        try {
            drawColourBar(g, image.getWidth() - BAR_BLOCK + 30, TOP, maxHeight(panels), scale, unit);
        } finally {
            g.dispose();
        }
        Plots.writePng(image, png);
    }

    /** Writes channels 0, 1 and 2 of every panel as red, green and blue, each on its own scale. */
    public static void writeRgb(Path png, String title, List<Panel> panels, Scale[] scales) throws IOException {
        if (scales.length != 3) throw new IllegalArgumentException("an RGB composite has three scales");
        List<String> legend = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            legend.add(RGB_NAMES[c] + ": " + panels.get(0).raster().channels().get(c).label() + ", " + scales[c].origin() + " "
                    + fmt(scales[c].low()) + " to " + fmt(scales[c].high()));
        }
        Plots.writePng(draw(title, panels, legend, false, r -> rgb(r, scales)), png);
    }

    private interface Colouring {
        int[] of(MapRaster r);
    }

    /** 0xRRGGBB of each pixel of one channel on the scale; the greys where there is no value. */
    private static int[] colours(MapRaster r, int channel, Scale scale) {
        double[] v = r.values(channel);
        int[] out = new int[v.length];
        for (int p = 0; p < v.length; p++) out[p] = Double.isNaN(v[p]) ? noValue(r, p) : Palette.viridis(scale.fraction(v[p]));
        return out;
    }

    private static int[] rgb(MapRaster r, Scale[] scales) {
        int[] out = new int[r.width() * r.height()];
        for (int p = 0; p < out.length; p++) {
            int rgb = 0;
            for (int c = 0; c < 3 && rgb >= 0; c++) {
                double v = r.values(c)[p];
                rgb = Double.isNaN(v) ? -1 : rgb | (int) Math.round(255 * scales[c].fraction(v)) << (16 - 8 * c);
            }
            out[p] = rgb < 0 ? noValue(r, p) : rgb;
        }
        return out;
    }

    /** Colourings give these instead of a colour where a pixel has no value; {@link #draw} counts and greys them. */
    private static final int NAN_PIXEL = -1;
    private static final int MISSING_PIXEL = -2;

    private static int noValue(MapRaster r, int pixel) {
        return r.present(pixel % r.width(), pixel / r.width()) ? NAN_PIXEL : MISSING_PIXEL;
    }

    private static int maxHeight(List<Panel> panels) {
        return panels.stream().mapToInt(p -> drawnSize(p.raster()).height).max().orElse(0);
    }

    /** The panels, their axes, the title and the legend (the no-value greys first, then {@code lines}). */
    private static BufferedImage draw(String title, List<Panel> panels, List<String> lines, boolean bar, Colouring colouring) {
        int width = bar ? BAR_BLOCK : RIGHT;
        for (Panel p : panels) width += LEFT + drawnSize(p.raster()).width;
        int legendLines = 1 + lines.size();
        int height = TOP + maxHeight(panels) + AXIS_LABELS + legendLines * LEGEND_LINE + 10;
        // long titles or legend lines widen the image rather than being cut
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        int needed = 20 + pg.getFontMetrics(TITLE_FONT).stringWidth(title);
        for (String l : lines) needed = Math.max(needed, LEFT + pg.getFontMetrics(FONT).stringWidth(l) + 20);
        pg.dispose();
        width = Math.max(width, needed);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(TITLE_FONT);
            g.drawString(title, 10, 24);
            g.setFont(FONT);
            int x0 = 0;
            int noSpectrum = 0;
            int notANumber = 0;
            for (Panel p : panels) {
                MapRaster r = p.raster();
                Dimension d = drawnSize(r);
                x0 += LEFT;
                int[] colours = colouring.of(r);
                for (int i = 0; i < colours.length; i++) {
                    if (colours[i] == MISSING_PIXEL) {
                        noSpectrum++;
                        colours[i] = NO_SPECTRUM.getRGB() & 0xFFFFFF;
                    } else if (colours[i] == NAN_PIXEL) {
                        notANumber++;
                        colours[i] = NOT_A_NUMBER.getRGB() & 0xFFFFFF;
                    }
                }
                drawPixels(image, x0, TOP, d, r, colours);
                drawAxes(g, x0, TOP, d, r, p.title());
                x0 += d.width;
            }
            int y = TOP + maxHeight(panels) + AXIS_LABELS + LEGEND_LINE - 6;
            int x = LEFT;
            x = swatch(g, x, y, NO_SPECTRUM, "no spectrum (" + count(noSpectrum, "pixel") + ")");
            swatch(g, x + 20, y, NOT_A_NUMBER, "value not a number (" + count(notANumber, "spectrum") + ")");
            for (String l : lines) {
                y += LEGEND_LINE;
                g.setColor(Color.BLACK);
                g.drawString(l, LEFT, y);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(FONT);
        return g;
    }

    /** Each screen pixel takes the colour of the map pixel under its centre. */
    private static void drawPixels(BufferedImage image, int x0, int y0, Dimension d, MapRaster r, int[] colours) {
        int[] line = new int[d.width];
        int[] column = new int[d.width];
        for (int u = 0; u < d.width; u++) column[u] = (int) ((u + 0.5) * r.width() / d.width);
        for (int v = 0; v < d.height; v++) {
            int row = r.height() - 1 - (int) ((v + 0.5) * r.height() / d.height); // largest map_y on top
            for (int u = 0; u < d.width; u++) line[u] = colours[row * r.width() + column[u]];
            image.setRGB(x0, y0 + v, d.width, 1, line, 0, d.width);
        }
    }

    /** Frame, first and last map_x and map_y positions, axis names with the pixel spacing, and the panel's title. */
    private static void drawAxes(Graphics2D g, int x0, int y0, Dimension d, MapRaster r, String title) {
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.BLACK);
        g.drawRect(x0 - 1, y0 - 1, d.width + 1, d.height + 1);
        g.drawString(title, x0, y0 - 10);
        int below = y0 + d.height + fm.getAscent() + 4;
        String first = fmt(r.grid().x(0));
        String last = fmt(r.grid().x(r.width() - 1));
        g.drawString(first, x0, below);
        if (r.width() > 1) g.drawString(last, x0 + d.width - fm.stringWidth(last), below);
        String unit = r.grid().unit().isEmpty() ? "" : " " + r.grid().unit();
        String in = unit.isEmpty() ? "" : " in" + unit;
        String xName = "map_x" + in + " (pixel " + fmt(r.grid().xSize()) + " × " + fmt(Math.abs(r.grid().ySize())) + unit + ")";
        g.drawString(xName, x0 + (d.width - fm.stringWidth(xName)) / 2, below + fm.getHeight() + 2);
        String top = fmt(r.grid().y(r.height() - 1));
        String bottom = fmt(r.grid().y(0));
        g.drawString(top, x0 - 6 - fm.stringWidth(top), y0 + fm.getAscent());
        if (r.height() > 1) g.drawString(bottom, x0 - 6 - fm.stringWidth(bottom), y0 + d.height);
        String yName = "map_y" + in;
        rotated(g, yName, x0 - LEFT + 20, y0 + d.height / 2 + fm.stringWidth(yName) / 2);
    }

    /** A vertical colour bar, highest value on top, with five labelled ticks and the unit beside them. */
    private static void drawColourBar(Graphics2D g, int x, int y, int height, Scale scale, String unit) {
        int w = 24;
        for (int v = 0; v < height; v++) {
            g.setColor(new Color(Palette.viridis(1 - (v + 0.5) / height)));
            g.drawLine(x, y + v, x + w - 1, y + v);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawRect(x - 1, y - 1, w + 1, height + 1);
        FontMetrics fm = g.getFontMetrics();
        int widest = 0;
        for (int k = 0; k <= 4; k++) {
            double value = scale.low() + (scale.high() - scale.low()) * k / 4;
            int ty = y + height - (int) Math.round(height * k / 4.0);
            g.drawLine(x + w, ty, x + w + 4, ty);
            String label = fmt(value);
            widest = Math.max(widest, fm.stringWidth(label));
            g.drawString(label, x + w + 7, ty + fm.getAscent() / 2 - 1);
        }
        rotated(g, unit, x + w + 7 + widest + 8 + fm.getAscent(), y + height / 2 + fm.stringWidth(unit) / 2);
    }

    /** Text read bottom to top, starting at (x, y). */
    private static void rotated(Graphics2D g, String text, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        g.drawString(text, x, y);
        g.setTransform(saved);
    }

    private static int swatch(Graphics2D g, int x, int y, Color colour, String label) {
        g.setColor(colour);
        g.fillRect(x, y - 12, 14, 14);
        g.setColor(Color.BLACK);
        g.drawRect(x, y - 12, 14, 14);
        g.drawString(label, x + 20, y);
        return x + 20 + g.getFontMetrics().stringWidth(label);
    }

    private static String count(int n, String singular) {
        return n + " " + (n == 1 ? singular : singular.equals("spectrum") ? "spectra" : singular + "s");
    }

    /** 1st, 2nd, 3rd, 4th, .., 11th, 99th. */
    static String ordinal(double p) {
        String n = fmt(p);
        if (p != Math.rint(p)) return n + "th";
        long k = (long) p;
        String suffix = k % 100 >= 11 && k % 100 <= 13 ? "th" : switch ((int) (k % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /** Four significant digits, no exponent for everyday magnitudes, no trailing zeros. */
    static String fmt(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        double a = Math.abs(v);
        String s = a >= 1e-3 && a < 1e6 ? new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString()
                : String.format(Locale.ROOT, "%.3e", v);
        return s;
    }
}
