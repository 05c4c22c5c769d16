package io.descatter.cli;

import io.descatter.emsc.EmscBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measures the speed of a descatter component on real data.",
            "",
            "  descatter bench emsc      ME-EMSC on measured spectra: ms per spectrum with one thread and with all "
                    + "threads, and the time of each stage of one iteration.",
            "  descatter bench correct   the correction network: model load time, network-only throughput for three "
                    + "thread layouts, end-to-end CSV-to-CSV throughput on --n spectra, ME-EMSC on the same data and the ratio.",
            "  descatter bench sgd       SGD steps per second of the fast kernel and of the DL4J engine side by side "
                    + "(single layer, d = 20, B = 4, one thread)."
        })
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "WHAT", description = "What to measure: emsc, correct or sgd.")
    String what;

    @Option(names = "--model", paramLabel = "MODEL", description = "bench correct: the model (default: the shipped one).")
    Path model;

    @Option(names = "--n", paramLabel = "N", defaultValue = "100000", description = "bench correct: spectra end to end (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--work", paramLabel = "DIR", description = "bench correct: folder for temporary files (default: the system's).")
    Path work;

    @Option(names = "--spectra", paramLabel = "FILE", description = "Wide CSV of spectra (default: ${DEFAULT-VALUE}).")
    Path spectra = EmscBenchmark.DEFAULT_SPECTRA;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "Columnar CSV reference (default: ${DEFAULT-VALUE}).")
    Path reference = EmscBenchmark.DEFAULT_REFERENCE;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the parallel run (default: all processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "1", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--passes", paramLabel = "N", defaultValue = "5",
            description = "bench emsc: timed one-thread passes; the median is reported, with the range (default: ${DEFAULT-VALUE}).")
    int passes;

    @Override
    public Integer call() throws Exception {
        threads = UsageException.threads(threads); // refuses 0 and negative counts
        if ("correct".equals(what)) {
            Path dir = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"));
            io.descatter.model.CorrectionBenchmark.run(model != null ? model : io.descatter.model.DefaultModel.locate(), n, threads, dir,
                    spec.commandLine().getErr()).print(spec.commandLine().getOut());
            return ExitCode.OK;
        }
        if ("sgd".equals(what)) {
            // The fast kernel warms up on a first run; DL4J's ~1 ms per step needs far fewer steps for a steady rate.
            io.descatter.dynamics.SgdBenchmark.run("fast", 20, 4, 1_000_000, 1);
            var out = spec.commandLine().getOut();
            out.println(io.descatter.dynamics.SgdBenchmark.run("fast", 20, 4, 4_000_000, 2));
            out.println(io.descatter.dynamics.SgdBenchmark.run("dl4j", 20, 4, 5_000, 2));
            return ExitCode.OK;
        }
        if (!"emsc".equals(what)) throw new UsageException("bench: unknown component '" + what + "'; known: emsc, correct, sgd");
        if (passes < 1) throw new UsageException("--passes must be at least 1");
        EmscBenchmark.run(spectra, reference, warmups, passes, threads).print(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
