package io.descatter.dynamics;

import io.descatter.model.CorrectionModel;
import io.descatter.model.Trainer;
import io.descatter.spectra.io.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Late-time SGD fluctuations of a trained correction network (the Feng-Tu measurement of SGD-THEORY.md on a real
 * model): training continues with plain SGD at a small constant learning rate, minibatches drawn independently
 * each step (with replacement); over the last {@code window} steps one layer's weight matrix is recorded every
 * {@code every} steps, and {@link VarianceFlatness#measureSnapshots} profiles its leading PCA directions with the
 * MSE on a fixed subset of the pairs. The other layers stay at their final values during the profiles.
 */
public final class CorrectionStability {
    /** Batch means per half of the window for the stationarity test (fewer when the half is short). */
    static final int STATIONARITY_BATCHES = 8;

    /**
     * @param learningRate DL4J's Sgd learning rate: θ ← θ − lr ∇(MSE averaged over the minibatch)
     * @param steps        SGD steps in all; the first steps − window are burn-in
     * @param window       the recorded late window, in steps
     * @param every        steps between snapshots
     * @param batch        pairs per minibatch
     * @param modes        leading PCA directions to profile
     * @param lossSubset   pairs in the fixed subset on which the loss is evaluated
     * @param layer        0-based DL4J layer index whose weight matrix W is recorded
     * @param seed         seed of the minibatches and of the subset
     */
    public record Settings(double learningRate, long steps, long window, int every, int batch, int modes, int lossSubset,
            int layer, long seed) {
        public Settings {
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("--lr must be positive");
            if (steps > 100_000_000L) throw new IllegalArgumentException("--steps must be at most 100000000");
            if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1");
            if (every < 1) throw new IllegalArgumentException("--every must be at least 1");
            if (window < 1 || window > steps) throw new IllegalArgumentException("--window must be in 1..--steps (" + steps + ")");
            if (lossSubset < 1) throw new IllegalArgumentException("--loss-subset must be at least 1");
            long snapshots = window / every;
            if (snapshots > 100_000) throw new IllegalArgumentException("--window / --every gives too many snapshots: " + snapshots);
            // A power law with an error bar needs 3 points; the stationarity test needs 2 batches of 2 per half.
            if (modes < 3) throw new IllegalArgumentException("--modes must be at least 3 for a fitted exponent");
            if (snapshots < Math.max(8, modes + 1)) {
                throw new IllegalArgumentException("--window / --every gives " + snapshots + " snapshots; need at least "
                        + Math.max(8, modes + 1) + " (8, and more than --modes)");
            }
        }

        public int snapshots() {
            return (int) (window / every);
        }
    }

    /**
     * Mean subset loss in the first and second half of the window, with batch-means errors, their difference in units
     * of its standard error ({@code z}), and the threshold it is held to. Both halves have the same number of batches,
     * so z is the pooled two-sample t statistic of the batch means, with 2(b − 1) degrees of freedom; the threshold is
     * Student's quantile there at the level of |z| < 3 for a normal variable (two-sided 0.27 %). With few batches a
     * fixed 3 would call a stationary loss unsteady far more often than that (9.5 % with 2 batches a half).
     */
    public record Stationarity(double firstHalf, double firstHalfError, double secondHalf, double secondHalfError,
            int batchesPerHalf, double z, double limit) {
        /** The normal-theory threshold that {@link #limit} matches in probability. */
        public static final double Z_LIMIT = 3;
        /** Φ(3): the one-sided level of that threshold. */
        private static final double LEVEL = 0.9986501019683699;

        public boolean stationary() {
            return Math.abs(z) < limit;
        }

        static Stationarity of(double[] loss) {
            int half = loss.length / 2;
            int batches = Math.min(STATIONARITY_BATCHES, half / 2);
            ScalarEstimate first = batchMeans(loss, 0, half, batches);
            ScalarEstimate second = batchMeans(loss, loss.length - half, half, batches);
            double diff = second.value() - first.value();
            double se = Math.hypot(first.error(), second.error());
            double z = se > 0 ? diff / se : (diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff));
            return new Stationarity(first.value(), first.error(), second.value(), second.error(), batches, z, limit(batches));
        }

        /** Student's t quantile at the level of 3σ with the 2(b − 1) degrees of freedom of b batches a half. */
        static double limit(int batchesPerHalf) {
            return StudentT.quantile(LEVEL, 2.0 * (batchesPerHalf - 1));
        }

        private static ScalarEstimate batchMeans(double[] v, int from, int length, int batches) {
            int per = length / batches;
            double[] means = new double[batches];
            for (int b = 0; b < batches; b++) {
                double s = 0;
                for (int i = 0; i < per; i++) s += v[from + b * per + i];
                means[b] = s / per;
            }
            return ScalarEstimate.of(means);
        }
    }

    /**
     * What a run measured.
     * @param layerShape     nIn x nOut of the recorded weight matrix
     * @param stepLoss       the minibatch loss (DL4J score) after every step
     * @param snapshotSteps  the step of each snapshot
     * @param snapshotLoss   the subset loss at each snapshot
     * @param fit            σ² ∝ F^(−ψ) over the modes with finite flatness; null when fewer than 3 have one
     * @param search         the search for a stationary learning rate and burn-in; null for a run at one fixed rate
     */
    public record Result(Settings settings, long[] layerShape, int pairs, int subsetPairs, double[] stepLoss,
            long[] snapshotSteps, double[] snapshotLoss, VarianceFlatness.Profile profile, PowerLawFit fit,
            Stationarity stationarity, StationaritySearch.Outcome search) {
    }

    private CorrectionStability() {
    }

    /** Checks that {@code layer} is a layer of the network with a weight matrix. */
    public static void requireLayer(MultiLayerNetwork net, int layer) {
        int n = net.getnLayers();
        if (layer < 0 || layer >= n) {
            throw new IllegalArgumentException("--layer must be a 0-based layer index in 0.." + (n - 1) + " (the network has "
                    + n + " layers), got " + layer);
        }
        if (!net.getLayer(layer).paramTable().containsKey("W")) throw new IllegalArgumentException("layer " + layer + " has no weights");
        if (net.getLayer(layer) instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop) {
            throw new IllegalArgumentException("layer " + layer + " is fixed (the frozen PCA compression of a pca network): its weights "
                    + "never move; choose a trainable layer");
        }
    }

    /**
     * Runs the analysis on a copy of the model's network at the one learning rate of the settings: burn-in, then the
     * recorded window.
     * @param raw   raw spectra on the model's axis (network inputs)
     * @param truth their targets
     */
    public static Result run(CorrectionModel model, List<double[]> raw, List<double[]> truth, Settings s, Progress progress) {
        Run run = new Run(model, raw, truth, s);
        long burnIn = s.steps() - (long) s.snapshots() * s.every();
        run.advance(s.learningRate(), burnIn, progress, s.steps());
        run.record(s.learningRate(), (long) s.snapshots() * s.every(), s.every(), progress, s.steps());
        return run.finish(s, null);
    }

    /**
     * Searches a learning rate and burn-in at which the subset loss is stationary ({@link StationaritySearch}), then
     * profiles the stationary window; when none is found in time, the last window is profiled and the outcome says why
     * and what to run next. {@code s} gives batch, modes, loss subset, layer and seed; its rate and steps are unused.
     * @param progress steps done against the steps that the time left allows at the measured speed
     */
    public static Result search(CorrectionModel model, List<double[]> raw, List<double[]> truth, Settings s,
                                StationaritySearch.Settings search, Progress progress, Consumer<StationaritySearch.Window> onWindow) {
        Run run = new Run(model, raw, truth, s);
        long started = System.nanoTime();
        StationaritySearch.Process process = new StationaritySearch.Process() {
            @Override
            public double[] run(double learningRate, long steps, int every) {
                return run.record(learningRate, steps, every, (done, total) -> {
                    double elapsed = System.nanoTime() - started;
                    long all = run.stepsDone();
                    long projected = all + (long) (all * Math.max(0, search.budgetNanos() - elapsed) / Math.max(elapsed, 1));
                    progress.update(all, Math.max(all, projected));
                }, -1);
            }

            @Override
            public void restart() {
                run.restart();
            }
        };
        // the profiles cost about PROFILE_EVALUATIONS subset losses per mode; keep that time back from the search
        StationaritySearch.Outcome outcome = StationaritySearch.search(process, search,
                () -> (long) (s.modes() * PROFILE_EVALUATIONS * run.lossEvaluationNanos()), System::nanoTime, onWindow);
        return run.finish(s, outcome);
    }

    /** Subset-loss evaluations a profiled direction costs (two bracketed bisections at float tolerance), for the time budget. */
    static final int PROFILE_EVALUATIONS = 60;

    /** One SGD continuation of the model's network: data, minibatches, the recorded layer and what was recorded. */
    private static final class Run {
        private final CorrectionModel model;
        private final INDArray x;
        private final INDArray y;
        private final INDArray xSub;
        private final INDArray ySub;
        private final Random rnd;
        private final int n;
        private final int[] rows;
        private final int subsetPairs;
        private final int layerIndex;
        private MultiLayerNetwork net;
        private Layer layer;
        private double rate = Double.NaN;
        private final List<Double> stepLoss = new ArrayList<>();
        private float[][] snapshots = new float[0][];
        private long[] snapshotSteps = new long[0];
        private double[] snapshotLoss = new double[0];
        private long lossNanos;
        private long lossCount;

        Run(CorrectionModel model, List<double[]> raw, List<double[]> truth, Settings s) {
            n = raw.size();
            if (n != truth.size()) throw new IllegalArgumentException("raw and truth differ in size: " + n + " vs " + truth.size());
            requireLayer(model.network(), s.layer());
            this.model = model;
            this.layerIndex = s.layer();
            int points = model.axis().size();
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            x = Trainer.features(raw, all, 0, n, points);
            y = Trainer.labels(truth, all, 0, n, points);
            rnd = new Random(s.seed());
            int[] subset = subset(n, Math.min(s.lossSubset(), n), rnd);
            subsetPairs = subset.length;
            xSub = x.getRows(subset);
            ySub = y.getRows(subset);
            rows = new int[s.batch()];
        }

        long stepsDone() {
            return stepLoss.size();
        }

        /** Mean time of one subset loss so far (0 before the first). */
        double lossEvaluationNanos() {
            return lossCount == 0 ? 0 : (double) lossNanos / lossCount;
        }

        /** The model's weights again, all recorded losses dropped (after a divergence). */
        void restart() {
            net = null;
            stepLoss.clear();
        }

        /** Same weights, plain SGD at {@code lr}: the transfer-learning builder swaps every layer's updater and copies the params. */
        private void useRate(double lr) {
            if (net != null && lr == rate) return;
            MultiLayerNetwork from = net == null ? model.network() : net;
            net = new TransferLearning.Builder(from)
                    .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Sgd(lr)).build())
                    .build();
            layer = net.getLayer(layerIndex);
            rate = lr;
        }

        private void step(double lr) {
            for (int i = 0; i < rows.length; i++) rows[i] = rnd.nextInt(n);
            net.fit(new DataSet(x.getRows(rows), y.getRows(rows)));
            double score = net.score();
            if (!Double.isFinite(score)) {
                throw new DivergedException("SGD diverged at step " + (stepLoss.size() + 1) + " (lr " + lr + "): lower --lr");
            }
            stepLoss.add(score);
        }

        /** Steps without records (burn-in); {@code total} for the progress (-1: unknown). */
        void advance(double lr, long steps, Progress progress, long total) {
            useRate(lr);
            for (long i = 0; i < steps; i++) {
                step(lr);
                if (progress != null) progress.update(stepLoss.size(), total);
            }
        }

        /** Steps with a snapshot of the layer and the subset loss every {@code every} steps; returns those losses. */
        double[] record(double lr, long steps, int every, Progress progress, long total) {
            useRate(lr);
            int t = (int) (steps / every);
            snapshots = new float[t][];
            snapshotSteps = new long[t];
            snapshotLoss = new double[t];
            int k = 0;
            for (long i = 1; i <= steps; i++) {
                step(lr);
                if (i % every == 0 && k < t) {
                    // dup('f') gives a fresh buffer in the order that setParam's copy below reads back.
                    snapshots[k] = layer.getParam("W").dup('f').data().asFloat();
                    snapshotSteps[k] = stepLoss.size();
                    long t0 = System.nanoTime();
                    snapshotLoss[k] = Trainer.mse(net.output(xSub, false), ySub);
                    lossNanos += System.nanoTime() - t0;
                    lossCount++;
                    k++;
                }
                if (progress != null) progress.update(stepLoss.size(), total);
            }
            return snapshotLoss.clone();
        }

        /** Profiles the last recorded window. */
        Result finish(Settings s, StationaritySearch.Outcome outcome) {
            if (snapshots.length == 0) throw new IllegalStateException("no window was recorded");
            long[] shape = layer.getParam("W").shape();
            VarianceFlatness.Profile profile = VarianceFlatness.measureSnapshots(snapshots, s.modes(),
                    VarianceFlatness.FLOAT_ROOT_TOLERANCE, w -> {
                        float[] f = new float[w.length];
                        for (int i = 0; i < w.length; i++) f[i] = (float) w[i];
                        layer.setParam("W", Nd4j.create(f, shape, 'f'));
                        return Trainer.mse(net.output(xSub, false), ySub);
                    });
            long finite = profile.modes().stream().filter(m -> Double.isFinite(m.flatness())).count();
            PowerLawFit fit = finite >= 3 ? profile.fit() : null;
            double[] losses = stepLoss.stream().mapToDouble(Double::doubleValue).toArray();
            return new Result(s, shape, n, subsetPairs, losses, snapshotSteps, snapshotLoss, profile, fit,
                    Stationarity.of(snapshotLoss), outcome);
        }
    }

    /** {@code size} distinct indices of 0..n-1, sorted (a partial Fisher-Yates shuffle). */
    private static int[] subset(int n, int size, Random rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = 0; i < size; i++) {
            int j = i + rnd.nextInt(n - i);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
        int[] out = java.util.Arrays.copyOf(a, size);
        java.util.Arrays.sort(out);
        return out;
    }
}
