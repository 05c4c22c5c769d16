package io.descatter.report;

import io.descatter.dynamics.PowerLawFit;
import io.descatter.dynamics.VarianceFlatness;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The outputs of a Feng-Tu variance-flatness measurement shared by the sgd and stability reports. */
public final class VarianceFlatnessReport {
    private VarianceFlatnessReport() {
    }

    /** One row per profiled direction. */
    public static void writeModes(VarianceFlatness.Profile profile, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("mode,variance,flatness,theta_left,theta_right,curvature");
            for (VarianceFlatness.Mode m : profile.modes())
                w.println(m.index() + "," + m.variance() + "," + m.flatness() + "," + m.thetaLeft() + ","
                        + m.thetaRight() + "," + m.curvature());
        }
    }

    /** Variance against flatness on log-log axes, with the fitted power law when there is one. */
    public static void plot(VarianceFlatness.Profile profile, PowerLawFit fit, Path file) throws IOException {
        plot(profile, fit, null, null, null, file);
    }

    /**
     * The same with a theory line: the predicted modes (variance against flatness of the predicted covariance's
     * principal directions, joined in order of flatness) and the ψ fitted to them.
     */
    public static void plot(VarianceFlatness.Profile profile, PowerLawFit fit, VarianceFlatness.Profile predicted,
                            PowerLawFit predictedFit, String source, Path file) throws IOException {
        List<VarianceFlatness.Mode> modes = profile.modes().stream().filter(m -> Double.isFinite(m.flatness())).toList();
        double[] f = modes.stream().mapToDouble(VarianceFlatness.Mode::flatness).toArray();
        double[] v = modes.stream().mapToDouble(VarianceFlatness.Mode::variance).toArray();
        Map<String, Plots.Series> s = Plots.series("PCA directions", Plots.Series.points(f, v));
        if (fit != null && f.length > 0) {
            double lo = Arrays.stream(f).min().orElseThrow();
            double hi = Arrays.stream(f).max().orElseThrow();
            double[] x = {lo, hi};
            double[] y = {Math.exp(fit.intercept()) * Math.pow(lo, fit.slope()),
                Math.exp(fit.intercept()) * Math.pow(hi, fit.slope())};
            s.put(String.format("fit ψ = %.2f [%.2f, %.2f]", -fit.slope(), -fit.ciHigh(), -fit.ciLow()),
                    Plots.Series.line(x, y));
        }
        if (predicted != null) {
            List<VarianceFlatness.Mode> theory = predicted.modes().stream().filter(m -> Double.isFinite(m.flatness()))
                    .sorted(java.util.Comparator.comparingDouble(VarianceFlatness.Mode::flatness)).toList();
            String label = predictedFit == null ? "theory: " + source
                    : String.format("theory: %s, ψ = %.2f", source, -predictedFit.slope());
            s.put(label, Plots.Series.line(theory.stream().mapToDouble(VarianceFlatness.Mode::flatness).toArray(),
                    theory.stream().mapToDouble(VarianceFlatness.Mode::variance).toArray()));
        }
        Plots.write(file, "Variance vs flatness (Feng-Tu)", "flatness F", "variance σ²", true, true, s);
    }
}
