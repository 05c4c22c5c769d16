package io.descatter.report;

import io.descatter.dynamics.BatchSampling;
import io.descatter.dynamics.HessianDensity;
import io.descatter.dynamics.Interval;
import io.descatter.dynamics.SgdConfig;
import io.descatter.dynamics.SgdResult;
import io.descatter.dynamics.SgdSweep;
import io.descatter.dynamics.SweepMeasures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * The papers' claims as figures (docs/SGD.md, "Gallery"): a sweep's figures, and the named presets that fix the
 * parameters of each claim. Every figure sets a theory line beside measured 95 % intervals; each point where they
 * meet is a {@link TheoryCheck}.
 */
public final class SgdGallery {
    /** What a gallery run made: figures, the checks of theory against measurement, and further numbers. */
    public record Result(String name, List<Figure> figures, List<TheoryCheck> checks, Map<String, Object> details,
                         List<SgdResult> runs, List<String> runLabels) {
    }

    /** The presets: one claim each. */
    public enum Preset {
        BROKEN_DETAILED_BALANCE("broken-detailed-balance",
                "single layer, weakly oversampled (N/d 1.5-5): spectra of H and the gradient noise C; ρ_DB and c vs N/d"),
        ANISOTROPIC("anisotropic", "single layer, N/d = 2: anisotropic weight fluctuations under an isotropic loss"),
        VARIANCE_FLATNESS("variance-flatness", "two layers: variance vs flatness with the theory line; ψ vs η and vs B"),
        HESSIAN_DENSITY("hessian-density",
                "Couto et al.: Hessian eigenvalue density of a linear teacher-student pair vs χ² ⊛ Marchenko-Pastur");

        private final String key;
        private final String description;

        Preset(String key, String description) {
            this.key = key;
            this.description = description;
        }

        public String key() { return key; }

        public String description() { return description; }

        public static Preset of(String name) {
            for (Preset p : values()) if (p.key.equalsIgnoreCase(name.trim())) return p;
            throw new IllegalArgumentException("--preset: unknown name '" + name + "'; one of " + names());
        }

        public static String names() {
            return String.join(", ", Arrays.stream(values()).map(Preset::key).toList());
        }
    }

    /** Single layer, d = 20, B = 4, η = 0.05, σ = 1 (T3 of SGD-THEORY.md) on N = 2d samples. */
    static SgdConfig singleLayerBase(long seed) {
        return new SgdConfig(1, 20, 0, 1, 40, 4, 0.05, 1.0, 2_000_000, 50_000, seed, "fast", BatchSampling.WITH_REPLACEMENT);
    }

    /** Two layers, online, d = 16, h = 12, B = 4, η = 0.02, σ = 1e-3 (T6/T10 of SGD-THEORY.md). */
    static SgdConfig twoLayerBase(long seed) {
        return new SgdConfig(2, 16, 12, 1, 0, 4, 0.02, 1e-3, 1_000_000, 50_000, seed, "fast", BatchSampling.WITH_REPLACEMENT);
    }

    static final int DENSITY_DIM = 80;
    static final int DENSITY_HIDDEN = 160;
    static final int DENSITY_TEACHERS = 150;
    static final int DENSITY_BINS = 30;

    private SgdGallery() {
    }

    /** Runs a preset; {@code progress} receives a line per finished run. */
    public static Result preset(Preset preset, long seed, java.util.function.Consumer<String> progress) {
        return switch (preset) {
            case BROKEN_DETAILED_BALANCE -> brokenDetailedBalance(seed, progress);
            case ANISOTROPIC -> anisotropic(seed, progress);
            case VARIANCE_FLATNESS -> varianceFlatness(seed, progress);
            case HESSIAN_DENSITY -> hessianDensity(seed, progress);
        };
    }

    /** Runs a sweep and makes its figures. */
    public static Result sweep(SgdConfig base, SgdSweep sweep, LongConsumer progress) {
        List<SgdResult> runs = sweep.run(base, progress);
        return sweepResult("sweep " + sweep.parameter().key(), sweep, runs);
    }

    private static Result sweepResult(String name, SgdSweep sweep, List<SgdResult> runs) {
        List<Figure> figures = new ArrayList<>();
        List<TheoryCheck> checks = new ArrayList<>();
        sweepFigures(sweep, runs, figures, checks);
        return new Result(name, figures, checks, new LinkedHashMap<>(), runs, labels(sweep));
    }

    private static List<String> labels(SgdSweep sweep) {
        return Arrays.stream(sweep.values()).mapToObj(v -> sweep.parameter().key() + "=" + sweep.format(v)).toList();
    }

