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

    private Palette() {
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
