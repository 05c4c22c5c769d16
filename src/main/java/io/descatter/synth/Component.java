package io.descatter.synth;

import java.util.List;

/**
 * The biochemical components of cells and tissue, each a set of bands at literature positions (Barth 2007;
 * Movasaghi et al. 2008, Appl. Spectrosc. Rev. 43:134; Baker et al. 2014, Nat. Protoc. 9:1771). Heights are
 * relative within a component; the mixture fractions of a {@link TissueType} scale components against each other.
 * Proteins carry two secondary-structure sub-spectra so that the helix/sheet ratio can vary.
 */
public enum Component {
    // Proteins as measured in cells: amide I is the envelope of secondary-structure and side-chain bands (Barth
    // 2007): 60-70 cm-1 wide at half height, with a filled valley towards amide II (side-chain COO- and ring modes),
    // not one narrow line; amide A is broad (hydrogen-bonded N-H, ~200 cm-1).
    PROTEIN_HELIX("protein, alpha-helix rich", List.of(
            Band.of(3290, 90, 0.50, "amide A (N-H stretch)"),
            Band.of(3070, 45, 0.08, "amide B"),
            Band.of(2958, 10, 0.16, "CH3 asymmetric stretch"),
            Band.of(2932, 14, 0.14, "CH2 asymmetric stretch of side chains"),
            Band.of(2872, 9, 0.06, "CH3 symmetric stretch"),
            Band.of(1690, 10, 0.06, "amide I, turns/antiparallel"),
            Band.of(1675, 14, 0.20, "amide I, turns; Arg/Asn/Gln side chains"),
            Band.of(1654, 18, 1.00, "amide I, alpha-helix"),
            Band.of(1640, 20, 0.35, "amide I, disordered"),
            Band.of(1612, 12, 0.10, "side chains (Tyr, Arg, Gln)"),
            Band.of(1578, 14, 0.10, "COO- asymmetric stretch (Asp, Glu)"),
            Band.of(1545, 24, 0.60, "amide II"),
            Band.of(1517, 4, 0.04, "tyrosine ring"),
            Band.of(1455, 18, 0.15, "CH3 asymmetric bend"),
            Band.of(1400, 15, 0.12, "COO- symmetric stretch"),
            Band.of(1300, 20, 0.06, "amide III, helix"),
            Band.of(1240, 22, 0.07, "amide III"),
            // the unresolved continuum of side-chain and glycosylation bands under the fingerprint (measured
            // protein films, e.g. Matrigel, sit at 0.13-0.23 of amide I from 1000 to 1450 cm-1)
            Band.of(1340, 35, 0.09, "CH deformation, amide III, side chains"),
            Band.of(1180, 45, 0.06, "C-N, C-O of side chains"),
            Band.of(1060, 80, 0.07, "C-O, C-N of side chains and glycans"))),
    PROTEIN_SHEET("protein, beta-sheet rich", List.of(
            Band.of(3285, 90, 0.48, "amide A (N-H stretch)"),
            Band.of(3070, 45, 0.08, "amide B"),
            Band.of(2958, 10, 0.16, "CH3 asymmetric stretch"),
            Band.of(2932, 14, 0.14, "CH2 asymmetric stretch of side chains"),
            Band.of(2872, 9, 0.06, "CH3 symmetric stretch"),
            Band.of(1690, 9, 0.20, "amide I, antiparallel beta-sheet"),
            Band.of(1668, 14, 0.18, "amide I, turns"),
            Band.of(1645, 20, 0.35, "amide I, disordered"),
            Band.of(1632, 14, 1.00, "amide I, beta-sheet"),
            Band.of(1612, 12, 0.10, "side chains (Tyr, Arg, Gln)"),
            Band.of(1578, 14, 0.10, "COO- asymmetric stretch (Asp, Glu)"),
            Band.of(1530, 22, 0.60, "amide II, beta-sheet"),
            Band.of(1517, 4, 0.04, "tyrosine ring"),
            Band.of(1455, 18, 0.15, "CH3 asymmetric bend"),
            Band.of(1400, 15, 0.12, "COO- symmetric stretch"),
            Band.of(1235, 20, 0.09, "amide III, beta-sheet"),
            // the unresolved continuum of side-chain and glycosylation bands under the fingerprint (measured
            // protein films, e.g. Matrigel, sit at 0.13-0.23 of amide I from 1000 to 1450 cm-1)
            Band.of(1340, 35, 0.09, "CH deformation, amide III, side chains"),
            Band.of(1180, 45, 0.06, "C-N, C-O of side chains"),
            Band.of(1060, 80, 0.07, "C-O, C-N of side chains and glycans"))),
    LIPID("lipids", List.of(
            Band.of(3010, 8, 0.06, "=C-H stretch (unsaturated chains)"),
            Band.of(2958, 8, 0.18, "CH3 asymmetric stretch"),
            Band.of(2921, 9, 0.75, "CH2 asymmetric stretch"),
            Band.of(2851, 7, 0.45, "CH2 symmetric stretch"),
            Band.of(1740, 10, 0.55, "ester C=O stretch"),
            Band.of(1468, 9, 0.16, "CH2 scissoring"),
            Band.of(1378, 8, 0.06, "CH3 symmetric bend"),
            Band.of(1170, 18, 0.16, "C-O-C stretch of esters"),
            Band.of(1090, 16, 0.08, "PO2- symmetric stretch of phospholipids"))),
    NUCLEIC_ACID("nucleic acids", List.of(
            Band.of(1712, 13, 0.22, "C=O of bases"),
            Band.of(1602, 14, 0.14, "base ring modes"),
            Band.of(1240, 19, 0.62, "PO2- asymmetric stretch"),
            Band.of(1121, 14, 0.12, "ribose C-O stretch (RNA)"),
            Band.of(1085, 14, 0.58, "PO2- symmetric stretch"),
            Band.of(1055, 18, 0.30, "deoxyribose/ribose C-O stretch"),
            Band.of(967, 10, 0.20, "C-C/C-O of the DNA backbone, phosphate dianion"))),
    GLYCOGEN("carbohydrates and glycogen", List.of(
            Band.of(3300, 130, 0.28, "O-H stretch"),
            Band.of(1152, 14, 0.42, "C-O stretch, C-O-C glycosidic"),
            Band.of(1080, 17, 0.70, "C-O stretch"),
            Band.of(1025, 14, 1.00, "C-O stretch, glycogen"))),
    COLLAGEN("collagen", List.of(
            Band.of(3320, 60, 0.30, "amide A"),
            Band.of(2940, 12, 0.06, "CH stretch"),
            Band.of(1656, 16, 1.00, "amide I, triple helix"),
            Band.of(1550, 18, 0.50, "amide II"),
            Band.of(1450, 13, 0.19, "CH2/CH3 bend"),
            Band.of(1403, 12, 0.10, "COO- stretch"),
            Band.of(1338, 9, 0.16, "CH2 wag of proline side chains"),
            Band.of(1282, 9, 0.15, "amide III"),
            Band.of(1240, 11, 0.21, "amide III"),
            Band.of(1204, 9, 0.15, "amide III, hydroxyproline"),
            Band.of(1080, 22, 0.10, "C-O of carbohydrate residues"),
            Band.of(1032, 14, 0.08, "C-O of proline/hydroxyproline"))),
    MUCIN("mucins and glycoproteins", List.of(
            Band.of(3300, 100, 0.22, "O-H/N-H stretch"),
            Band.of(1645, 18, 0.35, "amide I of the protein core"),
            Band.of(1550, 18, 0.18, "amide II"),
            Band.of(1375, 14, 0.16, "CH3 bend of N-acetyl groups"),
            Band.of(1250, 25, 0.22, "sulphate S=O, amide III"),
            Band.of(1075, 22, 0.75, "C-O-C of sugars"),
            Band.of(1040, 22, 0.85, "C-O of sugars"))),
    WATER("residual water", List.of(
            Band.of(3400, 170, 0.60, "O-H stretch"),
            Band.of(1640, 35, 0.22, "H-O-H bend")));

    private final String description;
    private final List<Band> bands;

    Component(String description, List<Band> bands) {
        this.description = description;
        this.bands = bands;
    }

    public String description() { return description; }

    public List<Band> bands() { return bands; }
}
