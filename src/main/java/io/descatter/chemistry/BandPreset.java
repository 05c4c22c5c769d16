package io.descatter.chemistry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named band windows for chemical maps: the windows of {@link BandRatio}'s table where it has one, so a map and
 * {@code descatter evaluate} measure the same band the same way; glycogen, which the table reads only as a height,
 * gets a window of its own here.
 */
public enum BandPreset {
    AMIDE_I("amide-I", BandRatio.Windows.AMIDE_I, "amide I (C=O stretch of proteins)"),
    AMIDE_II("amide-II", BandRatio.Windows.AMIDE_II, "amide II (N-H bend, C-N stretch of proteins)"),
    AMIDE_III("amide-III", BandRatio.Windows.AMIDE_III, "amide III and asymmetric PO2- stretch"),
    CH("CH", BandRatio.Windows.CH_STRETCH, "CH2/CH3 stretches (lipids)"),
    PHOSPHATE("phosphate", BandRatio.Windows.PHOSPHATE, "phosphate and C-O stretches (nucleic acids, carbohydrates)"),
    // the C-O stretches of glycogen at ~1025 and ~1045 cm⁻¹, below the 1080 cm⁻¹ symmetric phosphate stretch
    GLYCOGEN("glycogen", new BandWindow(1000, 1060), "glycogen C-O stretches at ~1025 and ~1045 cm⁻¹"),
    LIPID_ESTER("lipid-ester", BandRatio.Windows.ESTER, "ester C=O stretch of lipids");

    private final String label;
    private final BandWindow window;
    private final String description;

    BandPreset(String label, BandWindow window, String description) {
        this.label = label;
        this.window = window;
        this.description = description;
    }

    /** The name users type, e.g. {@code amide-I}. */
    public String label() { return label; }

    public BandWindow window() { return window; }

    public String description() { return description; }

    /**
     * The preset of that name, ignoring case, '-', '_' and spaces ({@code amide-I}, {@code amideI}, {@code AMIDE_I});
     * null when there is none.
     */
    public static BandPreset find(String name) {
        String key = squash(name);
        for (BandPreset p : values()) if (squash(p.label).equals(key) || squash(p.name()).equals(key)) return p;
        return null;
    }

    /** The presets' names, comma-separated, for messages and help. */
    public static String names() {
        return Arrays.stream(values()).map(BandPreset::label).collect(Collectors.joining(", "));
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[-_\\s]", "");
    }
}
