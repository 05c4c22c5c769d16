package io.descatter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.descatter.dynamics.CorrectionStability;
import io.descatter.dynamics.Interval;
import io.descatter.dynamics.PowerLawFit;
import io.descatter.dynamics.PsiMeaning;
import io.descatter.dynamics.StationaritySearch;
import io.descatter.dynamics.VarianceFlatness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a stability analysis' summary.json, modes.csv and PNG plots into a folder. */
public final class StabilityReportWriter {
    private StabilityReportWriter() {
    }

    /** @param provenance what was analysed (model, data files), copied into summary.json */
    public static void write(CorrectionStability.Result r, Map<String, Object> provenance, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeSummary(r, provenance, dir.resolve("summary.json"));
        VarianceFlatnessReport.writeModes(r.profile(), dir.resolve("modes.csv"));
        VarianceFlatnessReport.plot(r.profile(), r.fit(), dir.resolve("variance_flatness.png"));
        double[] variances = r.profile().modes().stream().mapToDouble(VarianceFlatness.Mode::variance).toArray();
        Plots.write(dir.resolve("variance_spectrum.png"), "Variance of the leading PCA directions of layer "
                + r.settings().layer(), "rank", "variance σ²", false, true,
                Plots.series("PCA of the window", Plots.Series.ranked(variances, false)));
        double[] steps = new double[r.stepLoss().length];
        for (int i = 0; i < steps.length; i++) steps[i] = i + 1;
        double[] snapshotSteps = java.util.Arrays.stream(r.snapshotSteps()).asDoubleStream().toArray();
        Plots.write(dir.resolve("loss.png"), "Loss during SGD (recorded window: the last " + r.settings().window() + " steps)",
                "step", "MSE", false, true, Plots.series(
                        "minibatch", Plots.Series.line(steps, r.stepLoss()),
                        "fixed subset of " + r.subsetPairs() + " pairs", Plots.Series.points(snapshotSteps, r.snapshotLoss())));
    }

    private static void writeSummary(CorrectionStability.Result r, Map<String, Object> provenance, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        PowerLawFit fit = r.fit();
        root.put("psi", fit == null ? null : VarianceFlatness.psi(fit));
        root.put("psi_ci95", fit == null ? null : List.of(-fit.ciHigh(), -fit.ciLow()));
        root.put("psi_standard_error", fit == null ? null : fit.slopeError());
        root.put("modes_used", fit == null ? 0 : fit.points());
        root.put("base_loss", r.profile().baseLoss());
        CorrectionStability.Stationarity s = r.stationarity();
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("stationary", s.stationary());
        st.put("z", s.z());
        st.put("z_limit", s.limit());
        st.put("first_half_mean_loss", s.firstHalf());
        st.put("first_half_standard_error", s.firstHalfError());
        st.put("second_half_mean_loss", s.secondHalf());
        st.put("second_half_standard_error", s.secondHalfError());
        st.put("batches_per_half", s.batchesPerHalf());
        root.put("stationarity", st);
        if (fit != null) root.put("psi_meaning", PsiMeaning.describe(new Interval(-fit.slope(), -fit.ciHigh(), -fit.ciLow())));
        StationaritySearch.Outcome search = r.search();
        if (search != null) {
            Map<String, Object> se = new LinkedHashMap<>();
            se.put("stationary", search.stationary());
            se.put("learning_rate", search.learningRate());
            se.put("burn_in_steps", search.stationary() ? search.burnIn() : null);
            se.put("reason", search.reason());
            se.put("advice", search.advice());
            List<Map<String, Object>> windows = new ArrayList<>();
            for (StationaritySearch.Window w : search.windows()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("learning_rate", w.learningRate());
                row.put("first_step", w.firstStep());
                row.put("last_step", w.lastStep());
                row.put("burn_in", w.burnIn());
                row.put("z", w.test().z());
                row.put("z_limit", w.test().limit());
                row.put("stationary", w.test().stationary());
                row.put("first_half_mean_loss", w.test().firstHalf());
                row.put("second_half_mean_loss", w.test().secondHalf());
                row.put("seconds", w.seconds());
                windows.add(row);
            }
            se.put("windows", windows);
            root.put("search", se);
        }
        List<Map<String, Object>> modes = new ArrayList<>();
        for (VarianceFlatness.Mode m : r.profile().modes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("mode", m.index());
            row.put("variance", m.variance());
            // JSON has no infinity: a direction along which the loss never reaches e·L₀ has no flatness.
            row.put("flatness", Double.isFinite(m.flatness()) ? m.flatness() : null);
            row.put("theta_left", Double.isFinite(m.thetaLeft()) ? m.thetaLeft() : null);
            row.put("theta_right", Double.isFinite(m.thetaRight()) ? m.thetaRight() : null);
            modes.add(row);
        }
        root.put("modes", modes);
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("index", r.settings().layer());
        layer.put("weight_shape", r.layerShape());
        layer.put("weights", r.layerShape()[0] * r.layerShape()[1]);
        root.put("layer", layer);
        root.put("settings", r.settings());
        root.put("pairs", r.pairs());
        root.put("loss_subset_pairs", r.subsetPairs());
        root.put("snapshots", r.snapshotSteps().length);
        root.put("input", provenance);
        root.put("note", "ψ from σ² ∝ F^(−ψ) over the profiled PCA directions of the layer's weights in the window "
                + "(Feng & Tu); flatness is the width in weight space where the subset MSE reaches e·L₀, L₀ at the "
                + "window's mean weights; stationary when |z| < z_limit, z comparing the mean subset loss of the "
                + "window's two halves with batch-means standard errors, z_limit Student's t quantile (pooled, 2(b-1) "
                + "degrees of freedom) at the level of |z| < 3 for a normal variable");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }
}