    /** tr Σ and ψ against the swept parameter for any sweep; ρ_DB and c for one layer. */
    static void sweepFigures(SgdSweep sweep, List<SgdResult> runs, List<Figure> figures, List<TheoryCheck> checks) {
        double[] x = sweep.values();
        String key = sweep.parameter().key();
        String label = sweep.parameter().label();
        boolean logX = Arrays.stream(x).max().orElseThrow() / Arrays.stream(x).min().orElseThrow() >= 4;
        List<Interval> variance = runs.stream().map(SweepMeasures::totalVariance).toList();
        double[] predictedVariance = runs.stream().mapToDouble(SweepMeasures::predictedTotalVariance).toArray();
        figures.add(Figure.of("total_variance_vs_" + key, "Total weight variance tr Σ vs " + label, label, "tr Σ", logX, true,
                Figure.Curve.measured("measured (95 % interval)", x, variance),
                Figure.Curve.line("exact discrete theory", x, predictedVariance)));
        addChecks(checks, "total_variance_vs_" + key, "tr Σ", x, predictedVariance, variance, false);

        List<Interval> psi = runs.stream().map(SweepMeasures::psi).toList();
        if (psi.stream().allMatch(p -> p != null)) {
            double[] predictedPsi = runs.stream().mapToDouble(SweepMeasures::predictedPsi).toArray();
            figures.add(Figure.of("psi_vs_" + key, "Variance-flatness exponent ψ vs " + label, label, "ψ", logX, false,
                    Figure.Curve.measured("measured ψ (95 % interval of the fit)", x, psi),
                    Figure.Curve.line("ψ of the exact Σ, same directions and flatness", x, predictedPsi)));
            addChecks(checks, "psi_vs_" + key, "ψ", x, predictedPsi, psi, false);
        }
        if (runs.get(0).config().layers() == 1) {
            List<Interval> rho = runs.stream().map(SweepMeasures::detailedBalance).toList();
            double[] rhoExact = runs.stream().mapToDouble(r -> r.scalars().get("rho_db_exact")).toArray();
            double[] c = runs.stream().mapToDouble(r -> r.scalars().get("commutator_c")).toArray();
            figures.add(Figure.of("detailed_balance_vs_" + key, "Broken detailed balance vs " + label, label,
                    "ρ_DB, c", logX, false,
                    Figure.Curve.measured("ρ_DB measured (jackknife 95 % interval)", x, rho),
                    Figure.Curve.line("ρ_DB of the exact Σ", x, rhoExact),
                    Figure.Curve.points("c = ‖[H, C₀]‖/(‖H‖‖C₀‖) (data, exact)", x, c)));
            addChecks(checks, "detailed_balance_vs_" + key, "ρ_DB", x, rhoExact, rho, false);
        }
    }

    private static void addChecks(List<TheoryCheck> checks, String figure, String quantity, double[] x, double[] theory,
                                  List<Interval> measured, boolean approximation) {
        for (int i = 0; i < x.length; i++)
            if (Double.isFinite(theory[i])) checks.add(new TheoryCheck(figure, quantity, x[i], theory[i], measured.get(i), approximation));
    }

