package io.descatter.report;

import java.awt.Color;
import java.util.List;

/**
 * Colours that readers with the common colour-vision deficiencies can tell apart: the Okabe-Ito palette
 * (Okabe &amp; Ito 2008, "Color Universal Design"). Files take its colours in order; each correction method has one
 * fixed colour, the same in every report.
 */
public final class Palette {
    /**
     * Okabe-Ito in its published order, except yellow, which is moved last: a thin yellow line is hard to see on white,
     * so it is used only by a seventh file.
     */
    public static final List<Color> OKABE_ITO = List.of(
            new Color(0x000000), // black
            new Color(0xE69F00), // orange
            new Color(0x56B4E9), // sky blue
            new Color(0x009E73), // bluish green
            new Color(0x0072B2), // blue
            new Color(0xD55E00), // vermillion
            new Color(0xCC79A7), // reddish purple
            new Color(0xF0E442)); // yellow

    /** The methods an evaluation compares, each with its fixed colour and label. */
    public enum Method {
        RAW("raw", OKABE_ITO.get(0)),
        NETWORK("network", OKABE_ITO.get(5)),
        TRUTH("truth", OKABE_ITO.get(3)),
        ME_EMSC("ME-EMSC", OKABE_ITO.get(4));

        private final String label;
        private final Color colour;

        Method(String label, Color colour) {
            this.label = label;
            this.colour = colour;
        }

        public String label() { return label; }

        public Color colour() { return colour; }
    }

    /**
     * Matplotlib's viridis at 0, 0.1, .., 1: perceptually uniform, readable in grey and by the common colour-vision
     * deficiencies; the colour scale of maps.
     */
    private static final int[] VIRIDIS = {0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884, 0x44BF70,
        0x7AD151, 0xBDDF26, 0xFDE725};

    private Palette() {
    }

    /** Viridis at {@code t} in [0, 1] (clamped), as 0xRRGGBB, interpolated linearly between its tabulated colours. */
    public static int viridis(double t) {
        double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int k = Math.min((int) u, VIRIDIS.length - 2);
        double f = u - k;
        int a = VIRIDIS[k];
        int b = VIRIDIS[k + 1];
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double ca = (a >> shift) & 0xFF;
            double cb = (b >> shift) & 0xFF;
            rgb |= (int) Math.round(ca + f * (cb - ca)) << shift;
        }
        return rgb;
    }

    /** The colour of the {@code index}-th file (0: the input, then each compared file), cycling after eight. */
    public static Color forFile(int index) {
        return OKABE_ITO.get(Math.floorMod(index, OKABE_ITO.size()));
    }

    /** {@code c} with the given opacity (0–255), for bands drawn under lines. */
    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
