package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.WavenumberAxis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The two non-dense presets of {@link NetworkArchitecture} (fixed PCA compression around dense layers; 1-D
 * convolutional encoder-decoder): they build, train a few steps on a tiny problem, keep their frozen weights
 * frozen, and survive a save/load round trip through {@link ModelStore} bit for bit.
 */
class ArchitecturePresetsTest {
    static final int POINTS = 64;
    static final WavenumberAxis AXIS = WavenumberAxis.regular(1000, 1000 + 8 * (POINTS - 1), 8);

    @TempDir
    Path dir;

    /** Smooth "spectra": two bands on a sloping, wavy baseline; the target is the bands alone. */
    static List<double[][]> pairs(int n, long seed) {
        Random rnd = new Random(seed);
        List<double[][]> list = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            double c1 = 15 + 10 * rnd.nextDouble();
            double c2 = 40 + 10 * rnd.nextDouble();
            double h2 = 0.3 + 0.6 * rnd.nextDouble();
            double slope = rnd.nextDouble();
            double wave = 0.5 * rnd.nextDouble();
            double[] raw = new double[POINTS];
            double[] truth = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                truth[i] = Math.exp(-Math.pow((i - c1) / 3, 2)) + h2 * Math.exp(-Math.pow((i - c2) / 4, 2));
                raw[i] = truth[i] + slope * i / POINTS + wave * Math.sin(i / 9.0) + 0.01 * rnd.nextGaussian();
            }
            list.add(new double[][] {raw, truth});
        }
        return list;
    }

    static Trainer.Result train(NetworkArchitecture arch, int epochs) throws IOException {
        List<double[][]> data = pairs(240, 7);
        Trainer trainer = new Trainer(new Trainer.Settings(arch, epochs, 32, 3e-3, 0.2, 50, 11), AXIS);
        return trainer.train(data.stream().map(p -> p[0]).toList(), data.stream().map(p -> p[1]).toList(), null, false,
                new Trainer.Listener() {
                    @Override
                    public void step(long done, long total) {
                    }

                    @Override
                    public void epoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best) {
                    }
                });
    }

    /** Saves and loads the trained network; the loaded one must give exactly the same corrections. */
    void roundTrip(NetworkArchitecture arch, Trainer.Result result) throws IOException {
        Trainer trainer = new Trainer(new Trainer.Settings(arch, 1, 32, 1e-3, 0.2, 5, 11), AXIS);
        Path file = dir.resolve(arch.kind().label() + ".zip");
        ModelStore.save(result.network(), trainer.metadata(result, Map.of("pairs", 240)), file, false);
        CorrectionModel loaded = ModelStore.load(file);
        assertEquals(arch.kind().label(), loaded.metadata().architecture().kind());
        assertEquals(arch.describe(), loaded.metadata().architecture().description());
        CorrectionModel original = new CorrectionModel(result.network(), loaded.metadata());
        List<double[][]> test = pairs(5, 99);
        double[] x = new double[5 * POINTS];
        for (int i = 0; i < 5; i++) System.arraycopy(test.get(i)[0], 0, x, i * POINTS, POINTS);
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        original.replica().correct(x, 0, 5, a, 0);
        loaded.replica().correct(x, 0, 5, b, 0);
        assertArrayEquals(a, b, 0.0);
        for (double v : a) assertTrue(Double.isFinite(v));
    }

    @Test
    void pcaNetworkKeepsItsCompressionFixedLearnsAndRoundTrips() throws IOException {
        NetworkArchitecture arch = NetworkArchitecture.pca(POINTS, 8, List.of(16, 16));
        assertEquals("64-pca8-16-16-pca8-64 elu/identity, mse", arch.describe());
        // What the trainer sets before the first step, reproduced from the same split and seed:
        Trainer.Result one = train(arch, 1);
        Trainer.Result result = train(arch, 30);
        MultiLayerNetwork net = result.network();
        int decoder = NetworkFactory.pcaDecoder(arch);
        assertEquals(one.network().getLayer(0).getParam("W"), net.getLayer(0).getParam("W"), "the input projection stays fixed");
        assertEquals(one.network().getLayer(decoder).getParam("W"), net.getLayer(decoder).getParam("W"), "the expansion stays fixed");
        assertEquals(one.network().getLayer(decoder).getParam("b"), net.getLayer(decoder).getParam("b"));
        assertTrue(!one.network().getLayer(1).getParam("W").equals(net.getLayer(1).getParam("W")), "the hidden layers train");
        assertTrue(result.validation().get("meanPearsonR") > 0.9, "it learns the bands: " + result.validation());
        // The stability analysis records trainable layers only.
        assertThrows(IllegalArgumentException.class, () -> io.descatter.dynamics.CorrectionStability.requireLayer(net, 0));
        assertThrows(IllegalArgumentException.class, () -> io.descatter.dynamics.CorrectionStability.requireLayer(net, decoder));
        io.descatter.dynamics.CorrectionStability.requireLayer(net, 1);
        roundTrip(arch, result);
    }

    @Test
    void pcaBasisIsOrthonormalAndDiagonalisesTheData() {
        List<double[][]> data = pairs(300, 3);
        INDArray x = Nd4j.create(data.stream().map(p -> p[0]).toArray(double[][]::new)).castTo(DataType.FLOAT);
        PcaCompression.Basis b = PcaCompression.basis(x, 5);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double dot = 0;
                for (int k = 0; k < POINTS; k++) dot += b.components()[i][k] * b.components()[j][k];
                assertEquals(i == j ? 1 : 0, dot, 1e-9);
            }
            if (i > 0) assertTrue(b.sd()[i] <= b.sd()[i - 1], "ordered by variance");
            // The variance of the scores along a component is its eigenvalue.
            double sum = 0;
            double sq = 0;
            for (double[][] p : data) {
                double s = 0;
                for (int k = 0; k < POINTS; k++) s += ((float) p[0][k] - b.mean()[k]) * b.components()[i][k];
                sum += s;
                sq += s * s;
            }
            assertEquals(0, sum / data.size(), 1e-4);
            assertEquals(b.sd()[i] * b.sd()[i], sq / (data.size() - 1), 1e-4 * b.sd()[0] * b.sd()[0]);
        }
    }

    @Test
    void convolutionalEncoderDecoderTrainsAndRoundTrips() throws IOException {
        NetworkArchitecture arch = NetworkArchitecture.conv(POINTS, List.of(4, 8), 5, List.of(16));
        assertEquals("64-conv4,8k5-16-upconv8,4k5-64 elu/identity, mse", arch.describe());
        MultiLayerNetwork fresh = NetworkFactory.network(arch, 1, new Adam(1e-3), DataType.FLOAT);
        assertEquals(POINTS, NetworkFactory.inputWidth(fresh));
        assertArrayEquals(new long[] {3, POINTS}, fresh.output(Nd4j.rand(DataType.FLOAT, 3, POINTS)).shape());
        Trainer.Result result = train(arch, 8);
        assertTrue(result.validation().get("meanPearsonR") > 0.7, "it learns the bands: " + result.validation());
        roundTrip(arch, result);
    }

    @Test
    void convolutionalEncoderDecoderWithoutBottleneckBuilds() {
        NetworkArchitecture arch = NetworkArchitecture.conv(POINTS, List.of(4, 4, 4), 3, List.of());
        MultiLayerNetwork net = NetworkFactory.network(arch, 1, new Adam(1e-3), DataType.FLOAT);
        assertArrayEquals(new long[] {2, POINTS}, net.output(Nd4j.rand(DataType.FLOAT, 2, POINTS)).shape());
    }

    @Test
    void impossibleShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NetworkArchitecture.conv(66, List.of(4, 8), 5, List.of(16)),
                "66 points do not halve twice");
        assertThrows(IllegalArgumentException.class, () -> NetworkArchitecture.conv(64, List.of(), 5, List.of(16)));
        assertThrows(IllegalArgumentException.class, () -> NetworkArchitecture.pca(64, 65, List.of(16)));
        assertThrows(IllegalArgumentException.class, () -> NetworkArchitecture.pca(64, 0, List.of(16)));
    }
}