    private static Result brokenDetailedBalance(long seed, java.util.function.Consumer<String> progress) {
        SgdSweep sweep = new SgdSweep(SgdSweep.Parameter.RATIO, new double[] {1.5, 2, 3, 5});
        List<SgdResult> runs = runAll(sweep, singleLayerBase(seed), progress);
        Result r = sweepResult(Preset.BROKEN_DETAILED_BALANCE.key(), sweep, runs);
        List<Figure.Curve> curves = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String n = "N/d = " + sweep.format(sweep.values()[i]);
            curves.add(ranked("H, " + n, normalised(runs.get(i).hessianSpectrum()), true));
            curves.add(ranked("C (stationary noise), " + n, normalised(runs.get(i).noiseSpectrum()), false));
        }
        r.figures().add(0, new Figure("hessian_noise_spectra", "Eigenvalues of H and of the gradient noise C, each over its mean",
                "rank", "eigenvalue / mean eigenvalue", false, true, curves));
        for (int i = 0; i < runs.size(); i++) {
            r.details().put("N/d=" + sweep.format(sweep.values()[i]), Map.of(
                    "commutator_c", runs.get(i).scalars().get("commutator_c"),
                    "rho_db_exact", runs.get(i).scalars().get("rho_db_exact"),
                    "rho_db_measured", runs.get(i).scalars().get("rho_db_measured")));
        }
        return r;
    }

    private static Result anisotropic(long seed, java.util.function.Consumer<String> progress) {
        SgdConfig cfg = singleLayerBase(seed);
        SgdResult run = io.descatter.dynamics.SgdExperiment.run(cfg, null);
        progress.accept(String.format(Locale.ROOT, "N/d = 2: %.0f steps/s", run.scalars().get("steps_per_second")));
        List<SweepMeasures.ModeVariance> modes = SweepMeasures.modeVariances(run);
        double[] rank = IntStream.rangeClosed(1, modes.size()).asDoubleStream().toArray();
        List<Interval> measured = modes.stream().map(SweepMeasures.ModeVariance::measured).toList();
        double[] predicted = modes.stream().mapToDouble(SweepMeasures.ModeVariance::predicted).toArray();
        double[] curvature = SweepMeasures.curvatures(run);
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of("variance_along_pca", "Weight variance along the principal directions of Σ (N/d = 2)",
                "rank of the direction", "σ² = pᵀΣp", false, true,
                Figure.Curve.measured("measured (95 % interval)", rank, measured),
                Figure.Curve.line("exact discrete theory pᵀΣ_exact p", rank, predicted)));
        double[] hEig = run.hessianSpectrum();
        figures.add(Figure.of("curvature_along_pca", "Curvature along those directions vs the spectrum of H",
                "rank", "curvature", false, true,
                Figure.Curve.points("pᵀHp along the i-th principal direction of Σ", rank, curvature),
                ranked("eigenvalues of H (ranked)", hEig, true)));
        List<TheoryCheck> checks = new ArrayList<>();
        addChecks(checks, "variance_along_pca", "σ² along a principal direction", rank, predicted, measured, false);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sigma_max_over_min", modes.get(0).measured().value() / modes.get(modes.size() - 1).measured().value());
        details.put("curvature_spread_over_hessian_spread", SweepMeasures.curvatureSpreadRatio(run));
        details.put("hessian_max_over_min", hEig[0] / hEig[hEig.length - 1]);
        Interval psi = SweepMeasures.psi(run);
        if (psi != null) {
            details.put("psi", psi);
            details.put("psi_exact_sigma", SweepMeasures.predictedPsi(run));
        }
        return new Result(Preset.ANISOTROPIC.key(), figures, checks, details, List.of(run), List.of("N-d=2"));
    }

    private static Result varianceFlatness(long seed, java.util.function.Consumer<String> progress) {
        SgdConfig base = twoLayerBase(seed);
        SgdSweep etas = new SgdSweep(SgdSweep.Parameter.LR, new double[] {0.01, 0.02, 0.04});
        SgdSweep batches = new SgdSweep(SgdSweep.Parameter.BATCH, new double[] {2, 4, 8});
        List<SgdResult> etaRuns = runAll(etas, base, progress);
        SgdResult baseRun = etaRuns.get(1); // η = 0.02, B = 4: the base configuration
        List<SgdResult> batchRuns = new ArrayList<>();
        for (double b : batches.values()) {
            if (b == base.batch()) {
                batchRuns.add(baseRun);
            } else {
                batchRuns.add(runOne(batches.configFor(base, b), "B = " + batches.format(b), progress));
            }
        }
        List<Figure> figures = new ArrayList<>();
        List<TheoryCheck> checks = new ArrayList<>();
        List<SweepMeasures.ModeVariance> modes = SweepMeasures.modeVariances(baseRun).stream()
                .filter(m -> Double.isFinite(m.flatness())).sorted((a, b) -> Double.compare(a.flatness(), b.flatness())).toList();
        double[] f = modes.stream().mapToDouble(SweepMeasures.ModeVariance::flatness).toArray();
        List<Interval> measured = modes.stream().map(SweepMeasures.ModeVariance::measured).toList();
        double[] predicted = modes.stream().mapToDouble(SweepMeasures.ModeVariance::predicted).toArray();
        double[] continuum = continuumLine(baseRun, f);
        figures.add(Figure.of("variance_vs_flatness", "Layer 2: variance vs flatness (d = 16, h = 12, B = 4, η = 0.02)",
                "flatness F", "variance σ²", true, true,
                Figure.Curve.measured("measured (95 % interval)", f, measured),
                Figure.Curve.line("exact discrete theory (o = 1 reduction)", f, predicted),
                Figure.Curve.line("continuum IVFR (ησ²/2B)c/(c + aF²), approximation", f, continuum)));
        addChecks(checks, "variance_vs_flatness", "layer-2 mode variance", f, predicted, measured, false);
        addChecks(checks, "variance_vs_flatness", "layer-2 mode variance (continuum IVFR)", f, continuum, measured, true);
        sweepFigures(etas, etaRuns, figures, checks);
        sweepFigures(batches, batchRuns, figures, checks);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("psi_base", SweepMeasures.psi(baseRun));
        details.put("psi_base_exact_sigma", SweepMeasures.predictedPsi(baseRun));
        List<SgdResult> runs = new ArrayList<>(etaRuns);
        List<String> labels = new ArrayList<>(labels(etas));
        for (int i = 0; i < batchRuns.size(); i++) {
            if (batchRuns.get(i) == baseRun) continue;
            runs.add(batchRuns.get(i));
            labels.add(labels(batches).get(i));
        }
        return new Result(Preset.VARIANCE_FLATNESS.key(), figures, checks, details, runs, labels);
    }

    /** The continuum inverse variance-flatness relation at each flatness, for the base run's mean weights. */
    private static double[] continuumLine(SgdResult run, double[] flatness) {
        SgdConfig c = run.config();
        io.descatter.dynamics.LinearChain chain = c.chain();
        // the profile holds layer 2's mean w₂ (a = ‖w₂‖², o = 1); layer 1 enters the relation only through the flatness,
        // which is measured, so its block is left at zero here
        double[] w2 = run.profile().mean();
        double a = Arrays.stream(w2).map(w -> w * w).sum();
        double[] theta = chain.parameters(new double[chain.width(1) * chain.inputs()], w2);
        io.descatter.dynamics.TwoLayerModes modes = new io.descatter.dynamics.TwoLayerModes(chain, theta, c.eta(), c.noise(), c.batch());
        double base = run.profile().baseLoss();
        return Arrays.stream(flatness).map(f -> modes.varianceAtFlatness(base, a, f)).toArray();
    }

    private static Result hessianDensity(long seed, java.util.function.Consumer<String> progress) {
        HessianDensity h = HessianDensity.measure(DENSITY_DIM, DENSITY_HIDDEN, DENSITY_TEACHERS, DENSITY_BINS, seed, null);
        progress.accept(DENSITY_TEACHERS + " teachers");
        int bins = h.predicted().length;
        double[] centre = new double[bins];
        for (int b = 0; b < bins; b++) centre[b] = 0.5 * (h.edges()[b] + h.edges()[b + 1]);
        List<Interval> measured = Arrays.asList(h.measured());
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of("hessian_density", String.format(Locale.ROOT,
                        "Hessian eigenvalue density, d = %d, h = %d, o = 1, %d teachers (N → ∞)", h.dim(), h.hidden(), h.teachers()),
                "eigenvalue λ", "density", false, false,
                Figure.Curve.measured("measured (95 % interval over teachers)", centre, measured),
                Figure.Curve.line("χ²_h/h ⊛ (h/d)·MP(d/h), bin-averaged", centre, h.predicted())));
        List<TheoryCheck> checks = new ArrayList<>();
        addChecks(checks, "hessian_density", "density in the bin", centre, h.predicted(), measured, false);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dim", h.dim());
        details.put("hidden", h.hidden());
        details.put("teachers", h.teachers());
        return new Result(Preset.HESSIAN_DENSITY.key(), figures, checks, details, List.of(), List.of());
    }

    private static List<SgdResult> runAll(SgdSweep sweep, SgdConfig base, java.util.function.Consumer<String> progress) {
        List<SgdResult> out = new ArrayList<>();
        for (double v : sweep.values()) out.add(runOne(sweep.configFor(base, v), sweep.parameter().key() + " = " + sweep.format(v), progress));
        return out;
    }

    private static SgdResult runOne(SgdConfig cfg, String label, java.util.function.Consumer<String> progress) {
        SgdResult r = io.descatter.dynamics.SgdExperiment.run(cfg, null);
        progress.accept(String.format(Locale.ROOT, "%s: %,d steps at %.2f M steps/s", label, cfg.steps(),
                r.scalars().get("steps_per_second") / 1e6));
        return r;
    }

    private static Figure.Curve ranked(String name, double[] values, boolean line) {
        double[] x = IntStream.rangeClosed(1, values.length).asDoubleStream().toArray();
        return new Figure.Curve(name, x, values, null, null, line);
    }

    private static double[] normalised(double[] v) {
        double[] pos = Arrays.stream(v).filter(x -> x > 0).toArray();
        double mean = Arrays.stream(pos).average().orElse(1);
        return Arrays.stream(pos).map(x -> x / mean).toArray();
    }
}
