package io.descatter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a gallery result: per figure a PNG and a CSV of its plotted numbers, per SGD run its usual report in a
 * sub-folder, and summary.json with every theory check (theory, measured value, 95 % interval, inside or not).
 */
public final class GalleryWriter {
    private GalleryWriter() {
    }

    /** @param extra further entries of summary.json (command, timing) */
    public static void write(SgdGallery.Result r, Map<String, Object> extra, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Figure f : r.figures()) {
            writePng(f, dir.resolve(f.name() + ".png"));
            writeCsv(f, dir.resolve(f.name() + ".csv"));
        }
        for (int i = 0; i < r.runs().size(); i++) SgdReportWriter.write(r.runs().get(i), dir.resolve(r.runLabels().get(i)));
        writeSummary(r, extra, dir.resolve("summary.json"));
    }

    static void writePng(Figure f, Path file) throws IOException {
        Map<String, Plots.Series> series = new LinkedHashMap<>();
        for (Figure.Curve c : f.curves()) {
            double[] half = null;
            if (c.low() != null) {
                half = new double[c.y().length];
                for (int i = 0; i < half.length; i++) half[i] = 0.5 * (c.high()[i] - c.low()[i]);
            }
            series.put(c.name(), new Plots.Series(c.x(), c.y(), c.line(), half));
        }
        Plots.write(file, f.title(), f.xLabel(), f.yLabel(), f.logX(), f.logY(), series);
    }

    static void writeCsv(Figure f, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("curve,x,y,ci95_low,ci95_high");
            for (Figure.Curve c : f.curves())
                for (int i = 0; i < c.x().length; i++)
                    w.println(quote(c.name()) + "," + c.x()[i] + "," + c.y()[i] + ","
                            + (c.low() == null ? "" : Double.toString(c.low()[i])) + ","
                            + (c.high() == null ? "" : Double.toString(c.high()[i])));
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static void writeSummary(SgdGallery.Result r, Map<String, Object> extra, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", r.name());
        root.putAll(extra);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TheoryCheck c : r.checks()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("figure", c.figure());
            row.put("quantity", c.quantity());
            row.put("x", c.x());
            row.put("theory", c.theory());
            row.put("measured", c.measured().value());
            row.put("ci95_low", c.measured().low());
            row.put("ci95_high", c.measured().high());
            row.put("inside", c.inside());
            row.put("approximation", c.approximation());
            rows.add(row);
        }
        root.put("checks_exact_inside", r.checks().stream().filter(c -> !c.approximation() && c.inside()).count());
        root.put("checks_exact", r.checks().stream().filter(c -> !c.approximation()).count());
        root.put("checks", rows);
        root.put("details", r.details());
        root.put("figures", r.figures().stream().map(f -> f.name() + ".png").toList());
        root.put("note", "each check sets a theory value beside the measured value's 95 % interval (batch means with Student t, "
                + "19 degrees of freedom; ρ_DB by the jackknife over the batches; ψ by the fit's interval; densities over "
                + "independent teachers); approximation rows are leading-order formulas, expected to miss by O(η)");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }
}
