package io.descatter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.descatter.dynamics.Comparison;
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
            row.put("tolerance", c.tolerance());
            row.put("within_tolerance", c.passes());
            rows.add(row);
        }
        root.put("comparisons", rows);
        root.put("scalars", r.scalars());
        root.put("note", "matrices are compared by relative Frobenius error (measured/predicted are Frobenius norms); "
                + "relative_standard_error is the batch-means estimate ε̂; tolerance = max(3ε̂, floor)");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
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
        VarianceFlatnessReport.plot(r.profile(), r.fit(), dir.resolve("variance_flatness.png"));
    }

    private static double[] positive(double[] v) {
        return java.util.Arrays.stream(v).filter(x -> x > 0).toArray();
    }
}
