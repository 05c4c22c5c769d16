package io.descatter.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.descatter.spectra.WavenumberAxis;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains a correction network on (raw, truth) pairs: a seeded validation split, Adam, early stopping on the
 * validation loss (the best epoch's weights are kept), and a checkpoint after every epoch from which an
 * interrupted run resumes. On one thread the result depends only on the data and the settings.
 *
 * <p>A trainer {@link #startingFrom started from} a model fine-tunes it: its weights, including the fixed PCA layers of
 * a pca network, are the starting point instead of fresh ones (the per-spectrum input normalisation has no state), its
 * validation loss is reported as epoch 0, and it stays the result unless an epoch improves on it.
 */
public final class Trainer {
    /**
     * @param architecture the network
     * @param epochs most epochs
     * @param batchSize spectra per step
     * @param learningRate Adam's step size
     * @param validationFraction share of the pairs held out for validation
     * @param patience epochs without validation improvement before stopping
     * @param seed seed of the initial weights, the split and the shuffling
     */
    public record Settings(NetworkArchitecture architecture, int epochs, int batchSize, double learningRate,
            double validationFraction, int patience, long seed, DetailPassThrough detail) {
        public Settings {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || patience < 1) throw new IllegalArgumentException("bad training settings");
            if (!(validationFraction > 0 && validationFraction < 0.9)) throw new IllegalArgumentException("validation fraction must be in (0, 0.9)");
        }

        /** Settings for a network whose output is the corrected spectrum (no {@link DetailPassThrough}). */
        public Settings(NetworkArchitecture architecture, int epochs, int batchSize, double learningRate,
                double validationFraction, int patience, long seed) {
            this(architecture, epochs, batchSize, learningRate, validationFraction, patience, seed, null);
        }

        /** The same settings with the input's detail passed through to the output (null: none). */
        public Settings withDetail(DetailPassThrough d) {
            return new Settings(architecture, epochs, batchSize, learningRate, validationFraction, patience, seed, d);
        }

        /** Spectra held out for validation out of n pairs: the fraction, rounded, and at least one. */
        public int validationSize(int n) {
            return Math.max(1, (int) Math.round(n * validationFraction));
        }

        /**
         * Training spectra the architecture needs: one, or for a PCA network one more than its components (its fixed
         * compression is the principal components of the training split; fewer spectra leave directions without variance,
         * which its whitening would blow up).
         */
        public int minimumTrainingSpectra() {
            return architecture.kind() == NetworkArchitecture.Kind.PCA ? architecture.components() + 1 : 1;
        }

        /** True when n pairs leave enough for training once the validation spectra are held out. */
        public boolean canTrainOn(int n) {
            return n - validationSize(n) >= minimumTrainingSpectra();
        }
    }

    /** Receives progress: steps done out of the total, and each finished epoch. */
    public interface Listener {
        void step(long done, long total);

        void epoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best);
    }

    /** The trained network and what happened. */
    public record Result(MultiLayerNetwork network, int epochsRun, int bestEpoch, double bestValidationLoss,
            Map<String, Double> validation, Confidence confidence, ScatteringShare scatteringShare) {
    }

    private static final String STATE_ENTRY = "descatter-training-state.json";
    private static final String BEST_ENTRY = "descatter-best-params.bin";

    private final Settings settings;
    private final WavenumberAxis axis;
    /** The model to start from, or null for fresh weights. */
    private final CorrectionModel init;

    public Trainer(Settings settings, WavenumberAxis axis) {
        this(settings, axis, null);
    }

    private Trainer(Settings settings, WavenumberAxis axis, CorrectionModel init) {
        this.settings = settings;
        this.axis = axis;
        this.init = init;
    }

    /**
     * This trainer starting from {@code model}'s weights instead of fresh ones.
     *
     * @param name how to call the model in a refusal (its file)
     * @throws ModelFormatException when the model has another axis or another architecture than this trainer's
     */
    public Trainer startingFrom(CorrectionModel model, String name) {
        if (!model.axis().equals(axis)) {
            throw new ModelFormatException(name + ": the model's axis (" + model.axis().describe() + ") is not the training data's ("
                    + axis.describe() + "): a model continues only on its own axis");
        }
        String mine = settings.architecture().describe();
        String its = model.metadata().architecture() == null ? "unknown" : model.metadata().architecture().description();
        if (!mine.equals(its) || model.network().numParams() != NetworkFactory.network(settings.architecture(), settings.seed(),
                new Adam(settings.learningRate()), DataType.FLOAT).numParams()) {
            throw new ModelFormatException(name + ": the model's network (" + its + ") is not the one to train (" + mine
                    + "); leave out the architecture options to continue with the model's own");
        }
        if (!java.util.Objects.equals(model.metadata().detail(), settings.detail())) {
            throw new ModelFormatException(name + ": the model's output mode (" + describeOutput(model.metadata().detail())
                    + ") is not the one to train (" + describeOutput(settings.detail()) + ")");
        }
        return new Trainer(settings, axis, model);
    }

    private static String describeOutput(DetailPassThrough d) {
        return d == null ? "the corrected spectrum" : "input detail of " + d.width() + "-point averages passed through";
    }

    /** Training spectra needed: those of the settings, or one when starting from a model (its PCA layers are kept). */
    public int minimumTrainingSpectra() {
        return init != null ? 1 : settings.minimumTrainingSpectra();
    }

    /** True when n pairs leave enough for training once the validation spectra are held out. */
    public boolean canTrainOn(int n) {
        return n - settings.validationSize(n) >= minimumTrainingSpectra();
    }

    /**
     * Trains on the pairs.
     *
     * @param raw raw spectra on the axis, one row each
     * @param truth their targets
     * @param checkpoint where to save the state after each epoch (null: none)
     * @param resume continue from {@code checkpoint} if it exists
     */
    public Result train(List<double[]> raw, List<double[]> truth, Path checkpoint, boolean resume, Listener listener) throws IOException {
        return train(raw, truth, null, checkpoint, resume, listener);
    }

    /**
     * As {@link #train(List, List, Path, boolean, Listener)}, with each pair's scale: how large its truth is in its raw
     * spectrum (raw ≈ scale·truth + scattering + baseline: the simulator's {@code b}; for a measured spectrum and its
     * ME-EMSC correction, {@link DetailPassThrough.Filter#scaleOf}). Needed with a {@link DetailPassThrough}, whose
     * targets split the input at the truth's scale; null otherwise.
     */
    public Result train(List<double[]> raw, List<double[]> truth, double[] scales, Path checkpoint, boolean resume, Listener listener)
            throws IOException {
        int n = raw.size();
        if (n != truth.size()) throw new IllegalArgumentException("raw and truth differ in size: " + n + " vs " + truth.size());
        if (settings.detail() != null && (scales == null || scales.length != n)) {
            throw new IllegalArgumentException("a detail pass-through needs the scale of every pair's truth in its raw spectrum");
        }
        int points = axis.size();
        int[] order = splitOrder(n);
        if (!canTrainOn(n)) {
            throw new IllegalArgumentException("too few spectra to train: " + n + " (at least " + minimumTrainingSpectra()
                    + " for training and " + settings.validationSize(n) + " for validation)");
        }
        int nVal = settings.validationSize(n);
        int nTrain = n - nVal;
        INDArray xTrain = features(raw, order, 0, nTrain, points);
        INDArray xVal = features(raw, order, nTrain, n, points);
        INDArray yTrain = settings.detail() == null ? labels(truth, order, 0, nTrain, points)
                : detailTargets(raw, truth, scales, order, 0, nTrain, xTrain);
        INDArray yVal = settings.detail() == null ? labels(truth, order, nTrain, n, points)
                : detailTargets(raw, truth, scales, order, nTrain, n, xVal);

        MultiLayerNetwork net;
        PcaCompression.Basis inputBasis = null;
        int startEpoch = 1;
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        INDArray bestParams;
        if (resume && checkpoint != null && Files.exists(checkpoint)) {
            net = ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true);
            State s = readState(checkpoint);
            State mine = state(0, 0, 0, nTrain);
            if (s.architecture() == null) {
                throw new ModelFormatException(checkpoint + " was written by an older descatter that did not record its settings;"
                        + " remove it or drop --resume");
            }
            if (!s.sameRunAs(mine)) {
                // a model file of another run: exit code 4 at the command line, like a foreign model
                throw new ModelFormatException(checkpoint + " belongs to another run (" + s.describeRun() + "; this one: "
                        + mine.describeRun() + "); remove it or drop --resume");
            }
            startEpoch = s.epoch() + 1;
            best = s.bestLoss();
            bestEpoch = s.bestEpoch();
            bestParams = readBestParams(checkpoint, net);
        } else {
            net = NetworkFactory.network(settings.architecture(), settings.seed(), new Adam(settings.learningRate()), DataType.FLOAT);
            if (init != null) {
                // every weight, the frozen PCA layers included: the compression stays the init model's
                net.setParams(init.network().params().castTo(DataType.FLOAT));
            } else if (settings.architecture().kind() == NetworkArchitecture.Kind.PCA) {
                // The fixed compression comes from the training split only; the validation spectra stay unseen.
                inputBasis = PcaCompression.apply(net, settings.architecture(), xTrain, yTrain);
            }
            bestParams = net.params().dup();
            if (init != null) {
                // epoch 0: the init model as it is, the mark every epoch must beat to replace it
                best = mse(net.output(xVal, false), yVal);
                listener.epoch(0, settings.epochs(), Double.NaN, best, true);
            }
        }
        int batches = (nTrain + settings.batchSize() - 1) / settings.batchSize();
        long totalSteps = (long) batches * settings.epochs();
        int epoch = startEpoch - 1;
        for (epoch = startEpoch; epoch <= settings.epochs(); epoch++) {
            int[] perm = new int[nTrain];
            for (int i = 0; i < nTrain; i++) perm[i] = i;
            shuffle(perm, new Random(settings.seed() * 1_000_003L + epoch));
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * settings.batchSize();
                int to = Math.min(nTrain, from + settings.batchSize());
                int[] rows = java.util.Arrays.copyOfRange(perm, from, to);
                net.fit(new DataSet(xTrain.getRows(rows), yTrain.getRows(rows)));
                lossSum += net.score() * (to - from);
                listener.step((long) (epoch - 1) * batches + b + 1, totalSteps);
            }
            double trainLoss = lossSum / nTrain;
            double valLoss = mse(net.output(xVal, false), yVal);
            boolean improved = valLoss < best;
            if (improved) {
                best = valLoss;
                bestEpoch = epoch;
                bestParams = net.params().dup();
            }
            listener.epoch(epoch, settings.epochs(), trainLoss, valLoss, improved);
            if (checkpoint != null) saveCheckpoint(net, state(epoch, best, bestEpoch, nTrain), bestParams, checkpoint);
            if (epoch - bestEpoch >= settings.patience()) break;
        }
        net.setParams(bestParams);
        INDArray predicted = net.output(xVal, false);
        ScatteringShare share = null;
        if (settings.detail() != null) {
            // the figures of the corrected spectra, comparable with those of a model without the pass-through
            double[] shares = new double[nVal];
            predicted = corrected(xVal, predicted, shares);
            share = ScatteringShare.calibrate(shares);
            yVal = labels(truth, order, nTrain, n, points);
        }
        Map<String, Double> validation = new LinkedHashMap<>();
        validation.put("spectra", (double) nVal);
        validation.put("mse", mse(predicted, yVal));
        validation.put("rmse", Math.sqrt(mse(predicted, yVal)));
        validation.put("meanPearsonR", meanPearson(predicted, yVal));
        // The out-of-distribution score of the same inputs: a PCA network's first components serve it as they are.
        Confidence confidence = Confidence.fit(xTrain, xVal, axis.max() - axis.min(), inputBasis);
        return new Result(net, Math.min(epoch, settings.epochs()), bestEpoch, best, validation, confidence, share);
    }

    /** The seeded order of n pairs: the first n − validationSize(n) train, the rest validate. */
    private int[] splitOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        shuffle(order, new Random(settings.seed()));
        return order;
    }

    /**
     * The confidence data that {@link #train} would store, from the same raw spectra and settings (seed and validation
     * share decide the split) without training: how a model trained before the score existed gets it.
     */
    public Confidence confidence(List<double[]> raw) {
        int n = raw.size();
        int[] order = splitOrder(n);
        int nTrain = n - settings.validationSize(n);
        INDArray xTrain = features(raw, order, 0, nTrain, axis.size());
        INDArray xVal = features(raw, order, nTrain, n, axis.size());
        return Confidence.fit(xTrain, xVal, axis.max() - axis.min());
    }

    /**
     * The {@link ScatteringShare} calibration that {@link #train} would store for {@code model} (a detail pass-through),
     * from the same raw spectra and settings (seed and validation share decide the split): how a model trained before
     * the share existed gets it.
     */
    public static ScatteringShare scatteringShare(CorrectionModel model, List<double[]> raw, double validationFraction, long seed) {
        DetailPassThrough detail = model.metadata().detail();
        if (detail == null) throw new IllegalArgumentException("the model has no detail pass-through");
        Trainer t = new Trainer(new Settings(NetworkArchitecture.correction(model.axis().size(), List.of()), 1, 1, 1e-3,
                validationFraction, 1, seed, detail), model.axis());
        int n = raw.size();
        int[] order = t.splitOrder(n);
        INDArray xVal = features(raw, order, n - t.settings.validationSize(n), n, model.axis().size());
        double[] shares = new double[(int) xVal.rows()];
        t.corrected(xVal, model.network().output(xVal, false), shares);
        return ScatteringShare.calibrate(shares);
    }

    /** Standardised inputs as float rows, in the given order (rows {@code from} to {@code to} of {@code order}). */
    public static INDArray features(List<double[]> raw, int[] order, int from, int to, int points) {
        float[] buf = new float[(to - from) * points];
        for (int i = from; i < to; i++) SpectrumNormalisation.standardise(raw.get(order[i]), 0, points, buf, (i - from) * points);
        return Nd4j.create(buf, new long[] {to - from, points}, DataType.FLOAT);
    }

    /**
     * The network's targets with a {@link DetailPassThrough}: per pair {@code scale·truth − detail(input)} on the
     * standardised input's scale, where the standardisation divided the raw spectrum by its s.d.
     */
    private INDArray detailTargets(List<double[]> raw, List<double[]> truth, double[] scales, int[] order, int from, int to, INDArray x) {
        int points = axis.size();
        DetailPassThrough.Filter filter = settings.detail().filter(points);
        float[] z = x.data().asFloat();
        float[] buf = new float[(to - from) * points];
        for (int i = from; i < to; i++) {
            double[] r = raw.get(order[i]);
            double mean = io.descatter.util.Sums.of(r, 0, points) / points;
            double sd = Math.sqrt(io.descatter.util.Sums.squaredDeviations(r, 0, points, mean) / points);
            double scale = sd > 0 ? scales[order[i]] / sd : 0;
            filter.target(z, (i - from) * points, truth.get(order[i]), scale, buf, (i - from) * points);
        }
        return Nd4j.create(buf, new long[] {to - from, points}, DataType.FLOAT);
    }

    /**
     * The corrected spectra of a detail pass-through from standardised inputs and the network's outputs, and each one's
     * {@link ScatteringShare share} into {@code shares}.
     */
    private INDArray corrected(INDArray x, INDArray netOut, double[] shares) {
        int rows = (int) x.rows();
        int points = axis.size();
        DetailPassThrough.Filter filter = settings.detail().filter(points);
        float[] z = x.data().asFloat();
        float[] o = netOut.dup('c').data().asFloat();
        double[] row = new double[points];
        float[] out = new float[rows * points];
        for (int r = 0; r < rows; r++) {
            double inputEnergy = filter.output(z, r * points, o, r * points, row, 0);
            shares[r] = ScatteringShare.of(filter.detailEnergy(o, r * points), inputEnergy);
            for (int k = 0; k < points; k++) out[r * points + k] = (float) row[k];
        }
        return Nd4j.create(out, new long[] {rows, points}, DataType.FLOAT);
    }

    /** Targets as float rows, in the given order. */
    public static INDArray labels(List<double[]> truth, int[] order, int from, int to, int points) {
        float[] buf = new float[(to - from) * points];
        for (int i = from; i < to; i++) {
            double[] t = truth.get(order[i]);
            for (int k = 0; k < points; k++) buf[(i - from) * points + k] = (float) t[k];
        }
        return Nd4j.create(buf, new long[] {to - from, points}, DataType.FLOAT);
    }

    /** Mean squared error over all entries: the network's MSE loss without regularisation. */
    public static double mse(INDArray predicted, INDArray target) {
        double norm = predicted.sub(target).norm2Number().doubleValue();
        return norm * norm / predicted.length();
    }

    static double meanPearson(INDArray predicted, INDArray target) {
        float[][] p = predicted.toFloatMatrix();
        float[][] t = target.toFloatMatrix();
        double sum = 0;
        for (int i = 0; i < p.length; i++) sum += Metrics.pearson(p[i], t[i]);
        return sum / p.length;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Where an interrupted run stands. */
    /**
     * Where an interrupted run stands, and what defines the run: a checkpoint resumes only the run that wrote it (the
     * network and its optimiser come from the checkpoint, the model's metadata from the settings, so they must agree).
     */
    record State(int epoch, double bestLoss, int bestEpoch, int trainSize, long seed, String architecture, int batchSize,
            double learningRate, double validationFraction, String initWeights) {
        boolean sameRunAs(State other) {
            return trainSize == other.trainSize && seed == other.seed && java.util.Objects.equals(architecture, other.architecture)
                    && batchSize == other.batchSize && learningRate == other.learningRate
                    && validationFraction == other.validationFraction && java.util.Objects.equals(initWeights, other.initWeights);
        }

        String describeRun() {
            return trainSize + " training spectra, seed " + seed + ", " + architecture + ", batch " + batchSize + ", lr "
                    + learningRate + ", validation " + validationFraction
                    + (initWeights == null ? "" : ", from model " + initWeights.substring(0, Math.min(8, initWeights.length())));
        }
    }

    private State state(int epoch, double bestLoss, int bestEpoch, int trainSize) {
        return new State(epoch, bestLoss, bestEpoch, trainSize, settings.seed(),
                settings.architecture() + (settings.detail() == null ? "" : " " + settings.detail()),
                settings.batchSize(), settings.learningRate(), settings.validationFraction(),
                init == null ? null : init.metadata().weightsSha256());
    }

    private static void saveCheckpoint(MultiLayerNetwork net, State state, INDArray bestParams, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            ModelSerializer.writeModel(net, temp.toFile(), true);
            try (FileSystem zip = FileSystems.newFileSystem(temp, Map.of())) {
                Files.write(zip.getPath(STATE_ENTRY), new ObjectMapper().writeValueAsBytes(state));
                float[] p = bestParams.toFloatVector();
                ByteBuffer buf = ByteBuffer.allocate(4 * p.length).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : p) buf.putFloat(v);
                Files.write(zip.getPath(BEST_ENTRY), buf.array());
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static State readState(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var e = zip.getEntry(STATE_ENTRY);
            if (e == null) throw new ModelFormatException(file + ": not a training checkpoint");
            return new ObjectMapper().readValue(zip.getInputStream(e), State.class);
        }
    }

    private static INDArray readBestParams(Path file, MultiLayerNetwork net) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            byte[] bytes = zip.getInputStream(zip.getEntry(BEST_ENTRY)).readAllBytes();
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] p = new float[bytes.length / 4];
            for (int i = 0; i < p.length; i++) p[i] = buf.getFloat();
            return Nd4j.create(p, net.params().shape(), DataType.FLOAT);
        }
    }

    /** The metadata of a model trained by this trainer. */
    public ModelMetadata metadata(Result result, Map<String, Object> provenance) {
        Map<String, Object> training = new LinkedHashMap<>(provenance);
        training.put("epochsRun", result.epochsRun());
        training.put("bestEpoch", result.bestEpoch());
        training.put("batchSize", settings.batchSize());
        training.put("learningRate", settings.learningRate());
        training.put("optimizer", "Adam");
        training.put("validationFraction", settings.validationFraction());
        training.put("patience", settings.patience());
        training.put("seed", settings.seed());
        if (init != null) training.put("initWeightsSha256", init.metadata().weightsSha256());
        String version = Trainer.class.getPackage().getImplementationVersion();
        DetailPassThrough detail = settings.detail();
        return new ModelMetadata(ModelMetadata.formatFor(detail), version == null ? "development" : version, Instant.now().toString(),
                axis.values(), ModelMetadata.Architecture.of(settings.architecture(), "float32"), SpectrumNormalisation.DESCRIPTION,
                detail == null ? "corrected absorbance on the scale of the training truth (pure spectrum, maximum 1)"
                        : "corrected absorbance: the standardised input's detail (narrower than a Gaussian of s.d. "
                                + String.format(java.util.Locale.ROOT, "%.1f", detail.sigmaPoints())
                                + " points) plus the network's output, divided by its peak (maximum 1, as the training truth)",
                training, result.validation(), null, detail, result.scatteringShare());
    }
}
