package io.descatter.cli;

import io.descatter.model.CorrectionModel;
import io.descatter.model.Confidence;
import io.descatter.model.DetailPassThrough;
import io.descatter.model.ModelFormatException;
import io.descatter.model.ModelMetadata;
import io.descatter.model.ModelStore;
import io.descatter.model.NetworkArchitecture;
import io.descatter.model.ScatteringShare;
import io.descatter.model.Trainer;
import io.descatter.spectra.BadInputException;
import io.descatter.spectra.Resampler;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.util.Counted;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Trains a correction network on pairs of raw and true spectra (as written by 'descatter simulate'): "
                    + "a seeded validation split, Adam, early stopping on the validation loss, a checkpoint after every epoch.",
            "",
            "Examples:",
            "  descatter simulate --n 20000 --seed 1 -o raw.csv.gz --truth truth.csv.gz",
            "  descatter train --raw raw.csv.gz --target truth.csv.gz --hidden 256,256 --epochs 40 -o model.zip",
            "  descatter train --raw raw.csv.gz --target truth.csv.gz --architecture pca --components 96 --hidden 256,256 -o model.zip",
            "  descatter train --raw raw.csv.gz --target truth.csv.gz --architecture pca --keep-detail 96 -o model.zip   # as the shipped models",
            "  descatter train --raw raw.csv.gz --target truth.csv.gz --architecture conv --channels 8,16 --kernel 9 --hidden 128 -o model.zip",
            "  descatter train --raw raw.csv.gz --target truth.csv.gz -o model.zip --resume   # after an interruption",
            "  descatter train --raw my_raw.csv --target my_truth.csv --init models/descatter-default.zip --epochs 5 -o tuned.zip",
            "  descatter train --raw train_raw.csv.gz -o models/old-model.zip --confidence-only  # add the confidence score",
            "",
            "With --init the network starts from a model's weights (a pca network keeps that model's PCA layers) and takes "
                    + "its architecture; the pairs must cover its axis (they are resampled onto it). Epoch 0 is the model as "
                    + "it is: it stays the result unless an epoch improves the validation loss.",
            "",
            "The model also stores the out-of-distribution score of its training inputs that 'correct' writes as confidence_ood "
                    + "(docs/MODEL.md, \"Confidence\"). --confidence-only adds it to a model trained before the score existed: "
                    + "give the model's own raw training file (its checksum is checked); the model's seed and validation share "
                    + "give the same split; the network is not touched."
        })
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--raw", required = true, paramLabel = "RAW", description = "Raw spectra (network inputs).")
    String raw;

    @Option(names = "--target", paramLabel = "TRUTH", description = "Target spectra, same order and axis as RAW (not for --confidence-only).")
    String target;

    @Option(names = "--confidence-only",
            description = "Add the confidence data to the existing model MODEL from its raw training file RAW, without training.")
    boolean confidenceOnly;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "Model file to write (.zip).")
    String output;

    @Option(names = "--architecture", paramLabel = "KIND", defaultValue = "dense",
            description = {"Kind of network (default: ${DEFAULT-VALUE}):",
                "dense: dense layers of the --hidden widths, input to output;",
                "pca: dense --hidden layers around a fixed linear compression: the first --components principal components of "
                        + "the standardised training inputs (whitened) in, a linear layer to as many target components, their "
                        + "fixed expansion to the spectrum (target mean + components) out; both PCAs come from the training split "
                        + "and are frozen weights of the saved model;",
                "conv: 1-D convolutional encoder-decoder: per --channels level a convolution of --kernel points and stride 2, "
                        + "a dense bottleneck of the --hidden widths (none if --hidden is empty), per level an upsampling by 2 and "
                        + "a convolution, a one-channel convolution out; the spectrum length must be a multiple of 2^levels."})
    String architecture;

    @Option(names = "--hidden", paramLabel = "W1,W2", split = ",", defaultValue = "256,256",
            description = "Widths of the hidden dense layers; for conv the dense bottleneck, 0 for none (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--components", paramLabel = "K", defaultValue = "96",
            description = "pca only: principal components of inputs and targets (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--channels", paramLabel = "C1,C2", split = ",", defaultValue = "8,16",
            description = "conv only: channels per level; each level halves the length (default: ${DEFAULT-VALUE}).")
    List<Integer> channels;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "9",
            description = "conv only: convolution kernel width in points (default: ${DEFAULT-VALUE}).")
    int kernel;

    @Option(names = "--keep-detail", paramLabel = "SIGMA_CM",
            description = "Pass the raw spectrum's own fine structure (bands and noise narrower than a Gaussian smoothing of this "
                    + "s.d., in cm-1) straight to the output: the network predicts only the broad shape and the scattering's "
                    + "fine structure, so measured bands keep their ratios (docs/MODEL.md, \"Output\"). Needs the raw file's b "
                    + "column, the scale of each truth in its raw spectrum (simulate writes it). The default model uses 96. "
                    + "With --init the base model's setting is used.")
    Double keepDetail;

    @Option(names = "--epochs", defaultValue = "40", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Spectra per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--validation", defaultValue = "0.1", description = "Share held out for validation (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--patience", defaultValue = "6", description = "Epochs without improvement before stopping (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout retain probability of hidden layers, 0 for none.")
    double dropout;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, split and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--init", paramLabel = "BASE",
            description = "Start from this model's weights (fine-tuning) instead of fresh ones; its architecture is used, and "
                    + "architecture options that differ from it are refused (exit 4).")
    Path init;

    @Option(names = "--resume", description = "Continue from MODEL.checkpoint if an earlier run left one.")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N",
            description = "BLAS threads (default: all cores). Results are bit-identical for a seed and a thread count; use 1 to reproduce a model anywhere.")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        int n = UsageException.threads(threads); // usage errors before any work
        PrintWriter err = spec.commandLine().getErr();
        String kind = architecture.trim().toLowerCase(Locale.ROOT);
        if (!List.of("dense", "pca", "conv").contains(kind)) {
            throw new UsageException("unknown --architecture '" + architecture + "': dense, pca or conv");
        }
        if (confidenceOnly) return addConfidence(err);
        if (target == null) throw new UsageException("--target TRUTH is required (except with --confidence-only)");
        CorrectionModel base = init == null ? null : ModelStore.load(init);
        SpectraTable rawTable = SpectraTable.read(InputSource.of(raw), ReadOptions.defaults());
        SpectraTable truthTable = SpectraTable.read(InputSource.of(target), ReadOptions.defaults());
        checkPairs(rawTable, truthTable);
        WavenumberAxis axis = rawTable.schema().axis();
        List<double[]> rawSpectra = rawTable.spectra();
        List<double[]> truthSpectra = truthTable.spectra();
        if (base != null) { // the pairs on the model's axis, as correct would resample them
            base.requireCoveredBy(raw, axis);
            Resampler onto = Resampler.linear(axis, base.axis());
            rawSpectra = rawSpectra.stream().map(onto::apply).toList();
            truthSpectra = truthSpectra.stream().map(onto::apply).toList();
            axis = base.axis();
        }
        NetworkArchitecture arch;
        Trainer.Settings settings;
        try {
            int points = axis.size();
            List<Integer> widths = hidden == null || hidden.equals(List.of(0)) ? List.of() : hidden;
            arch = switch (kind) {
                case "dense" -> NetworkArchitecture.correction(points, widths);
                case "pca" -> NetworkArchitecture.pca(points, components, widths);
                case "conv" -> NetworkArchitecture.conv(points, channels, kernel, widths);
                default -> throw new IllegalArgumentException("unknown --architecture '" + architecture + "': dense, pca or conv");
            };
            arch = arch.withDropout(dropout);
            if (base != null && !architectureGiven()) arch = base.metadata().architecture().toNetworkArchitecture();
            settings = new Trainer.Settings(arch, epochs, batch, learningRate, validation, patience, seed, detail(base, axis));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        double[] scales = settings.detail() == null ? null : scales(rawTable); // before any work: a file without them is refused
        Trainer trainer = new Trainer(settings, axis);
        if (base != null) trainer = trainer.startingFrom(base, init.toString());
        if (!trainer.canTrainOn(rawTable.size())) {
            throw new BadInputException(raw, 0, 0, "holds " + rawTable.size() + " spectra: too few to hold "
                    + settings.validationSize(rawTable.size()) + " out for validation and train " + arch.describe() + " on the rest"
                    + " (it needs at least " + trainer.minimumTrainingSpectra() + ")");
        }
        org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(n);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(n);
        Path out = Path.of(output);
        Path checkpoint = Path.of(output + ".checkpoint");
        err.printf(Locale.ROOT, "descatter: training %s on %s (%s)%s%n", arch.describe(), Counted.of(rawTable.size(), "pair", "pairs"),
                axis.describe(), base == null ? "" : ", starting from " + init);
        Trainer.Result result;
        try (ConsoleProgress progress = ConsoleProgress.items("train", "steps")) {
            result = trainer.train(rawSpectra, truthSpectra, scales, checkpoint, resume, epochPrinter(err, progress));
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("generator", "descatter simulate (see the raw file's parameter columns)");
        provenance.put("raw", raw);
        provenance.put("rawSha256", sha256(raw));
        provenance.put("target", target);
        provenance.put("targetSha256", sha256(target));
        provenance.put("pairs", rawTable.size());
        provenance.put("blasThreads", n);
        provenance.put("tissueTypes", tissueCounts(rawTable));
        if (base != null) provenance.put("init", init.toString());
        ModelStore.save(result.network(), trainer.metadata(result, provenance), result.confidence(), out, false);
        Files.deleteIfExists(checkpoint);
        err.printf(Locale.ROOT, "descatter: wrote %s (best epoch %d of %d; validation RMSE %.4g, mean Pearson r %.5f)%n", output,
                result.bestEpoch(), result.epochsRun(), result.validation().get("rmse"), result.validation().get("meanPearsonR"));
        return ExitCode.OK;
    }

    /** The detail pass-through of --keep-detail, or the base model's; a different one with --init is refused. */
    private DetailPassThrough detail(CorrectionModel base, WavenumberAxis axis) {
        DetailPassThrough given = null;
        if (keepDetail != null) {
            if (!(keepDetail > 0)) throw new UsageException("--keep-detail must be a positive width in cm-1, not " + keepDetail);
            double step = (axis.max() - axis.min()) / (axis.size() - 1);
            given = DetailPassThrough.ofSigmaPoints(keepDetail / step);
            if (axis.size() < given.minimumPoints()) {
                throw new UsageException("--keep-detail " + keepDetail + " is too wide for " + axis.size() + " points of "
                        + String.format(Locale.ROOT, "%.3g", step) + " cm-1: it needs at least " + given.minimumPoints());
            }
        }
        if (base == null) return given;
        if (given != null && !given.equals(base.metadata().detail())) {
            throw new UsageException("--keep-detail " + keepDetail + " differs from the output mode of " + init
                    + "; leave it out to continue with the model's own");
        }
        return base.metadata().detail();
    }

    /** The raw file's b column: each truth's scale in its raw spectrum. */
    private double[] scales(SpectraTable rawTable) {
        List<String> b = rawTable.metaColumn("b");
        if (b == null) {
            throw new BadInputException(raw, 0, 0, "has no b column, the scale of each truth in its raw spectrum, which a model "
                    + "that keeps the input's detail needs; descatter simulate writes it" + (init == null
                            ? " (or train without --keep-detail)"
                            : "; to fine-tune on measured spectra with their ME-EMSC correction use descatter adapt, which finds the scale itself"));
        }
        double[] scales = new double[b.size()];
        for (int i = 0; i < scales.length; i++) {
            try {
                scales[i] = Double.parseDouble(b.get(i));
            } catch (NumberFormatException e) {
                scales[i] = Double.NaN;
            }
            if (!(scales[i] > 0) || Double.isInfinite(scales[i])) {
                throw new BadInputException(raw, i + 2, 0, "column b holds '" + b.get(i) + "': the scale of a truth must be a positive number");
            }
        }
        return scales;
    }

    /** Whether any option that shapes the network was given on the command line (with --init they must match). */
    private boolean architectureGiven() {
        var parsed = spec.commandLine().getParseResult();
        for (String o : List.of("--architecture", "--hidden", "--components", "--channels", "--kernel", "--dropout")) {
            if (parsed.hasMatchedOption(o)) return true;
        }
        return false;
    }

    /** Prints each epoch's losses on standard error (epoch 0: the --init model before training) and moves the bar. */
    static Trainer.Listener epochPrinter(PrintWriter err, ConsoleProgress progress) {
        return new Trainer.Listener() {
            @Override
            public void step(long done, long total) {
                progress.update(done, total);
            }

            @Override
            public void epoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best) {
                if (epoch == 0) {
                    err.printf(Locale.ROOT, "epoch %3d/%d  (the initial model)       validation loss %.4e%n", epoch, epochs, validationLoss);
                } else {
                    err.printf(Locale.ROOT, "epoch %3d/%d  train loss %.4e  validation loss %.4e%s%n", epoch, epochs, trainLoss,
                            validationLoss, best ? "  (best)" : "");
                }
                err.flush();
            }
        };
    }

    /** --confidence-only: the score of the model's own training inputs, split as its training split them, added to it. */
    private int addConfidence(PrintWriter err) throws IOException {
        Path model = Path.of(output);
        ModelMetadata m = ModelStore.readMetadata(model);
        Map<String, Object> t = m.training();
        Object sha = t.get("rawSha256");
        if (!(sha instanceof String) || !(t.get("seed") instanceof Number seed) || !(t.get("validationFraction") instanceof Number fraction)) {
            throw new ModelFormatException(model + ": its metadata does not record the raw file's checksum, seed and validation share");
        }
        if (!sha.equals(sha256(raw))) {
            throw new BadInputException(raw, 0, 0, "is not the raw file " + model + " was trained on (its SHA-256 differs from " + sha + ")");
        }
        SpectraTable rawTable = SpectraTable.read(InputSource.of(raw), ReadOptions.defaults());
        WavenumberAxis axis = WavenumberAxis.of(m.axis());
        // Only the seed and the validation share matter for the split; the architecture is a placeholder.
        Trainer trainer = new Trainer(new Trainer.Settings(NetworkArchitecture.correction(axis.size(), List.of()), 1, 1, 1e-3,
                fraction.doubleValue(), 1, seed.longValue()), axis);
        Confidence c = trainer.confidence(rawTable.spectra());
        ModelStore.addConfidence(model, c);
        err.printf(Locale.ROOT, "descatter: added confidence data (%d components, validation 98th percentile = 1) to %s%n", c.k(), output);
        if (m.detail() != null) {
            ScatteringShare s = Trainer.scatteringShare(ModelStore.load(model), rawTable.spectra(), fraction.doubleValue(), seed.longValue());
            ModelStore.replaceMetadata(model, m.withScatteringShare(s));
            err.printf(Locale.ROOT, "descatter: added the scattering share's threshold (%.4g, the validation inputs' %.0fth percentile) to %s%n",
                    s.threshold(), s.percentile(), output);
        }
        return ExitCode.OK;
    }

    static void checkPairs(SpectraTable raw, SpectraTable truth) {
        if (!raw.schema().axis().equals(truth.schema().axis())) {
            throw new BadInputException(truth.schema().source(), 0, 0, "its wavenumber axis differs from the raw file's ("
                    + truth.schema().axis().describe() + " vs " + raw.schema().axis().describe() + ")");
        }
        if (raw.size() != truth.size()) {
            throw new BadInputException(truth.schema().source(), 0, 0, truth.size() + " spectra, but the raw file has " + raw.size());
        }
        int rawId = raw.schema().idColumn();
        int truthId = truth.schema().idColumn();
        if (rawId >= 0 && truthId >= 0) {
            for (int i = 0; i < raw.size(); i++) {
                if (!raw.meta().get(i)[rawId].equals(truth.meta().get(i)[truthId])) {
                    throw new BadInputException(truth.schema().source(), 0, 0, "spectrum " + (i + 1) + " has id '" + truth.meta().get(i)[truthId]
                            + "' but the raw file's has '" + raw.meta().get(i)[rawId] + "': the files must pair row by row");
                }
            }
        }
    }

    static Map<String, Integer> tissueCounts(SpectraTable t) {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> tissues = t.metaColumn("tissue");
        if (tissues != null) for (String tissue : tissues) counts.merge(tissue, 1, Integer::sum);
        return counts;
    }

    /** The SHA-256 of a named input file; "standard input" for {@code -}, which cannot be read a second time. */
    private static String sha256(String input) throws IOException {
        return InputSource.STDIN.equals(input) ? "standard input" : sha256(Path.of(input));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), newDigest())) {
            DigestInputStream d = (DigestInputStream) in;
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(d.getMessageDigest().digest());
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
