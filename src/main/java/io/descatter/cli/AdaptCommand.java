package io.descatter.cli;

import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscOptions;
import io.descatter.model.Adaptation;
import io.descatter.model.CorrectionModel;
import io.descatter.model.ShippedModels;
import io.descatter.model.ModelStore;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.SpectraTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "adapt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Adapts a correction model to your own spectra. ME-EMSC (with your reference) corrects a sample of them; "
                    + "the corrected spectra of the training part are re-distorted by the simulator's physics (real chemistry "
                    + "with known truth) and mixed with plain simulator pairs; the model is fine-tuned on these pairs. "
                    + "Before the model is written, the held-out part of the sample scores the adapted and the base model: "
                    + "mean Pearson r against ME-EMSC on the measured spectra, and against the truth on semi-synthetic "
                    + "spectra made from the held-out corrected ones. The model records its base, sample, reference, seed "
                    + "and these scores (descatter info MODEL).",
            "",
            "The spectra may be on any axis that covers the model's (they are resampled onto it); the reference must "
                    + "cover the model's axis. Use --group-column to hold out whole groups (e.g. cells or patients) "
                    + "instead of single spectra, so the scores come from groups the model never saw.",
            "",
            "Examples:",
            "  descatter simulate --typical epithelial -o epithelial.csv",
            "  descatter adapt --raw my_cells.csv --reference matrigel.csv -o my-model.zip",
            "  descatter adapt --raw cells/*.0 --reference matrigel.csv --group-column file -o my-model.zip   (a file per "
                    + "spectrum or per cell: whole files held out)",
            "  descatter adapt --raw image.csv.gz --reference matrigel.csv --sample 2000 --epochs 5 --group-column cell "
                    + "--seed 3 --threads 2 -o my-model.zip",
            "  descatter adapt --raw my_cells.csv --reference matrigel.csv --measured-share 0 -o my-model.zip   "
                    + "(templates and simulator pairs only)",
            "  descatter correct image.csv.gz --model my-model.zip -o corrected.csv.gz"
        })
