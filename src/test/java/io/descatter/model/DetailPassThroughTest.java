package io.descatter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.descatter.spectra.WavenumberAxis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detail pass-through: its filter against a plain convolution, its round trip, and a model that uses it. */
class DetailPassThroughTest {
    @TempDir
    Path dir;

    /** The broad shape by definition: the mirrored spectrum convolved with box * box * box, summed term by term. */
    private static double[] broadByConvolution(float[] z, int width) {
        double[] box = new double[width];
        java.util.Arrays.fill(box, 1.0 / width);
        double[] kernel = convolve(convolve(box, box), box);
        int n = z.length;
        int half = kernel.length / 2;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < kernel.length; k++) {
                int j = i + k - half;
                if (j < 0) j = -j;
                else if (j >= n) j = 2 * (n - 1) - j;
                s += kernel[k] * z[j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double[] convolve(double[] a, double[] b) {
        double[] c = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < b.length; j++) c[i + j] += a[i] * b[j];
        return c;
    }

    private static float[] noisyBands(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) (Math.exp(-0.5 * Math.pow((i - 0.3 * n) / 6.0, 2)) + 0.5 * Math.exp(-0.5 * Math.pow((i - 0.7 * n) / 40.0, 2))
                    + 0.002 * i + 0.05 * rnd.nextGaussian());
        }
        return z;
    }

    @Test
    void theBroadShapeIsTheMirroredSpectrumConvolvedWithThreeMovingAverages() {
        for (int width : new int[] {3, 11, 101}) {
            float[] z = noisyBands(400, width);
            double[] expected = broadByConvolution(z, width);
            double[] got = new DetailPassThrough(width).filter(z.length).broad(z, 0);
            for (int i = 0; i < z.length; i++) assertEquals(expected[i], got[i], 1e-9, "width " + width + ", point " + i);
        }
    }

    @Test
    void aStraightLineHasNoDetailAwayFromTheEdgesAndAConstantNoneAtAll() {
        DetailPassThrough d = new DetailPassThrough(21);
        float[] line = new float[200];
        float[] constant = new float[200];
        for (int i = 0; i < line.length; i++) {
            line[i] = 0.5f + 0.01f * i;
            constant[i] = 2.5f;
        }
        double[] b = d.filter(200).broad(line, 0);
        for (int i = 30; i < 170; i++) assertEquals(line[i], b[i], 1e-5, "point " + i); // the kernel is symmetric
        double[] c = d.filter(200).broad(constant, 0);
        for (int i = 0; i < 200; i++) assertEquals(2.5, c[i], 1e-6);
    }

    @Test
    void theOutputOfAPerfectTargetIsTheTruthAtUnitPeak() {
        int n = 300;
        DetailPassThrough.Filter f = new DetailPassThrough(41).filter(n);
        float[] z = noisyBands(n, 3);
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) truth[i] = 0.8 * Math.exp(-0.5 * Math.pow((i - 120) / 9.0, 2)) + 0.1;
        float[] target = new float[n];
        f.target(z, 0, truth, 3.7, target, 0);
        double[] out = new double[n];
        f.output(z, 0, target, 0, out, 0);
        double peak = DetailPassThrough.peak(truth, 0, n);
        for (int i = 0; i < n; i++) assertEquals(truth[i] / peak, out[i], 1e-5, "point " + i);
    }

    @Test
    void theScaleOfATruthInItsRawSpectrumComesFromTheirDetail() {
        int n = 400;
        double[] truth = new double[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = Math.exp(-0.5 * Math.pow((i - 150) / 8.0, 2)) + 0.4 * Math.exp(-0.5 * Math.pow((i - 260) / 5.0, 2));
            raw[i] = 2.5 * truth[i] + 0.3 + 0.5 * Math.sin(i / 90.0); // broad scattering and offset: no detail
        }
        assertEquals(2.5, new DetailPassThrough(41).filter(n).scaleOf(raw, truth), 0.02);
        assertTrue(Double.isNaN(new DetailPassThrough(41).filter(n).scaleOf(raw, new double[n])), "a flat truth has no detail");
    }

    @Test
    void widthsFollowTheGaussianTheyStandForAndBadOnesAreRefused() {
        // the peak: the largest 5-point moving average, anywhere in the values given
        double[] v = {9, 0, 0, 1, 2, 3, 4, 5, 0, 0, 9};
        assertEquals(3.0, DetailPassThrough.peak(v, 1, 9), 1e-12);
        assertEquals(3.6, DetailPassThrough.peak(v, 2, 9), 1e-12); // (4 + 5 + 0 + 0 + 9) / 5 at the end
        assertEquals(101, DetailPassThrough.ofSigmaPoints(50).width());
        assertEquals(50, DetailPassThrough.ofSigmaPoints(50).sigmaPoints(), 0.5); // the nearest odd width
        assertThrows(IllegalArgumentException.class, () -> new DetailPassThrough(4));
        assertThrows(IllegalArgumentException.class, () -> new DetailPassThrough(1));
        assertThrows(IllegalArgumentException.class, () -> new DetailPassThrough(101).filter(100));
    }

    @Test
    void aModelThatKeepsDetailPassesAnUnseenNarrowBandThroughAndSavesAsFormatTwo() throws IOException {
        int points = 120;
        WavenumberAxis axis = WavenumberAxis.regular(1000, 1000 + 4 * (points - 1), 4);
        SplittableRandom rnd = new SplittableRandom(11);
        List<double[]> raw = new ArrayList<>();
        List<double[]> truth = new ArrayList<>();
        double[] scales = new double[300];
        for (int s = 0; s < scales.length; s++) {
            double centre = rnd.nextDouble(30, 90);
            double b = rnd.nextDouble(0.5, 2);
            double tilt = rnd.nextDouble(-0.01, 0.01);
            double[] t = new double[points];
            double[] r = new double[points];
            for (int i = 0; i < points; i++) {
                t[i] = Math.exp(-0.5 * Math.pow((i - centre) / 12, 2));
                r[i] = b * t[i] + tilt * i + 0.3 + 0.002 * rnd.nextGaussian();
            }
            raw.add(r);
            truth.add(t);
            scales[s] = b;
        }
        Trainer.Settings settings = new Trainer.Settings(NetworkArchitecture.pca(points, 8, List.of(32)), 40, 16, 3e-3, 0.1, 40, 2)
                .withDetail(new DetailPassThrough(31));
        Trainer trainer = new Trainer(settings, axis);
        Trainer.Result result = trainer.train(raw, truth, scales, null, false, new Trainer.Listener() {
            @Override
            public void step(long done, long total) {
            }

            @Override
            public void epoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best) {
            }
        });
        assertTrue(result.validation().get("meanPearsonR") > 0.95, "validation r on the corrected spectra: " + result.validation());
        Path file = dir.resolve("detail.zip");
        ModelStore.save(result.network(), trainer.metadata(result, Map.of("pairs", 300)), file, false);
        CorrectionModel loaded = ModelStore.load(file);
        assertEquals(ModelMetadata.FORMAT_DETAIL, loaded.metadata().format());
        assertEquals(new DetailPassThrough(31), loaded.metadata().detail());

        // a band the training never had (narrow, at a fixed place) on top of a training-like spectrum
        double[] t = new double[points];
        double[] r = new double[points];
        for (int i = 0; i < points; i++) {
            t[i] = Math.exp(-0.5 * Math.pow((i - 50) / 12.0, 2)) + 0.4 * Math.exp(-0.5 * Math.pow((i - 95) / 2.0, 2));
            r[i] = 1.3 * t[i] + 0.004 * i + 0.3;
        }
        double[] out = new double[points];
        loaded.replica().correct(r, 0, 1, out, 0);
        double[] truthAtPeak = new double[points];
        double peak = DetailPassThrough.peak(t, 0, points);
        for (int i = 0; i < points; i++) truthAtPeak[i] = t[i] / peak;
        // the narrow band's height above its shoulders comes through (the network never saw one)
        double got = out[95] - 0.5 * (out[85] + out[105]);
        double want = truthAtPeak[95] - 0.5 * (truthAtPeak[85] + truthAtPeak[105]);
        assertEquals(want, got, 0.15 * want, "narrow band height: " + got + " vs " + want);
    }
}
