package io.descatter.model;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.WavenumberAxis;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.adapters.OutputAdapter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained correction network with its metadata: raw spectra on {@link #axis()} in, corrected spectra out.
 * DL4J's {@code output} is synchronized per network, so each worker thread takes its own {@link #replica()}.
 */
public final class CorrectionModel {
    private final MultiLayerNetwork network;
    private final ModelMetadata metadata;
    private final WavenumberAxis axis;
    private final Confidence confidence;
    private final ResidualBackground background;

    public CorrectionModel(MultiLayerNetwork network, ModelMetadata metadata) {
        this(network, metadata, null);
    }

    /** @param confidence the out-of-distribution score fitted to the training inputs; null for a model without one */
    public CorrectionModel(MultiLayerNetwork network, ModelMetadata metadata, Confidence confidence) {
        this.network = network;
        this.metadata = metadata;
        this.confidence = confidence;
        try {
            this.axis = WavenumberAxis.of(metadata.axis());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("damaged model metadata: its axis is not one (" + e.getMessage() + ")", e);
        }
        long inputs = NetworkFactory.inputWidth(network);
        if (inputs != axis.size()) {
            throw new ModelFormatException("the network takes " + inputs + " inputs but its axis has " + axis.size() + " points");
        }
        if (confidence != null && confidence.points() != axis.size()) {
            throw new ModelFormatException("its confidence data has " + confidence.points() + " points but its axis " + axis.size());
        }
        this.background = metadata.detail() != null && metadata.scatteringShare() != null ? ResidualBackground.on(axis) : null;
    }

    /**
     * The level a correction keeps where cells have no bands, for a model with the detail pass-through and the
     * scattering share whose axis reaches the band-free window; else null (no level is computed).
     */
    public ResidualBackground background() { return background; }

    /** The out-of-distribution score of the model's inputs, or null: models trained before it have none. */
    public Confidence confidence() { return confidence; }

    public WavenumberAxis axis() { return axis; }

    /** The most an input's axis may fall short of the model's at an edge, in steps of the input's axis. */
    public static final int MAX_HELD_STEPS = 2;

    /**
     * How far an input's axis falls short of the model's range at each end, cm-1 (0 where it reaches).
     *
     * @param low  below the model's lowest wavenumber
     * @param high above the model's highest
     */
    public record EdgeShortfall(double low, double high) {
        public boolean any() { return low > 0 || high > 0; }
    }

    /**
     * Refuses spectra (read from {@code file}) whose axis does not cover the model's range: the network needs a value
     * at every one of its points, and they are resampled from the spectra, never extrapolated.
     */
    public void requireCoveredBy(String file, WavenumberAxis spectra) {
        if (!spectra.covers(axis)) throw notCovered(file, spectra);
    }

    /**
     * As {@link #requireCoveredBy}, but accepting an axis that falls short of the model's by at most
     * {@link #MAX_HELD_STEPS} of its own steps at either end (another lab's 800.31-3999.64 for the model's
     * 1000.89-3999.71): there the edge value may be held, as the spectrum hardly changes over two steps.
     *
     * @return the shortfall at each end
     */
    public EdgeShortfall requireNearlyCoveredBy(String file, WavenumberAxis spectra) {
        if (spectra.covers(axis)) return new EdgeShortfall(0, 0);
        if (!nearlyCovers(spectra, axis)) throw notCovered(file, spectra);
        return new EdgeShortfall(Math.max(0, spectra.min() - axis.min()), Math.max(0, axis.max() - spectra.max()));
    }

    /**
     * Whether spectra on {@code spectra} cover a model's {@code range} but for at most {@link #MAX_HELD_STEPS} of their
     * own steps at either end (the rule of {@link #requireNearlyCoveredBy}, also the one by which a shipped model is chosen).
     */
    public static boolean nearlyCovers(WavenumberAxis spectra, WavenumberAxis range) {
        if (spectra.covers(range)) return true;
        double limit = MAX_HELD_STEPS * spectra.meanSpacing() * (1 + 1e-9);
        return spectra.min() - range.min() <= limit && range.max() - spectra.max() <= limit;
    }

    /** The refusal, with what to do: train a model on the spectra's own axis by the recipe of the shipped one. */
    private AxisMismatchException notCovered(String file, WavenumberAxis spectra) {
        return new AxisMismatchException(file, String.format(java.util.Locale.ROOT,
                "the spectra's axis %s–%s cm-1 does not cover the model's %s–%s cm-1 (up to %d of the spectra's steps "
                        + "short at an edge would be filled): %s",
                spectra.min(), spectra.max(), axis.min(), axis.max(), MAX_HELD_STEPS, trainForAxis(spectra)));
    }

    /**
     * What to do when no model covers {@code spectra}: the exact commands that train one on their own axis by the
     * recipe of the shipped models (docs/MODEL.md), and how to use it.
     */
    public static String trainForAxis(WavenumberAxis spectra) {
        String wavelength = io.descatter.spectra.AxisUnit.wavelengthHint(spectra);
        if (wavelength != null) return wavelength;
        String grid = String.format(java.util.Locale.ROOT, "%s:%s:%s", spectra.min(), spectra.max(),
                new java.math.BigDecimal(spectra.meanSpacing()).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString());
        return "train a model on your axis, as the shipped ones were trained (docs/MODEL.md): descatter simulate --n 24000 "
                + "--seed 20261126 --types epithelial,stroma,lipid-rich,glycogen-rich,nucleic-rich,mucinous,broad --atmosphere 0.3 "
                + "--size-spread 0.15 --digits 8 --axis " + grid + " -o train_raw.csv.gz --truth train_truth.csv.gz && "
                + "descatter train --raw train_raw.csv.gz --target train_truth.csv.gz --keep-detail 96 --architecture pca "
                + "--components 96 --hidden 256,256 --epochs 45 --seed 1 -o my-model.zip, then correct with "
                + "--model my-model.zip";
    }

    public ModelMetadata metadata() { return metadata; }

    public MultiLayerNetwork network() { return network; }

    /** A copy of the network for one thread, with its own buffers. */
    public Replica replica() {
        Shortcuts s = shortcuts();
        return new Replica(network.clone(), axis.size(), confidence == null ? null : confidence.scorer(),
                metadata.detail() == null ? null : metadata.detail().filter(axis.size()), s.share() == null ? null : s.share().copy(),
                s.projectionsFromNetwork(), background);
    }

    /**
     * Work a dense network's own layers already do, found once from the weights: the scattering share from the last
     * layer's input ({@link LatentShare}), and the confidence's projections from the first layer's output (a PCA
     * network trained with its confidence data). Where they do not apply, replicas compute both themselves.
     */
    private record Shortcuts(LatentShare share, boolean projectionsFromNetwork) {
    }

    private Shortcuts shortcuts;

    private synchronized Shortcuts shortcuts() {
        if (shortcuts == null) {
            DenseInference dense = DenseInference.of(network);
            LatentShare share = metadata.detail() == null ? null : LatentShare.of(dense, metadata.detail().filter(axis.size()), axis.size());
            boolean projections = confidence != null && dense != null && dense.firstLayerLinear()
                    && confidence.projectedBy(dense.firstWeights(), dense.firstBias());
            shortcuts = new Shortcuts(share, projections);
        }
        return shortcuts;
    }

    /**
     * Where {@link Replica#correct(double[], int, int, double[], int, Signals, int)} writes each spectrum's signals
     * besides its correction, one value per row; a null array is not computed. A model without confidence data scores
     * nothing (its {@code scores} stay as they were); one without the detail pass-through writes NaN as its share,
     * background level and signal-to-noise ratio, and so does one without the background's window as its level.
     *
     * @param scores the out-of-distribution score ({@link Confidence})
     * @param shares the share of the input's detail removed as scattering ({@link ScatteringShare})
     * @param levels the level left where cells have no bands ({@link ResidualBackground})
     * @param signalToNoise the correction's signal-to-noise ratio ({@link SignalToNoise}: its s.d. over that of the noise
     *        it keeps from the input)
     */
    public record Signals(double[] scores, double[] shares, double[] levels, double[] signalToNoise) {
        /** Arrays of {@code rows} for every signal that {@code model} has, null for the others. */
        public static Signals of(CorrectionModel model, int rows) {
            boolean detail = model.metadata().detail() != null && model.metadata().scatteringShare() != null;
            return new Signals(model.confidence() == null ? null : new double[rows], detail ? new double[rows] : null,
                    model.background() == null ? null : new double[rows], detail ? new double[rows] : null);
        }
    }

    /**
     * Corrects spectra on one thread; not thread-safe. Repeated batches of one size allocate nothing per batch: the
     * input array is kept, and so are the layers' outputs ({@link DenseInference}, for dense networks). Other
     * networks go through DL4J's {@code output}, whose result is copied out of its inference workspace by an
     * {@link OutputAdapter} instead of being detached into a new array (each was a 6 MB native block, zeroed, then a
     * 6 MB float[]).
     */
    public static final class Replica {
        private final MultiLayerNetwork net;
        private final DenseInference dense;
        private final int points;
        private final Confidence.Scorer scorer;
        /** The input's detail added to the network's output; null where the network's output is the correction. */
        private final DetailPassThrough.Filter detail;
        /** The share from the last layer's input; null: from the output, three more passes per spectrum. */
        private final LatentShare latentShare;
        /** Whether the confidence takes its projections from the network's first layer. */
        private final boolean projectionsFromNetwork;
        /** The level left where cells have no bands; null where the model has none. */
        private final ResidualBackground background;
        /** Nanoseconds spent per {@link Stage}, summed over calls; null: not timed. */
        private long[] stageNanos;
        private double[] energies = new double[0];
        private float[] input = new float[0];
        private float[] output = new float[0];
        private INDArray in;
        private final OutputAdapter<Void> copyOut = outputs -> {
            INDArray o = outputs[0];
            if (o.ordering() != 'c' || o.offset() != 0) o = o.dup('c');
            o.data().asNioFloat().get(output, 0, (int) o.length());
            return null;
        };

        /** The steps of {@link #correct}, in order, as {@link #timeStages} times them. */
        public enum Stage {
            STANDARDISE("standardise, copy in"),
            NETWORK("network"),
            SHARE("scattering share (from the last layer's input)"),
            OUTPUT("output: pass-through, peak scale, score's row pass, background, signal-to-noise, band-free baseline"),
            CONFIDENCE("confidence score (from the first layer's projections)");

            public final String label;

            Stage(String label) {
                this.label = label;
            }
        }

        /**
         * From now on adds the nanoseconds each {@link Stage} of {@link #correct} takes to {@code nanos} (indexed by
         * ordinal); null stops. Five clock reads per batch, for {@code bench correct}.
         */
        public void timeStages(long[] nanos) {
            if (nanos != null && nanos.length < Stage.values().length) throw new IllegalArgumentException("one entry per stage");
            stageNanos = nanos;
        }

        private long lap(Stage stage, long since) {
            if (stageNanos == null) return 0;
            long now = System.nanoTime();
            stageNanos[stage.ordinal()] += now - since;
            return now;
        }

        /** Heap bytes a replica keeps per spectrum of a batch: its float input and output. */
        public static long bytesPerRow(int points) {
            return 2L * Float.BYTES * points;
        }

        Replica(MultiLayerNetwork net, int points, Confidence.Scorer scorer, DetailPassThrough.Filter detail, LatentShare latentShare,
                boolean projectionsFromNetwork, ResidualBackground background) {
            this.net = net;
            this.background = background;
            this.detail = detail;
            this.points = points;
            this.scorer = scorer;
            this.dense = DenseInference.of(net);
            this.latentShare = dense == null ? null : latentShare;
            this.projectionsFromNetwork = dense != null && projectionsFromNetwork;
        }

        /**
         * Corrects {@code rows} spectra stored row-major in {@code src} from {@code srcOff} into {@code dst} from
         * {@code dstOff}, both on the model's axis.
         */
        public void correct(double[] src, int srcOff, int rows, double[] dst, int dstOff) {
            correct(src, srcOff, rows, dst, dstOff, null, 0);
        }

        /**
         * As {@link #correct(double[], int, int, double[], int)}, and each spectrum's signals into {@code signals} from
         * {@code signalsOff} (row {@code r} at {@code signalsOff + r} of each array it has), from the same standardised
         * batch; see {@link Signals} for what a model without one writes.
         */
        public void correct(double[] src, int srcOff, int rows, double[] dst, int dstOff, Signals signals, int signalsOff) {
            correct(src, srcOff, rows, dst, dstOff, signals, signalsOff, null);
        }

        /**
         * As {@link #correct(double[], int, int, double[], int, Signals, int)}, and each correction less {@code baseline}
         * (null: none), subtracted while its row is in the cache, after its signals were taken: what {@code correct}
         * writes where no fallback or refinement replaces corrections (theirs is subtracted after them).
         */
        public void correct(double[] src, int srcOff, int rows, double[] dst, int dstOff, Signals signals, int signalsOff,
                BandFreeBaseline baseline) {
            double[] scores = signals == null ? null : signals.scores();
            double[] shares = signals == null ? null : signals.shares();
            double[] levels = signals == null ? null : signals.levels();
            double[] snr = signals == null ? null : signals.signalToNoise();
            int n = rows * points;
            boolean scoring = scores != null && scorer != null;
            long t = stageNanos == null ? 0 : System.nanoTime();
            if (input.length < n) {
                input = new float[n];
                output = new float[n];
            }
            for (int r = 0; r < rows; r++) SpectrumNormalisation.standardise(src, srcOff + r * points, points, input, r * points);
            if (in == null || in.rows() != rows) in = Nd4j.create(DataType.FLOAT, new long[] {rows, points}, 'c'); // filled row by row
            in.data().asNioFloat().put(input, 0, n);
            t = lap(Stage.STANDARDISE, t);
            if (dense != null) dense.output(in).data().asNioFloat().get(output, 0, n);
            else net.output(in, null, null, copyOut);
            t = lap(Stage.NETWORK, t);
            if (detail == null) {
                for (int r = 0; r < rows; r++) {
                    int off = r * points;
                    for (int i = 0; i < points; i++) dst[dstOff + off + i] = output[off + i];
                    if (baseline != null) baseline.subtract(dst, dstOff + off); // while the row is in the cache
                }
                if (shares != null) java.util.Arrays.fill(shares, signalsOff, signalsOff + rows, Double.NaN);
                if (levels != null) java.util.Arrays.fill(levels, signalsOff, signalsOff + rows, Double.NaN);
                if (snr != null) java.util.Arrays.fill(snr, signalsOff, signalsOff + rows, Double.NaN);
            } else {
                if (energies.length < rows) energies = new double[rows];
                if (shares != null && latentShare != null) latentShare.removedEnergies(dense.lastInput(), rows, energies);
                t = lap(Stage.SHARE, t);
                for (int r = 0; r < rows; r++) {
                    double inputEnergy = detail.output(input, r * points, output, r * points, dst, dstOff + r * points);
                    if (scoring) scorer.prepareRow(input, r * points, r); // while the row is in the cache
                    if (levels != null) levels[signalsOff + r] = background == null ? Double.NaN : background.level(dst, dstOff + r * points);
                    if (snr != null) {
                        // the noise the correction keeps is the input's: its second differences, from the score's pass if it ran
                        double noise = scoring ? scorer.secondDifferenceEnergy(r) : SignalToNoise.secondDifferenceEnergy(input, r * points, points);
                        snr[signalsOff + r] = SignalToNoise.ratio(detail.outputVariance(), noise, points);
                    }
                    if (baseline != null) baseline.subtract(dst, dstOff + r * points);
                    if (shares == null) continue;
                    double removed = latentShare != null ? energies[r] : detail.detailEnergy(output, r * points);
                    shares[signalsOff + r] = ScatteringShare.of(removed, inputEnergy);
                }
            }
            t = lap(Stage.OUTPUT, t);
            if (scoring) {
                scorer.score(in, input, rows, projectionsFromNetwork ? dense.firstOutput() : null, detail != null, scores, signalsOff);
            }
            lap(Stage.CONFIDENCE, t);
        }
    }
}
