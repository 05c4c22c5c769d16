package io.descatter.cli;

import io.descatter.dynamics.CorrectionStability;
import io.descatter.dynamics.Interval;
import io.descatter.dynamics.PowerLawFit;
import io.descatter.dynamics.PsiMeaning;
import io.descatter.dynamics.StationaritySearch;
import io.descatter.model.CorrectionModel;
import io.descatter.model.ModelStore;
import io.descatter.report.StabilityReportWriter;
import io.descatter.spectra.io.OutputFolder;
import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descatter stability}: Feng-Tu variance-flatness analysis of a trained correction network under SGD. */
@Command(name = "stability", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Continues training a correction model with plain SGD at a small constant learning rate (minibatches drawn "
                    + "independently each step), records one layer's weights over the late window, and measures the "
                    + "Feng-Tu variance-flatness exponent ψ of their leading PCA directions, and whether the loss is stationary.",
            "By default it searches: SGD goes on in windows of --window steps, each tested for a stationary loss; the first "
                    + "window at a rate is burn-in, burn-in goes on while the drift shrinks, else the rate is multiplied by "
                    + "--shrink; the first stationary window is profiled. When --time-limit runs out first, it says why and "
                    + "what to run next, and profiles the last window. --fixed runs --steps at --lr instead.",
            "Writes summary.json, modes.csv, variance_spectrum.png, variance_flatness.png and loss.png into the output folder. "
                    + "The model file is not changed.",
            "",
            "Example:",
            "  descatter stability --model model.zip --raw raw.csv.gz --target truth.csv.gz -o stability/",
            "  descatter stability --model model.zip --raw raw.csv.gz --target truth.csv.gz --lr 0.4 --time-limit 15m -o stability/",
            "  descatter stability --model model.zip --raw raw.csv.gz --target truth.csv.gz --fixed --lr 1e-4 --steps 3000 -o stability/"
        })
