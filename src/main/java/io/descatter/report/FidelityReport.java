package io.descatter.report;

import io.descatter.chemistry.BandRatio;
import io.descatter.spectra.io.DoubleFormatter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The chemical-fidelity parts of an evaluation report: its markdown tables and the per-spectrum CSV. */
public final class FidelityReport {
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
    private static final DoubleFormatter NUMBERS = DoubleFormatter.significantDigits(6);

    private FidelityReport() {
    }

    /**
     * One row per spectrum: {@code id}, {@code group}, then the {@code columns} in their order (numbers to 6
     * significant digits, NaN where a value is undefined).
     */
    public static void writePerSpectrum(Path csv, List<String> ids, List<String> groups, Map<String, double[]> columns) throws IOException {
        try (Writer w = Files.newBufferedWriter(csv); CSVPrinter p = new CSVPrinter(w, CSV)) {
            p.print("id");
            p.print("group");
            p.printRecord(columns.keySet());
            for (int i = 0; i < ids.size(); i++) {
                p.print(ids.get(i));
                p.print(groups.get(i));
                for (double[] c : columns.values()) p.print(NUMBERS.format(c[i]));
                p.println();
            }
        }
    }

    /**
     * Markdown for one comparison made by {@link io.descatter.chemistry.Fidelity#compare}: a table of every ratio over
     * all spectra (each candidate's median disagreement, then the mean ratios), and with several groups a compact
     * table of the disagreements per group.
     *
     * @param title e.g. "vs truth"
     */
    @SuppressWarnings("unchecked")
    public static String markdown(String title, Map<String, Object> comparison) {
        String reference = (String) comparison.get("reference");
        Map<String, Object> groups = (Map<String, Object>) comparison.get("groups");
        Map<String, Object> all = (Map<String, Object>) groups.get("all");
        Map<String, Object> agreement = (Map<String, Object>) all.get("agreement");
        Map<String, Object> compared = (Map<String, Object>) all.get("compared");
        int spectra = ((Number) all.get("spectra")).intValue();
        Map<String, Object> means = (Map<String, Object>) all.get("meanRatios");
        Map<String, Object> medians = (Map<String, Object>) all.get("medianRatios");
        StringBuilder sb = new StringBuilder("### Chemical fidelity " + title + " (" + all.get("spectra") + " spectra)\n\n");
        sb.append("| ratio | agreement with ").append(reference).append(" |");
        for (String c : agreement.keySet()) sb.append(' ').append(c).append(" |");
        for (String c : means.keySet()) sb.append(" mean (median) ").append(c).append(" |");
        sb.append("\n|---|---|").append("---|".repeat(agreement.size() + means.size())).append('\n');
        for (BandRatio r : BandRatio.values()) {
            sb.append("| ").append(r.label()).append(" (`").append(r.column()).append("`) | ").append(r.agreement().description().replace("|", "\\|")).append(" |");
            for (String c : agreement.keySet()) {
                sb.append(' ').append(number(((Map<String, Object>) agreement.get(c)).get(r.agreementColumn())));
                int n = ((Number) ((Map<String, Object>) compared.get(c)).get(r.agreementColumn())).intValue();
                if (n < spectra) sb.append(" (").append(n).append('/').append(spectra).append(')');
                sb.append(" |");
            }
            for (String c : means.keySet()) {
                sb.append(' ').append(number(((Map<String, Object>) means.get(c)).get(r.column())))
                        .append(" (").append(number(((Map<String, Object>) medians.get(c)).get(r.column()))).append(") |");
            }
            sb.append('\n');
        }
        if (groups.size() > 1) {
            sb.append("\nPer group, median disagreement (").append(String.join(" / ", agreement.keySet())).append("):\n\n| group | n |");
            for (BandRatio r : BandRatio.values()) sb.append(' ').append(r.column()).append(" |");
            sb.append("\n|---|---|").append("---|".repeat(BandRatio.values().length)).append('\n');
            for (Map.Entry<String, Object> g : groups.entrySet()) {
                if (g.getKey().equals("all")) continue;
                Map<String, Object> ga = (Map<String, Object>) ((Map<String, Object>) g.getValue()).get("agreement");
                sb.append("| ").append(g.getKey()).append(" | ").append(((Map<String, Object>) g.getValue()).get("spectra")).append(" |");
                for (BandRatio r : BandRatio.values()) {
                    StringBuilder cell = new StringBuilder();
                    for (Object a : ga.values()) {
                        if (cell.length() > 0) cell.append(" / ");
                        cell.append(number(((Map<String, Object>) a).get(r.agreementColumn())));
                    }
                    sb.append(' ').append(cell).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.append('\n').toString();
    }

    /** How to read the tables, once per report. */
    public static String explanation() {
        return "Band ratios are areas (or heights) above a straight line drawn across each band's window, so they do not "
                + "depend on the spectrum's scale, offset or a linear baseline (windows: docs/MODEL.md, \"Chemical fidelity\"). "
                + "Agreement is the median over spectra of |log(ratio / reference's ratio)| (0.1: about 10 % off; spectra "
                + "where either ratio is ≤ 0 are left out) or, for ratios that can be about 0 or negative, of |difference|. "
                + "`raw` is the uncorrected input compared in the same way: where a correction's figure is larger than raw's, "
                + "it changed that ratio more than doing nothing would have. A count after a figure (38/60) says over how many spectra it was defined, where not all. A dash is a ratio the axis does not cover (or no spectrum where it is defined). "
                + "Mean ratios are given with their medians: a height ratio whose denominator can be near 0 (1080/1240) has a mean that a few spectra decide. Per spectrum: per_spectrum.csv.\n";
    }

    private static String number(Object v) {
        double d = ((Number) v).doubleValue();
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "—";
    }
}
