package io.descatter.cli;

import io.descatter.dynamics.CorrectionStability;
import io.descatter.dynamics.PowerLawFit;
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
            "Writes summary.json, modes.csv, variance_spectrum.png, variance_flatness.png and loss.png into the output folder. "
                    + "The model file is not changed.",
            "",
            "Example:",
            "  descatter stability --model model.zip --raw raw.csv.gz --target truth.csv.gz -o stability/"
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
    @Option(names = "--lr", defaultValue = "1e-4", description = "Sgd learning rate on the MSE loss (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--steps", defaultValue = "3000", description = "SGD steps in all, burn-in included (default: ${DEFAULT-VALUE}).")
    long steps;
    @Option(names = "--window", defaultValue = "1000", description = "Recorded last steps (default: ${DEFAULT-VALUE}).")
    long window;
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
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder.")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        CorrectionStability.Settings settings;
        try {
            settings = new CorrectionStability.Settings(lr, steps, window, every, batch, modes, lossSubset, layer, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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
        err.printf(Locale.ROOT, "descatter: %d SGD steps (lr %g, batch %d) on %d pairs; recording layer %d over the last %d steps%n",
                steps, lr, batch, rawTable.size(), layer, window);
        CorrectionStability.Result result;
        try (OutputFolder folder = OutputFolder.create(output)) { // an unusable -o is said before the run, not after
            Leftovers.report(spec.commandLine().getErr(), folder.removedLeftovers());
            try (ConsoleProgress progress = ConsoleProgress.items("stability", "steps")) { // a divergence: usage error (Main)
                result = CorrectionStability.run(m, rawTable.spectra(), truthTable.spectra(), settings, progress);
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("model", model.toString());
            provenance.put("modelWeightsSha256", m.metadata().weightsSha256());
            provenance.put("raw", raw);
            provenance.put("target", target);
            StabilityReportWriter.write(result, provenance, folder.path());
            folder.commit();
        }
        PrintWriter out = spec.commandLine().getOut();
        PowerLawFit fit = result.fit();
        if (fit == null) {
            out.println("psi: not measured (fewer than 3 directions where the loss reaches e·L0)");
        } else {
            out.printf(Locale.ROOT, "psi = %.3f, 95%% CI [%.3f, %.3f], from %d modes%n", -fit.slope(), -fit.ciHigh(), -fit.ciLow(),
                    fit.points());
        }
        CorrectionStability.Stationarity s = result.stationarity();
        out.printf(Locale.ROOT, "base loss %.4e; window loss %.4e -> %.4e (z = %.2f): %s%n", result.profile().baseLoss(),
                s.firstHalf(), s.secondHalf(), s.z(), s.stationary() ? "stationary" : "NOT stationary");
        out.println("wrote " + output);
        return ExitCode.OK;
    }
}