final class AdaptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--raw", required = true, arity = "1..*", paramLabel = "RAW", description = "Your raw spectra (any file "
            + "descatter reads). Several files are one table, each spectrum's file in the column file (--group-column file "
            + "holds out whole files).")
    List<String> raws;

    @Option(names = "--reference", required = true, paramLabel = "REF",
            description = "ME-EMSC reference spectrum (one spectrum, any layout; e.g. Matrigel), covering the model's axis.")
    String reference;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "Adapted model to write (.zip).")
    Path output;

    @Option(names = "--model", paramLabel = "BASE", description = "Model to adapt (default: the shipped model).")
    Path model;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "2000",
            description = "Spectra to correct by ME-EMSC, drawn at random when RAW holds more (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "Fine-tuning epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "16000",
            description = "Template and plain simulator pairs together; the --measured-share pairs come on top (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--simulated-ratio", paramLabel = "R", defaultValue = "3",
            description = "Plain simulator pairs per pair made from your corrected spectra (default: ${DEFAULT-VALUE}).")
    double simulatedRatio;

    @Option(names = "--measured-share", paramLabel = "S", defaultValue = "1",
            description = "Pairs of your own measured training spectra with their ME-EMSC correction, per template pair: they teach "
                    + "the scattering of your instrument and cells, which the simulator's physics does not fully make; 0 for "
                    + "template and simulator pairs only (default: ${DEFAULT-VALUE}).")
    double measuredShare;

    @Option(names = "--holdout", paramLabel = "F", defaultValue = "0.2",
            description = "Share of the sample (or of its groups) held out to score the models (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--group-column", paramLabel = "NAME",
            description = "Metadata column whose values group the spectra (e.g. cell); the held-out part is whole groups.")
    String groupColumn;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the sample, the split, the pairs and the training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for ME-EMSC, the simulator and training (default: all cores).")
    Integer threads;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        int n = UsageException.threads(threads); // usage errors before any work
        InputSource source = UsageException.inputs(raws);
        String raw = source.name();
        UsageException.requireDistinct(source, OutputTarget.of(output.toString()));
        Adaptation.Settings settings;
        try {
            settings = new Adaptation.Settings(sample, pairs, simulatedRatio, measuredShare, holdout, epochs, 128, learningRate, seed, n);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        Path baseFile = model != null ? model : ShippedModels.locate();
        CorrectionModel base = ModelStore.load(baseFile);
        SpectraTable ref = SpectraTable.read(InputSource.of(reference), input.toReadOptions().forCompanion());
        MeEmscCorrector corrector = EmscCommand.meEmscCorrector(base.axis().values(), ref.schema().axis().values(), ref.single(),
                MeEmscOptions.defaults(), reference, raw);
        Adaptation adaptation = new Adaptation(settings);
        Adaptation.Sample drawn = adaptation.readSample(source, input.toReadOptions(), groupColumn);
        Nd4j.factory().blas().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxThreads(n);
        Map<String, Object> provenance = new LinkedHashMap<>();
        if (source.parts().isEmpty()) {
            provenance.put("rawSha256", source.isStandardInput() ? "standard input" : TrainCommand.sha256(source.path()));
        } else { // each file as named, with its checksum
            Map<String, String> files = new LinkedHashMap<>();
            for (InputSource part : source.parts()) files.put(part.name(), TrainCommand.sha256(part.path()));
            provenance.put("rawFilesSha256", files);
        }
        provenance.put("referenceSha256", TrainCommand.sha256(Path.of(reference)));
        if (groupColumn != null) provenance.put("groupColumn", groupColumn);
        provenance.put("threads", n);
        Adaptation.Request request = new Adaptation.Request(base, baseFile.toString(), raw, drawn, reference, corrector, provenance);
        long start = System.nanoTime();
        Adaptation.Result result;
        try (StageProgress progress = new StageProgress(err)) {
            result = adaptation.run(request, progress);
        }
        err.printf(Locale.ROOT, "descatter: held out %d spectra%s; mean Pearson r:%n", result.heldOutSpectra(),
                drawn.groups() == null ? "" : " (" + result.heldOutGroups() + " of " + (result.trainGroups() + result.heldOutGroups()) + " groups)");
        err.printf(Locale.ROOT, "  %-40s %8s %8s%n", "", "base", "adapted");
        err.printf(Locale.ROOT, "  %-40s %8.4f %8.4f%n", "measured, vs ME-EMSC", result.base().vsMemsc(), result.adapted().vsMemsc());
        err.printf(Locale.ROOT, "  %-40s %8.4f %8.4f%n", "semi-synthetic (" + result.semiSynthetic() + "), vs truth", result.base().vsTruth(),
                result.adapted().vsTruth());
        ModelStore.save(result.training().network(), result.metadata(), result.training().confidence(), output, false);
        err.printf(Locale.ROOT, "descatter: wrote %s in %.0f s (best epoch %d of %d; base %s)%n", output, (System.nanoTime() - start) / 1e9,
                result.training().bestEpoch(), result.training().epochsRun(), baseFile.getFileName());
        return ExitCode.OK;
    }

    /** A line and a progress bar per stage of the adaptation, and the losses of each epoch. */
    private static final class StageProgress implements Adaptation.Listener, AutoCloseable {
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private ConsoleProgress bar;

        StageProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void stage(Adaptation.Stage stage, String description) {
            close();
            err.printf(Locale.ROOT, "descatter: [%4.0f s] %s%n", (System.nanoTime() - start) / 1e9, description);
            err.flush();
            bar = ConsoleProgress.items(stage.label, stage.unit);
        }

        @Override
        public void progress(long done, long total) {
            if (bar != null) bar.update(done, total);
        }

        @Override
        public void epoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best) {
            TrainCommand.epochPrinter(err, bar).epoch(epoch, epochs, trainLoss, validationLoss, best);
        }

        @Override
        public void close() {
            if (bar != null) bar.close();
            bar = null;
        }
    }
}
