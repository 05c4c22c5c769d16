package io.descatter.cli;

import io.descatter.emsc.EmscBenchmark;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.synth.PureSpectrumGenerator;
import io.descatter.synth.TissueType;
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
            "  descatter bench emsc      ME-EMSC: ms per spectrum with one thread and with all threads, and the time "
                    + "of each stage of one iteration; on the shipped samples (data-samples/sim_raw.csv.gz, run from the "
                    + "project folder) against the simulator's typical epithelial spectrum unless --spectra and --reference "
                    + "name others.",
            "  descatter bench correct   the correction network: model load time, network-only throughput for three "
                    + "thread layouts, end-to-end CSV-to-CSV throughput on --n spectra, ME-EMSC on the same data and the ratio.",
            "  descatter bench sgd       SGD steps per second of the fast kernel and of the DL4J engine side by side, "
                    + "one layer (d = 20, B = 4) and two layers (d = 14, h = 10, B = 5), one thread; wall-clock and per CPU "
                    + "second (the speed on one core when other work shares the machine).",
            "",
            "Examples:",
            "  descatter bench emsc --warmups 3",
            "  descatter bench emsc --spectra cells.csv --reference matrigel.csv",
            "  descatter bench correct --n 2000",
            "  descatter bench correct --format envi   # adds ENVI image in -> network -> ENVI image out",
            "  descatter bench correct --model new.zip --baseline old.zip   # network-only speed side by side"
        })
final class BenchCommand implements Callable<Integer> {
    /** The shipped samples, relative to the project folder: bench needs no data the user has not got. */
    static final String DEFAULT_SPECTRA = "data-samples/sim_raw.csv.gz";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "WHAT", description = "What to measure: emsc, correct or sgd.")
    String what;

    @Option(names = "--model", paramLabel = "MODEL", description = "bench correct: the model (default: the shipped one).")
    Path model;

    @Option(names = "--baseline", paramLabel = "MODEL",
            description = "bench correct: measure only the network-only throughput of the model and of this one, alternating in "
                    + "the same run, and their ratio (e.g. a retrained model against the previous one), then where the time goes in "
                    + "each: microseconds per spectrum to standardise, in the network, for the scattering share, the output (detail "
                    + "pass-through) and the confidence score, one replica on one core.")
    Path baseline;

    @Option(names = "--n", paramLabel = "N", defaultValue = "100000", description = "bench correct: spectra end to end (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "bench correct: csv (default), or envi to add a line for the same spectra as a float32 ENVI image "
                    + "corrected into an ENVI image: after a warm-up on an image a tenth the size, three rounds of the network "
                    + "alone then the image, and the median round's ratio to the network-only throughput, with the range.")
    String format;

    @Option(names = "--work", paramLabel = "DIR", description = "bench correct: folder for temporary files (default: the system's).")
    Path work;

    @Option(names = "--spectra", paramLabel = "FILE", defaultValue = DEFAULT_SPECTRA,
            description = "bench emsc: spectra, any layout (default: ${DEFAULT-VALUE}, the shipped samples).")
    String spectra;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "bench emsc: the reference spectrum, any layout (default: the simulator's typical epithelial "
                    + "spectrum on the spectra's axis).")
    String reference;

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
            Path m = model != null ? model : io.descatter.model.ShippedModels.locate();
            if (baseline != null) {
                if (!java.nio.file.Files.isRegularFile(baseline)) throw new UsageException("--baseline " + baseline + ": no such model file");
                spec.commandLine().getOut().println("correction benchmark: " + m.getFileName() + " against " + baseline);
                io.descatter.model.CorrectionBenchmark.compare(m, baseline, threads)
                        .print(spec.commandLine().getOut(), model != null ? model.toString() : "the shipped model", baseline.toString());
                return ExitCode.OK;
            }
            if (!format.equals("csv") && !format.equals("envi")) throw new UsageException("--format must be csv or envi, not " + format);
            io.descatter.model.CorrectionBenchmark.run(m, n, threads, dir, format.equals("envi"), spec.commandLine().getErr())
                    .print(spec.commandLine().getOut());
            return ExitCode.OK;
        }
        if ("sgd".equals(what)) {
            // The fast kernel warms up on a first run; DL4J's ~1 ms per step needs far fewer steps for a steady rate.
            io.descatter.dynamics.SgdBenchmark.run("fast", 20, 0, 4, 1_000_000, 1);
            io.descatter.dynamics.SgdBenchmark.run("fast", 14, 10, 5, 1_000_000, 1);
            var out = spec.commandLine().getOut();
            out.println(io.descatter.dynamics.SgdBenchmark.run("fast", 20, 0, 4, 4_000_000, 2));
            out.println(io.descatter.dynamics.SgdBenchmark.run("fast", 14, 10, 5, 4_000_000, 2));
            out.println(io.descatter.dynamics.SgdBenchmark.run("dl4j", 20, 0, 4, 5_000, 2));
            out.println(io.descatter.dynamics.SgdBenchmark.run("dl4j", 14, 10, 5, 3_000, 2));
            return ExitCode.OK;
        }
        if (!"emsc".equals(what)) throw new UsageException("bench: unknown component '" + what + "'; known: emsc, correct, sgd");
        if (passes < 1) throw new UsageException("--passes must be at least 1");
        SpectraTable data = SpectraTable.read(InputSource.of(spectra), ReadOptions.defaults());
        WavenumberAxis axis = data.schema().axis();
        double[] refAxis = axis.values();
        double[] ref;
        if (reference == null) {
            ref = new PureSpectrumGenerator(axis, PureSpectrumGenerator.Jitter.defaults()).typical(TissueType.EPITHELIAL);
        } else {
            SpectraTable refTable = SpectraTable.read(InputSource.of(reference), ReadOptions.defaults());
            refAxis = refTable.schema().axis().values();
            ref = refTable.single();
        }
        // checks the reference as the emsc command does, naming the files in its messages
        EmscCommand.meEmscCorrector(axis.values(), refAxis, ref, io.descatter.emsc.MeEmscOptions.defaults(),
                reference == null ? "the default reference (typical epithelial)" : reference, spectra);
        EmscBenchmark.run(axis.values(), data.spectra().toArray(new double[0][]), refAxis, ref, warmups, passes, threads)
                .print(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
