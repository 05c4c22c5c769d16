package io.descatter.testing;

import java.util.Locale;
import java.util.Set;

/**
 * A small synthetic spectral image as a wide CSV with {@code map_x}/{@code map_y} columns, whose band areas are known
 * by hand. Axis 990, 1000, .., 1720 cm⁻¹ (10 cm⁻¹ steps); each spectrum is a sloping baseline (which the line across
 * a window cancels) plus
 * <ul>
 *   <li>in the amide I window 1600–1710: {@code h} at 1650 and {@code h/2} at 1660, h = column + 1, so the trapezoid
 *       area above the line is {@code 10 · 1.5 · h = 15 (column + 1)};</li>
 *   <li>in the phosphate window 1000–1130: {@code 2} at 1080, area {@code 20}.</li>
 * </ul>
 * Pixel (column, row) lies at {@code map_x = 5 · column}, {@code map_y = 10 · row} (pixels twice as high as wide).
 */
public final class MapFixtures {
    public static final int WIDTH = 6;
    public static final int HEIGHT = 4;
    public static final double X_STEP = 5;
    public static final double Y_STEP = 10;

    private MapFixtures() {
    }

    /** The amide I area of a pixel of that column. */
    public static double amideArea(int column) {
        return 15.0 * (column + 1);
    }

    public static final double PHOSPHATE_AREA = 20;

    /**
     * The image, without the pixels in {@code missing} (each {@code column * 100 + row}); the pixels in {@code nan}
     * have a NaN at 1650 cm⁻¹. Columns: id, map_x, map_y, score (= column + 10 · row), then the wavenumbers.
     */
    public static String image(Set<Integer> missing, Set<Integer> nan) {
        return image(missing, nan, Y_STEP);
    }

    /** {@link #image(Set, Set)} with rows {@code yStep} apart. */
    public static String image(Set<Integer> missing, Set<Integer> nan, double yStep) {
        StringBuilder sb = new StringBuilder("id,map_x,map_y,score");
        for (int w = 990; w <= 1720; w += 10) sb.append(',').append(w);
        sb.append('\n');
        for (int row = 0; row < HEIGHT; row++) {
            for (int col = 0; col < WIDTH; col++) {
                if (missing.contains(col * 100 + row)) continue;
                sb.append(String.format(Locale.ROOT, "p%d_%d,%s,%s,%d", col, row, num(X_STEP * col), num(yStep * row), col + 10 * row));
                double h = col + 1;
                for (int w = 990; w <= 1720; w += 10) {
                    double v = 0.2 + 0.0003 * (w - 990);
                    if (w == 1650) v += h;
                    if (w == 1660) v += h / 2;
                    if (w == 1080) v += 2;
                    sb.append(',').append(w == 1650 && nan.contains(col * 100 + row) ? "NaN" : Double.toString(v));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
