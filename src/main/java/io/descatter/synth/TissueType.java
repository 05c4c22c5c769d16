package io.descatter.synth;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tissue or cell type as a mixture prior over the biochemical {@link Component}s: mean mass fractions (drawn
 * per spectrum from a Dirichlet around them) and the share of alpha-helix in the protein. Distinct priors let a
 * model be tested on a type it never saw in training.
 */
public enum TissueType {
    EPITHELIAL("cell-rich epithelium: protein-dominated, with nucleic acids and membranes", 0.60, 0.85,
            fractions(0.56, 0.10, 0.16, 0.05, 0.02, 0.03, 0.08)),
    STROMA("collagen-rich stroma: collagen triplet 1204/1240/1282/1338 cm-1", 0.55, 0.80,
            fractions(0.18, 0.05, 0.05, 0.05, 0.55, 0.04, 0.08)),
    LIPID_RICH("lipid-rich tissue (adipocytes, lipid droplets): strong CH2 and ester C=O", 0.60, 0.85,
            fractions(0.25, 0.55, 0.05, 0.03, 0.04, 0.00, 0.08)),
    GLYCOGEN_RICH("glycogen-rich epithelium (e.g. cervical, liver): 1025/1080/1152 cm-1", 0.60, 0.85,
            fractions(0.38, 0.07, 0.07, 0.38, 0.00, 0.00, 0.10)),
    NUCLEIC_RICH("nucleic-acid-rich cells (lymphocytes, high-grade tumour): PO2- 1085/1240 cm-1", 0.55, 0.80,
            fractions(0.45, 0.07, 0.33, 0.03, 0.02, 0.02, 0.08)),
    MUCINOUS("mucinous epithelium: glycoprotein sugars 1040/1075 cm-1", 0.55, 0.80,
            fractions(0.30, 0.05, 0.07, 0.08, 0.00, 0.40, 0.10)),
    AMYLOID("amyloid-like deposits: beta-sheet protein, amide I near 1630 cm-1", 0.05, 0.30,
            fractions(0.70, 0.05, 0.03, 0.05, 0.07, 0.00, 0.10)),
    /**
     * Training augmentation, not a tissue: the mean composition of the six training tissue types (rounded) with a
     * weak Dirichlet concentration, so fractions vary widely (protein 35 % ± 20 %, any component from about 0 to
     * well above its tissue-type range), and any alpha-helix share from 0 to 1. It widens the chemistry a model
     * sees; it is never used as a test type.
     */
    BROAD("AUGMENTATION ONLY (not a tissue; never a test type): any mixture near the training types' mean, "
            + "weak Dirichlet concentration " + (int) Augmentation.CONCENTRATION + ", alpha-helix share 0-100 %", 0.0, 1.0,
            fractions(0.35, 0.15, 0.12, 0.10, 0.10, 0.09, 0.09), Augmentation.CONCENTRATION, true);

    /** Dirichlet concentration of the tissue types: fractions vary by about ±sqrt(f(1−f)/41) around their means. */
    public static final double CONCENTRATION = 40;

    /** Constants of the augmentation type (a nested class: enum constants cannot use the enum's own static fields). */
    private static final class Augmentation {
        /** Dirichlet concentration of {@link #BROAD}: fractions vary by about ±sqrt(f(1−f)/3.5). */
        static final double CONCENTRATION = 2.5;
    }

    private final String description;
    private final double helixMin;
    private final double helixMax;
    private final Map<Component, Double> meanFractions;
    private final double concentration;
    private final boolean augmentation;

    TissueType(String description, double helixMin, double helixMax, Map<Component, Double> meanFractions) {
        this(description, helixMin, helixMax, meanFractions, CONCENTRATION, false);
    }

    TissueType(String description, double helixMin, double helixMax, Map<Component, Double> meanFractions, double concentration,
            boolean augmentation) {
        this.description = description;
        this.helixMin = helixMin;
        this.helixMax = helixMax;
        this.meanFractions = meanFractions;
        this.concentration = concentration;
        this.augmentation = augmentation;
    }

    /** Mean fractions in the order protein, lipid, nucleic acid, glycogen, collagen, mucin, water (sum 1). */
    private static Map<Component, Double> fractions(double protein, double lipid, double nucleic, double glycogen,
            double collagen, double mucin, double water) {
        Map<Component, Double> m = new EnumMap<>(Component.class);
        m.put(Component.PROTEIN_HELIX, protein); // split into helix and sheet per spectrum
        m.put(Component.LIPID, lipid);
        m.put(Component.NUCLEIC_ACID, nucleic);
        m.put(Component.GLYCOGEN, glycogen);
        m.put(Component.COLLAGEN, collagen);
        m.put(Component.MUCIN, mucin);
        m.put(Component.WATER, water);
        double sum = m.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - 1) > 1e-9) throw new IllegalStateException("fractions must sum to 1, got " + sum);
        return m;
    }

    public String description() { return description; }

    /** Dirichlet concentration of the per-spectrum fractions around {@link #meanFractions()}. */
    public double concentration() { return concentration; }

    /** True for the training-augmentation type, which is not a tissue and never a test type. */
    public boolean isAugmentation() { return augmentation; }

    /** The tissue types proper (every type but the augmentation): what "all types" means. */
    public static java.util.List<TissueType> tissues() {
        return java.util.Arrays.stream(values()).filter(t -> !t.augmentation).toList();
    }

    /** Lowest share of alpha-helix in the protein fraction. */
    public double helixMin() { return helixMin; }

    public double helixMax() { return helixMax; }

    /** Mean mass fraction of each component (protein counted under {@link Component#PROTEIN_HELIX}). */
    public Map<Component, Double> meanFractions() { return meanFractions; }

    /** True for types whose amide I band dominates the fingerprint region. */
    public boolean isProteinRich() {
        return meanFractions.get(Component.PROTEIN_HELIX) + meanFractions.get(Component.COLLAGEN) >= 0.3;
    }

    /** Lower-case name with dashes, as on the command line: "lipid-rich". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TissueType parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
