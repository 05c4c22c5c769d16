package io.descatter.cli;

import io.descatter.model.BatchCorrection;
import io.descatter.model.CorrectionModel;
import io.descatter.model.DefaultModel;
import io.descatter.model.ModelStore;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.util.Counted;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "correct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Removes resonant Mie scattering from spectra with a trained network (the shipped default model unless "
                    + "--model is given). Streams: any number of spectra in constant memory. Ids, metadata and row order are kept.",
            "",
            "Input on another wavenumber axis is resampled onto the model's axis (linear); it must cover the model's "
                    + "range, but for up to two of its own steps at an edge, where its edge value is held (with a note). "
                    + "Output is on the model's axis unless --output-axis input: then it is on the input's own "
                    + "points inside the model's range (those outside it are left out, as the network corrects nothing there).",
            "",
            "Examples:",
            "  descatter correct cells.csv -o cells_corrected.csv",
            "  descatter correct image.csv.gz -o corrected.csv.gz --threads 2 --batch 2048",
            "  descatter correct cells.csv -o corrected.csv --model models/my-model.zip --output-axis input",
            "  descatter correct transmittance.csv -o corrected.csv --input-unit transmittance"
        })
final class CorrectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN", description = "Raw spectra (CSV, .gz, or - for standard input).")
    String in;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Corrected spectra (.gz compresses; - for standard output).")
    String out;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model file (default: models/" + DefaultModel.FILE_NAME + ").")
    Path model;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, one network replica each (default: all cores).")
    Integer threads;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1024", description = "Spectra per network call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--output-axis", paramLabel = "AXIS", defaultValue = "model",
            description = "model (default) or input: resample the corrected spectra back onto the input's own points "
                    + "(those inside the model's range).")
    String outputAxis;

    @Option(names = "--digits", paramLabel = "N",
            description = "Significant digits of the output (default: float precision, the network's own).")
    Integer digits;

    @Mixin
    InputOptions input;

    @Mixin
    InputUnitOption inputUnit;

    @Override
    public Integer call() throws Exception {
        int n = UsageException.threads(threads); // usage errors before any work
        InputSource source = InputSource.of(in);
        OutputTarget target = OutputTarget.of(out);
        UsageException.requireDistinct(source, target);
        BatchCorrection.OutputAxis axis = switch (outputAxis.toLowerCase(Locale.ROOT)) {
            case "model" -> BatchCorrection.OutputAxis.MODEL;
            case "input" -> BatchCorrection.OutputAxis.INPUT;
            default -> throw new UsageException("--output-axis must be model or input, not '" + outputAxis + "'");
        };
        if (batch < 1) throw new UsageException("--batch must be at least 1");
        var unit = inputUnit.unit();
        DoubleFormatter format = UsageException.digits(digits);
        Path modelFile = model != null ? model : DefaultModel.locate();
        CorrectionModel m = ModelStore.load(modelFile);
        long start = System.nanoTime();
        BatchCorrection.Result r;
        try (ConsoleProgress progress = ConsoleProgress.bytes("correct")) {
            r = BatchCorrection.run(new BatchCorrection.Request(source, input.toReadOptions(), target, m, n, batch, axis, format, unit), progress);
        }
        double s = (System.nanoTime() - start) / 1e9;
        if (!target.isStdout()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "descatter: corrected %s in %.1f s (%.0f spectra/s) with %s%s -> %s%n",
                    Counted.spectra(r.spectra()), s, r.spectra() / s, modelFile.getFileName(), r.resampled() ? " (input resampled onto the model's axis)" : "", out);
        }
        if (r.held().any()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "descatter: note: the axis of %s stops %s of the model's "
                    + "%s-%s cm-1 (within %d of its steps): its edge values are held there%n", in, shortfall(r.held()),
                    m.axis().min(), m.axis().max(), CorrectionModel.MAX_HELD_STEPS);
        }
        int leftOut = r.input().axis().size() - r.output().axis().size();
        if (axis == BatchCorrection.OutputAxis.INPUT && leftOut > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "descatter: %s of the input's axis %s outside the model's range "
                    + "%s-%s cm-1 and %s left out of the output%n", Counted.points(leftOut), leftOut == 1 ? "lies" : "lie",
                    m.axis().min(), m.axis().max(), leftOut == 1 ? "is" : "are");
        }
        return ExitCode.OK;
    }

    private static String shortfall(CorrectionModel.EdgeShortfall held) {
        String low = String.format(Locale.ROOT, "%.3g cm-1 short at the low end", held.low());
        String high = String.format(Locale.ROOT, "%.3g cm-1 short at the high end", held.high());
        return held.low() > 0 && held.high() > 0 ? low + " and " + high : held.low() > 0 ? low : high;
    }
}
