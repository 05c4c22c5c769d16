package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.io.SpectraTable;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The work a replica takes from the network's own layers (the scattering share from the last layer's input, the
 * confidence's projections from the first layer's output) against the direct arithmetic. Both sides are float sums of
 * a few hundred to 1,556 terms (rounding ~1e-6 relative). Shares: 1e-4 relative. Scores: 5e-4 absolute, half the
 * last digit written (three decimals); the residual statistic is a difference of two nearly equal sums (‖x − mean‖²
 * less its part in the subspace), which turns float rounding into up to ~1e-4 of a score (measured on the shipped
 * model), on either path.
 */
class NetworkShortcutsTest {
    @Test
    void theShareFromTheLastLayersInputIsTheDirectOne() {
        MultiLayerNetwork net = NetworkFactory.network(NetworkArchitecture.pca(64, 6, List.of(12)), 7, new Adam(1e-3), DataType.FLOAT);
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray b = net.getLayer(i).getParam("b");
            if (b != null) b.assign(Nd4j.rand(DataType.FLOAT, b.shape()).subi(0.5)); // a bias whose detail counts
        }
        // the decoder's weights as a trained model has them: not zero, with detail of their own
        INDArray w = net.getLayer(NetworkFactory.pcaDecoder(NetworkArchitecture.pca(64, 6, List.of(12)))).getParam("W");
        w.assign(Nd4j.rand(DataType.FLOAT, w.shape()).subi(0.5));
        DetailPassThrough.Filter filter = new DetailPassThrough(9).filter(64);
        DenseInference dense = DenseInference.of(net);
        LatentShare latent = LatentShare.of(dense, filter, 64);
        assertNotNull(latent);
        int rows = 23;
        INDArray in = Nd4j.rand(DataType.FLOAT, rows, 64).subi(0.5).muli(3);
        float[] out = new float[rows * 64];
        dense.output(in).data().asNioFloat().get(out);
        double[] fromLatent = new double[rows];
        latent.removedEnergies(dense.lastInput(), rows, fromLatent);
        for (int r = 0; r < rows; r++) {
            double direct = filter.detailEnergy(out, r * 64);
            assertEquals(direct, fromLatent[r], 1e-4 * direct, "row " + r);
        }
    }

    @Test
    void networksWithoutALinearLastLayerHaveNoShortcut() {
        MultiLayerNetwork conv = NetworkFactory.network(NetworkArchitecture.conv(64, List.of(4), 5, List.of(8)), 7, new Adam(1e-3),
                DataType.FLOAT);
        assertNull(LatentShare.of(DenseInference.of(conv), new DetailPassThrough(9).filter(64), 64));
    }

    /** The shipped default model on the shipped samples: shortcuts on and off give the same corrections and scores. */
    @Test
    void theShippedModelsShortcutsChangeNothing() throws Exception {
        CorrectionModel m = ModelStore.load(Path.of("models/descatter-default.zip"));
        DenseInference dense = DenseInference.of(m.network());
        assertTrue(dense.firstLayerLinear() && m.confidence().projectedBy(dense.firstWeights(), dense.firstBias()),
                "the shipped model's confidence data are its first layer's components");
        int points = m.axis().size();
        List<double[]> spectra = SpectraTable.read("data-samples/sim_raw.csv.gz").spectra().subList(0, 64);
        double[] x = new double[spectra.size() * points];
        for (int i = 0; i < spectra.size(); i++) System.arraycopy(spectra.get(i), 0, x, i * points, points);
        DetailPassThrough.Filter filter = m.metadata().detail().filter(points);
        CorrectionModel.Replica direct = new CorrectionModel.Replica(m.network().clone(), points, m.confidence().scorer(), filter, null,
                false, m.background());
        CorrectionModel.Replica fast = m.replica();
        int rows = spectra.size();
        double[][] corrected = new double[2][x.length];
        double[][] scores = new double[2][rows];
        double[][] shares = new double[2][rows];
        double[] levels = new double[rows];
        double[] snr = new double[rows];
        double[] snrUnscored = new double[rows];
        direct.correct(x, 0, rows, corrected[0], 0, new CorrectionModel.Signals(scores[0], shares[0], null, null), 0);
        fast.correct(x, 0, rows, corrected[1], 0, new CorrectionModel.Signals(scores[1], shares[1], levels, snr), 0);
        // without the score's pass, the input's second differences are summed on their own: the same sums
        m.replica().correct(x, 0, rows, new double[x.length], 0, new CorrectionModel.Signals(null, null, null, snrUnscored), 0);
        assertArrayEquals(corrected[0], corrected[1], 0.0, "the corrections themselves take no shortcut");
        // the library's scores, from the standardised spectra alone (the replicas take the row sums from the output stage)
        double[] library = m.confidence().scores(Trainer.features(spectra, java.util.stream.IntStream.range(0, rows).toArray(), 0, rows, points));
        for (int r = 0; r < rows; r++) {
            assertEquals(scores[0][r], scores[1][r], 5e-4, "score of row " + r);
            assertEquals(library[r], scores[0][r], 1e-9 * Math.max(1, Math.abs(library[r])), "library score of row " + r);
            assertEquals(shares[0][r], shares[1][r], 1e-4 * shares[0][r], "share of row " + r);
            // the level taken inside the output stage is the library's level of the finished correction, to the bit
            assertEquals(m.background().level(corrected[1], r * points), levels[r], 0.0, "background level of row " + r);
            assertEquals(snr[r], snrUnscored[r], 1e-12 * snr[r], "signal-to-noise ratio of row " + r + " with and without scores");
            // the noise from the input, the signal from the correction: as the ratio of the correction alone, but for the
            // fine structure the network adds, which reads as a little noise there (up to a fifth of the ratio on these
            // spectra); the agreement either allows, what the flag judges, is the same within 0.003
            double own = SignalToNoise.of(corrected[1], r * points, points);
            assertEquals(SignalToNoise.agreementLimit(own), SignalToNoise.agreementLimit(snr[r]), 0.003, "agreement limit of row " + r);
            assertTrue(snr[r] >= own * 0.98, "the input's noise is at most the correction's: " + snr[r] + " vs " + own + ", row " + r);
        }
    }

    /**
     * The band-free baseline subtracted in the network's pass (correct's default without a fallback) is the baseline of
     * the finished correction, to the bit, and leaves the signals as they were: they judge the network's own output.
     */
    @Test
    void theBaselineInTheNetworksPassIsTheBaselineAfterIt() throws Exception {
        for (String file : List.of("models/descatter-default.zip", "models/descatter-agilent.zip")) {
            CorrectionModel m = ModelStore.load(Path.of(file));
            int points = m.axis().size();
            BandFreeBaseline baseline = BandFreeBaseline.on(m.axis());
            List<double[]> spectra = SpectraTable.read("data-samples/sim_raw.csv.gz").spectra().subList(0, 32);
            double[] x = new double[spectra.size() * points];
            for (int i = 0; i < spectra.size(); i++) {
                io.descatter.spectra.Resampler.linearHoldingEdges(SpectraTable.read("data-samples/sim_raw.csv.gz").schema().axis(), m.axis())
                        .apply(spectra.get(i), 0, x, i * points);
            }
            int rows = spectra.size();
            double[] after = new double[x.length];
            double[] during = new double[x.length];
            CorrectionModel.Signals a = CorrectionModel.Signals.of(m, rows);
            CorrectionModel.Signals d = CorrectionModel.Signals.of(m, rows);
            m.replica().correct(x, 0, rows, after, 0, a, 0);
            if (baseline != null) {
                for (int r = 0; r < rows; r++) baseline.subtract(after, r * points);
            }
            m.replica().correct(x, 0, rows, during, 0, d, 0, baseline);
            assertArrayEquals(after, during, 0.0, file);
            assertArrayEquals(a.shares(), d.shares(), 0.0, file);
            assertArrayEquals(a.signalToNoise(), d.signalToNoise(), 0.0, file);
            if (a.levels() != null) assertArrayEquals(a.levels(), d.levels(), 0.0, file);
            assertEquals(file.contains("agilent"), baseline == null, "the Agilent model's axis ends at 3700 cm-1: no baseline");
        }
    }

    @Test
    void aConfidenceFittedOnOtherSpectraIsNotTheFirstLayers() throws Exception {
        CorrectionModel m = ModelStore.load(Path.of("models/descatter-default.zip"));
        int points = m.axis().size();
        List<double[]> spectra = SpectraTable.read("data-samples/sim_raw.csv.gz").spectra();
        int[] order = java.util.stream.IntStream.range(0, spectra.size()).toArray();
        int half = spectra.size() / 2;
        Confidence other = Confidence.fit(Trainer.features(spectra, order, 0, half, points),
                Trainer.features(spectra, order, half, spectra.size(), points), m.axis().max() - m.axis().min());
        DenseInference dense = DenseInference.of(m.network());
        assertFalse(other.projectedBy(dense.firstWeights(), dense.firstBias()));
    }
}
