package io.descatter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.descatter.dynamics.Comparison;
import io.descatter.dynamics.PsiComparison;
import io.descatter.dynamics.SgdResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an SGD experiment's summary.json, CSV tables and PNG plots into a folder. */
public final class SgdReportWriter {
    private SgdReportWriter() {
    }

    public static void write(SgdResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeSummary(r, dir.resolve("summary.json"));
        writeSpectra(r, dir.resolve("spectra.csv"));
        VarianceFlatnessReport.writeModes(r.profile(), dir.resolve("variance_flatness.csv"));
        plot(r, dir);
    }

    /**
     * The console report: every comparison (exact ones with their verdict, approximations labelled), then ψ measured
     * beside ψ predicted, then the remaining numbers.
     */
    public static List<String> consoleLines(SgdResult r) {
        List<String> lines = new ArrayList<>();
        for (Comparison c : r.comparisons()) lines.add(c.toString());
        if (r.psi() != null) {
            lines.add(r.psi().toString());
        } else if (r.fit() != null) {
            lines.add(String.format("psi = %.4f [%.4f, %.4f] | no prediction (the exact reduction needs one output)",
                    -r.fit().slope(), -r.fit().ciHigh(), -r.fit().ciLow()));
        }
        Double continuum = r.scalars().get("psi_continuum_approximation");
        if (continuum != null && r.fit() != null)
            lines.add(String.format("psi: continuum approximation %.4f (the same fit on the continuum covariance): "
                    + "measured − continuum = %.4f", continuum, -r.fit().slope() - continuum));
        // the numbers not yet shown: ψ's are on the lines above, and so are those named after a comparison (rho_db_*)
        r.scalars().forEach((k, v) -> {
            boolean shown = k.startsWith("psi") || r.comparisons().stream().anyMatch(c -> k.startsWith(c.name() + "_"));
            if (!shown) lines.add(String.format("%s = %.6g", k, v));
        });
        return lines;
    }

    private static void writeSummary(SgdResult r, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", r.config());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Comparison c : r.comparisons()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("quantity", c.name());
            row.put("measured", c.measured());
            row.put("predicted", c.predicted());
            row.put("relative_error", c.relativeError());
            row.put("relative_standard_error", c.relativeStandardError());
            if (c.isApproximation()) {
                row.put("approximation", c.approximation());
                row.put("expected_relative_offset", c.expectedOffset());
            } else {
                row.put("tolerance", c.tolerance());
                row.put("within_tolerance", c.passes());
            }
            rows.add(row);
        }
        root.put("comparisons", rows);
        if (r.psi() != null) root.put("psi", psiSummary(r.psi()));
        root.put("scalars", r.scalars());
        root.put("note", "matrices are compared by relative Frobenius error (measured/predicted are Frobenius norms); "
                + "relative_standard_error is the batch-means estimate ε̂; tolerance = max(3ε̂, floor); rows with "
                + "'approximation' are leading-order or otherwise approximate predictions: reported with the offset "
                + "expected of them, never failed. psi: the same variance-flatness fit on the measured and on the predicted "
                + "covariance; fit_ci is the fit's 95 % interval (scatter of the modes about a power law), "
                + "interval_95 the jackknife interval over the batches (the measurement's error bar)");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private static Map<String, Object> psiSummary(PsiComparison p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measured", p.psi());
        m.put("measured_fit_ci", new double[] {-p.measured().ciHigh(), -p.measured().ciLow()});
        m.put("measured_jackknife_error", p.measuredError());
        m.put("measured_interval_95", p.measuredInterval());
        m.put("predicted", p.predictedPsi());
        m.put("predicted_by", p.source());
        m.put("predicted_fit_ci", new double[] {-p.predicted().ciHigh(), -p.predicted().ciLow()});
        m.put("predicted_jackknife_error", p.predictedError());
        m.put("predicted_interval_95", p.predictedInterval());
        m.put("modes_fitted", p.measured().points());
        m.put("difference", p.difference());
        m.put("difference_jackknife_error", p.differenceError());
        if (p.exact()) {
            m.put("tolerance", p.tolerance());
            m.put("within_tolerance", p.passes());
        }
        return m;
    }

    private static void writeSpectra(SgdResult r, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("rank,sigma_measured,sigma_predicted,hessian,noise_c");
            int n = Math.max(Math.max(r.sigmaMeasured().length, r.sigmaPredicted().length),
                    Math.max(r.hessianSpectrum().length, r.noiseSpectrum().length));
            for (int i = 0; i < n; i++)
                w.println((i + 1) + "," + cell(r.sigmaMeasured(), i) + "," + cell(r.sigmaPredicted(), i) + ","
                        + cell(r.hessianSpectrum(), i) + "," + cell(r.noiseSpectrum(), i));
        }
    }

    private static String cell(double[] v, int i) {
        return i < v.length ? Double.toString(v[i]) : "";
    }

    private static void plot(SgdResult r, Path dir) throws IOException {
        Plots.write(dir.resolve("sigma_eigenvalues.png"), "Eigenvalues of the weight covariance Σ", "rank",
                "eigenvalue", false, true, Plots.series(
                        "measured", Plots.Series.ranked(r.sigmaMeasured(), false),
                        "predicted (exact discrete)", Plots.Series.ranked(r.sigmaPredicted(), true)));
        Plots.write(dir.resolve("hessian_noise_spectra.png"), "Spectra of H and of the gradient noise C", "rank",
                "eigenvalue", false, true, Plots.series(
                        "H", Plots.Series.ranked(positive(r.hessianSpectrum()), false),
                        "C (stationary, predicted)", Plots.Series.ranked(positive(r.noiseSpectrum()), false)));
        if (r.psi() != null) {
            VarianceFlatnessReport.plot(r.profile(), r.fit(), r.psi().predictedProfile(), r.psi().predicted(), r.psi().source(),
                    dir.resolve("variance_flatness.png"));
        } else {
            VarianceFlatnessReport.plot(r.profile(), r.fit(), dir.resolve("variance_flatness.png"));
        }
    }

    private static double[] positive(double[] v) {
        return java.util.Arrays.stream(v).filter(x -> x > 0).toArray();
    }
}
