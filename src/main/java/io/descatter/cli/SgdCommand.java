package io.descatter.cli;

import io.descatter.dynamics.BatchSampling;
import io.descatter.dynamics.SgdConfig;
import io.descatter.dynamics.SgdExperiment;
import io.descatter.dynamics.SgdResult;
import io.descatter.report.SgdReportWriter;
import io.descatter.spectra.io.OutputFolder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descatter sgd}: late-time SGD fluctuations of a linear teacher-student network against theory. */
@Command(name = "sgd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs SGD on a linear teacher-student problem and compares the stationary weight fluctuations "
                + "with theory (exact discrete-time Σ, Lyapunov, two-layer modes, Feng-Tu variance-flatness).",
            "Every measured number is printed beside its prediction. Predictions meant to be exact (the exact discrete "
                + "stationary covariance, the two-layer reduction and its modes) end in ok or FAIL by the rule relative error "
                + "<= max(3 x batch-means error, floor). Approximations (the continuum/Lyapunov limit, the expected drift "
                + "along the symmetry orbit) are labelled, with how far off they are expected to be, and never fail.",
            "psi = measured [fit 95%% CI] | predicted [fit 95%% CI] (exact discrete reduction): the same Feng-Tu fit on the "
                + "measured and on the predicted covariance; the check uses the jackknife error over the batches.",
            "Writes summary.json, spectra.csv, variance_flatness.csv and PNG plots into the output folder.",
            "",
            "Examples (the first: two layers, online; about 3 s of SGD on one core):",
            "  descatter sgd --layers 2 --dim 14 --hidden 10 --samples online --batch 5 --lr 0.025 --noise 0.002 "
                + "--steps 1000000 --burn-in 50000 --seed 6 -o out/",
            "  descatter sgd --layers 1 --dim 20 --samples 40 --batch 4 --lr 0.05 --steps 500000 --sweep ratio=1.5,2,5 -o out/ratio",
            "  descatter sgd --preset variance-flatness -o gallery/variance-flatness"})
public final class SgdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--layers", defaultValue = "1", description = "1 (f = W x) or 2 (f = W2 W1 x); default ${DEFAULT-VALUE}")
    int layers;
    @Option(names = "--dim", description = "input dimension d (required without --preset)")
    Integer dim;
    @Option(names = "--hidden", defaultValue = "0", description = "hidden width h (two layers)")
    int hidden;
    @Option(names = "--outputs", defaultValue = "1", description = "output dimension o; default ${DEFAULT-VALUE}")
    int outputs;
    @Option(names = "--samples", description = "training-set size N, or 'online' (required without --preset)")
    String samples;
    @Option(names = "--batch", description = "minibatch size B (required without --preset)")
    Integer batch;
    @Option(names = "--lr", description = "step size η of θ ← θ − η ĝ for the loss ½‖y − f‖² (required without --preset)")
    Double lr;
    @Option(names = "--noise", defaultValue = "1.0", description = "label noise σ; default ${DEFAULT-VALUE}")
    double noise;
    @Option(names = "--steps", description = "recorded SGD steps (required without --preset)")
    Long steps;
    @Option(names = "--burn-in", defaultValue = "10000", description = "unrecorded steps first; default ${DEFAULT-VALUE}")
    long burnIn;
    @Option(names = "--seed", defaultValue = "1", description = "random seed; default ${DEFAULT-VALUE}")
    long seed;
    @Option(names = "--engine", defaultValue = "fast", description = "fast or dl4j; default ${DEFAULT-VALUE}")
    String engine;
    @Option(names = "--sampling", defaultValue = "WITH_REPLACEMENT",
            description = "WITH_REPLACEMENT or DISTINCT (B different samples a step; needs N > B); default ${DEFAULT-VALUE}. "
                    + "Epoch shuffling is refused: it is a different process, with no stationary theory to compare with")
    BatchSampling sampling;
    @Option(names = "--sweep", paramLabel = "NAME=v1,v2,...",
            description = "run once per value of one parameter: lr (η), batch (B), ratio (N/d; needs --samples N) or hidden "
                    + "(h; two layers); writes each run's report into NAME=value/ and figures of tr Σ, ψ (and ρ_DB, c for "
                    + "one layer) against the parameter, theory beside the measured 95 %% intervals. "
                    + "Example: --sweep lr=0.01,0.02,0.04")
    String sweep;
    @Option(names = "--preset", paramLabel = "NAME",
            description = "a gallery figure with its own parameters (docs/SGD.md): broken-detailed-balance, anisotropic, "
                    + "variance-flatness or hessian-density; only -o and --seed apply. Example: --preset anisotropic -o gallery/b")
    String preset;
    @Option(names = {"-o", "--output"}, required = true, description = "output folder")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (preset != null) return SgdGalleryRun.preset(spec, preset, seed, output);
        SgdConfig cfg;
        try {
            SgdGalleryRun.requireBase(dim, samples, batch, lr, steps);
            int n = samples.equalsIgnoreCase("online") ? 0 : Integer.parseInt(samples);
            if (sampling == BatchSampling.EPOCH_SHUFFLE)
                throw new IllegalArgumentException("epoch shuffling has no stationary theory to compare with; "
                        + "use WITH_REPLACEMENT or DISTINCT");
            cfg = new SgdConfig(layers, dim, hidden, outputs, n, batch, lr, noise, steps, burnIn, seed, engine, sampling);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (sweep != null) return SgdGalleryRun.sweep(spec, cfg, sweep, output);
        long total = steps;
        SgdResult result;
        try (OutputFolder folder = OutputFolder.create(output)) { // an unusable -o is said before the run, not after
            Leftovers.report(spec.commandLine().getErr(), folder.removedLeftovers());
            result = SgdExperiment.run(cfg, done -> { // a divergence is a usage error (Main): lower --lr
                if (done % Math.max(1, total / 10) < Math.max(1, total / 100))
                    spec.commandLine().getErr().printf("sgd: %d%% of %,d steps%n", Math.round(100.0 * done / total), total);
            });
            SgdReportWriter.write(result, folder.path());
            folder.commit();
        }
        SgdReportWriter.consoleLines(result).forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().println("wrote " + output);
        return ExitCode.OK;
    }
}