final class StabilityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Trained correction model (.zip).")
    Path model;
    @Option(names = "--raw", required = true, paramLabel = "RAW", description = "Raw spectra on the model's axis (network inputs).")
    String raw;
    @Option(names = "--target", required = true, paramLabel = "TRUTH", description = "Target spectra, same order and axis as RAW.")
    String target;
    @Option(names = "--layer", defaultValue = "1",
            description = "0-based DL4J layer index whose weight matrix is recorded: 0 is input-to-first-hidden, the last "
                    + "is the output layer (default: ${DEFAULT-VALUE}).")
    int layer;
    @Option(names = "--lr", description = "Sgd learning rate on the MSE loss: the search's first rate (default " + SEARCH_LR
            + "), or the one rate of --fixed (default " + FIXED_LR + ").")
    Double lr;
    @Option(names = "--fixed", description = "No search: --steps steps at --lr, the last --window of them recorded.")
    boolean fixed;
    @Option(names = "--steps", defaultValue = "3000",
            description = "With --fixed: SGD steps in all, burn-in included (default: ${DEFAULT-VALUE}).")
    long steps;
    @Option(names = "--window", description = "Steps per tested window (search; default " + SEARCH_WINDOW
            + ") or recorded last steps (--fixed; default " + FIXED_WINDOW + ").")
    Long window;
    @Option(names = "--time-limit", defaultValue = "8m", paramLabel = "DURATION",
            description = "Search: time for the search and the profiles, e.g. 8m, 600s, 1h (default: ${DEFAULT-VALUE}).")
    String timeLimit;
    @Option(names = "--shrink", defaultValue = "0.25", description = "Search: factor of the next learning rate (default: ${DEFAULT-VALUE}).")
    double shrink;
    @Option(names = "--rates", defaultValue = "6", description = "Search: learning rates at most (default: ${DEFAULT-VALUE}).")
    int rates;
    @Option(names = "--every", defaultValue = "5", description = "Steps between weight snapshots (default: ${DEFAULT-VALUE}).")
    int every;
    @Option(names = "--batch", defaultValue = "32", description = "Pairs per minibatch, drawn with replacement (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--modes", defaultValue = "12", description = "Leading PCA directions to profile (default: ${DEFAULT-VALUE}).")
    int modes;
    @Option(names = "--loss-subset", defaultValue = "512",
            description = "Pairs of the fixed subset on which the loss profiles are evaluated (default: ${DEFAULT-VALUE}).")
    int lossSubset;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of minibatches and subset (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "BLAS threads (default: ${DEFAULT-VALUE}: a minibatch step of a correction network is too small to "
                    + "gain from more, and on a busy machine extra threads cost CPU time in waiting).")
    int threads;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder.")
    Path output;

    static final long SEARCH_WINDOW = 300;
    static final double SEARCH_LR = 0.1;
    static final double FIXED_LR = 1e-4;
    static final long FIXED_WINDOW = 1000;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        CorrectionStability.Settings settings;
        StationaritySearch.Settings search = null;
        try {
            long w = window != null ? window : fixed ? FIXED_WINDOW : SEARCH_WINDOW;
            double lr = this.lr != null ? this.lr : fixed ? FIXED_LR : SEARCH_LR;
            // the search's windows are its own; the settings carry batch, modes, subset, layer and seed (steps = one window)
            settings = new CorrectionStability.Settings(lr, fixed ? steps : w, w, every, batch, modes, lossSubset, layer, seed);
            if (!fixed) search = new StationaritySearch.Settings(lr, shrink, rates, w, every, Durations.parseNanos(timeLimit));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int n = UsageException.threads(threads); // usage errors before any work
        org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(n);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(n);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(n);
        CorrectionModel m = ModelStore.load(model);
        try {
            CorrectionStability.requireLayer(m.network(), layer);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SpectraTable rawTable = SpectraTable.read(InputSource.of(raw), ReadOptions.defaults());
        SpectraTable truthTable = SpectraTable.read(InputSource.of(target), ReadOptions.defaults());
        TrainCommand.checkPairs(rawTable, truthTable);
        if (!rawTable.schema().axis().sameGridAs(m.axis(), 1e-3)) {
            // Training continues on these pairs, so they must be on the model's own axis (no resampling).
            throw new AxisMismatchException(raw + ": its axis (" + rawTable.schema().axis().describe() + ") is not the model's ("
                    + m.axis().describe() + "); resample it with 'descatter convert --axis'");
        }
        double lr = settings.learningRate();
        if (fixed) {
            err.printf(Locale.ROOT, "descatter: %d SGD steps (lr %g, batch %d) on %d pairs; recording layer %d over the last %d steps%n",
                    steps, lr, batch, rawTable.size(), layer, settings.window());
        } else {
            err.printf(Locale.ROOT, "descatter: searching a stationary learning rate from %g (x%g, %d rates at most), windows of %d steps, "
                    + "batch %d, %d pairs, layer %d; time limit %s%n", lr, shrink, rates, settings.window(), batch, rawTable.size(), layer, timeLimit);
        }
        CorrectionStability.Result result;
        long wall = System.nanoTime();
        long cpu = SgdGalleryRun.processCpuNanos();
        try (OutputFolder folder = OutputFolder.create(output)) { // an unusable -o is said before the run, not after
            Leftovers.report(spec.commandLine().getErr(), folder.removedLeftovers());
            try (ConsoleProgress progress = ConsoleProgress.items("stability", "steps")) { // a divergence: usage error (Main)
                if (fixed) {
                    result = CorrectionStability.run(m, rawTable.spectra(), truthTable.spectra(), settings, progress);
                } else {
                    long budget = search.budgetNanos();
                    result = CorrectionStability.search(m, rawTable.spectra(), truthTable.spectra(), settings, search, progress,
                            win -> err.printf(Locale.ROOT, "stability: %s (%s of %s)%n", win.describe(),
                                    Durations.format(System.nanoTime() - wall), Durations.format(budget)));
                }
            }
            err.println("stability: profiling " + modes + " directions of the recorded window");
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("model", model.toString());
            provenance.put("modelWeightsSha256", m.metadata().weightsSha256());
            provenance.put("raw", raw);
            provenance.put("target", target);
            provenance.put("wall_seconds", (System.nanoTime() - wall) * 1e-9);
            provenance.put("cpu_seconds", (SgdGalleryRun.processCpuNanos() - cpu) * 1e-9);
            StabilityReportWriter.write(result, provenance, folder.path());
            folder.commit();
        }
        PrintWriter out = spec.commandLine().getOut();
        StationaritySearch.Outcome outcome = result.search();
        if (outcome != null) {
            out.println((outcome.stationary() ? "stationary: " : "NOT stationary: ") + outcome.reason());
            if (!outcome.advice().isEmpty()) out.println("next: " + outcome.advice());
        }
        PowerLawFit fit = result.fit();
        if (fit == null) {
            out.println("psi: not measured (fewer than 3 directions where the loss reaches e·L0)");
        } else {
            out.printf(Locale.ROOT, "psi = %.3f, 95%% CI [%.3f, %.3f], from %d modes%n", -fit.slope(), -fit.ciHigh(), -fit.ciLow(),
                    fit.points());
            out.println("meaning: " + PsiMeaning.describe(new Interval(-fit.slope(), -fit.ciHigh(), -fit.ciLow()))
                    + (result.stationarity().stationary() ? "" : " (the window was not stationary: ψ then reflects the drift too)"));
        }
        CorrectionStability.Stationarity s = result.stationarity();
        out.printf(Locale.ROOT, "base loss %.4e; window loss %.4e -> %.4e (z = %.2f): %s%n", result.profile().baseLoss(),
                s.firstHalf(), s.secondHalf(), s.z(), s.stationary() ? "stationary" : "NOT stationary");
        out.printf(Locale.ROOT, "%.0f s wall, %.0f s CPU%n", (System.nanoTime() - wall) * 1e-9, (SgdGalleryRun.processCpuNanos() - cpu) * 1e-9);
        out.println("wrote " + output);
        return ExitCode.OK;
    }
}
