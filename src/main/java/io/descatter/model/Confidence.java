package io.descatter.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * How unlike the network's training inputs a raw spectrum is: an out-of-distribution score computed from the
 * training inputs at training time and stored in the model (docs/MODEL.md, "Confidence"). The network is exact only
 * on spectra like those it was trained on; on others it silently rewrites chemistry, and this score says so.
 *
 * <p>Each input is standardised as the network sees it ({@link SpectrumNormalisation}) and projected on the first
 * {@link #COMPONENTS} principal components of the standardised training inputs. Four statistics, each measured in units of
 * its spread over the training inputs (0 at their median, 1 at their 99th percentile), and the largest counts:
 * <ul>
 * <li><b>residual</b>: the part outside that subspace, ‖r‖/‖x‖ (shuffled points, noise, any foreign shape);</li>
 * <li><b>excess residual</b>: the same less what white noise of the spectrum's own level (from its second
 * differences) leaves there: smooth shapes the training inputs never had (chemistry unlike the training data);</li>
 * <li><b>mirror</b>: minus the whitened scores' projection on the whitened mean, the direction that best separates the
 * inputs from their mirror image (negated spectra, which a centred subspace alone cannot tell from absorbance);</li>
 * <li><b>band polarity</b>: minus the spectrum's projection on the training mean's band pattern (the mean less its
 * {@value #POLARITY_WINDOW_CM}-cm⁻¹ moving average, so that no baseline counts): bands pointing down, as in transmittance,
 * whatever the scattering does to the baseline.</li>
 * </ul>
 * The score is that maximum divided by its {@link #CALIBRATION_QUANTILE} quantile over the validation inputs (spectra
 * of the training distribution that the PCA did not see), so a score of 1 is the flag threshold and about 2 % of
 * spectra like the training inputs lie above it.
 */
public final class Confidence {
    /** Principal components of the subspace (measured: 32 separates better than 16, 64 or 96 and costs a third of 96). */
    public static final int COMPONENTS = 32;
    /** Quantile of the validation inputs' statistic at which the score is 1. */
    public static final double CALIBRATION_QUANTILE = 0.98;
    /** Scores above this are flagged. */
    public static final double DEFAULT_THRESHOLD = 1.0;
    /** Width of the moving average that takes the baseline out of the band-polarity template. */
    public static final double POLARITY_WINDOW_CM = 30;
    /** What the score is, in a line, for the model file. */
    public static final String DESCRIPTION = "max over (residual outside the first k principal components of the standardised "
            + "training inputs, the same less white noise, whitened projection on the mirror image of the mean, projection on the "
            + "mean's inverted band pattern), each 0 at its training median and 1 at its training 99th percentile; divided by the "
            + "validation inputs' 98th percentile of that maximum; flagged above the threshold";
    private static final int STATISTICS = 4;

    private final float[] mean;
    /** k rows of {@code points} values, orthonormal. */
    private final float[] components;
    private final double[] sd;
    private final Calibration calibration;
    private final int points;
    private final int k;
    private final int window;
    /** The band-polarity template: the mean less its moving average, unit length. */
    private final float[] polarity;
    /** The components times the mean, in double: the scores of x − mean are components·x − this. */
    private final double[] componentsDotMean;
    /** The unit whitened mean divided by the standard deviations: u = Σ (components·x − c·mean)_j · mirror_j. */
    private final double[] mirror;

    /**
     * What turns the three statistics into the score, and how the training and validation inputs scored.
     *
     * @param median the training inputs' median of each statistic (residual, excess residual, mirror, band polarity)
     * @param q99 their 99th percentiles
     * @param scale the validation inputs' {@link #CALIBRATION_QUANTILE} quantile of the largest normalised statistic
     * @param threshold scores above it are flagged
     * @param trainingQuantiles the training inputs' scores at 50, 90, 95, 98, 99 % and their maximum
     * @param validationQuantiles the validation inputs' scores, likewise
     */
    public record Calibration(double[] median, double[] q99, double scale, double threshold, Map<String, Double> trainingQuantiles,
            Map<String, Double> validationQuantiles) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Calibration c && Arrays.equals(median, c.median) && Arrays.equals(q99, c.q99) && scale == c.scale
                    && threshold == c.threshold && trainingQuantiles.equals(c.trainingQuantiles)
                    && validationQuantiles.equals(c.validationQuantiles);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(q99);
        }
    }

    /**
     * @param mean the standardised training inputs' mean, {@code points} values
     * @param components k unit principal components, row after row
     * @param sd their standard deviations
     * @param window points of the moving average of the band-polarity template (odd)
     */
    public Confidence(float[] mean, float[] components, double[] sd, int window, Calibration calibration) {
        this.points = mean.length;
        this.k = sd.length;
        this.window = window;
        if (window < 3 || window % 2 == 0) throw new IllegalArgumentException("confidence data: band window " + window + " is not odd ≥ 3");
        if (k < 1 || components.length != k * points) {
            throw new IllegalArgumentException("confidence data: " + components.length + " component values for " + k + " × " + points);
        }
        this.mean = mean.clone();
        this.components = components.clone();
        this.sd = sd.clone();
        this.calibration = calibration;
        componentsDotMean = new double[k];
        double[] whitenedMean = new double[k];
        double norm = 0;
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int i = 0; i < points; i++) s += (double) components[j * points + i] * mean[i];
            componentsDotMean[j] = s;
            whitenedMean[j] = s / sd[j];
            norm += whitenedMean[j] * whitenedMean[j];
        }
        norm = Math.sqrt(norm);
        mirror = new double[k];
        for (int j = 0; j < k; j++) mirror[j] = norm > 0 ? whitenedMean[j] / norm / sd[j] : 0;
        polarity = bandPattern(mean, window);
    }

    /** The mean less its centred moving average of {@code window} points, unit length; zero within a window of the ends. */
    private static float[] bandPattern(float[] mean, int window) {
        int p = mean.length;
        int h = window / 2;
        double[] g = new double[p];
        double norm = 0;
        for (int i = window; i < p - window; i++) {
            double avg = 0;
            for (int j = i - h; j <= i + h; j++) avg += mean[j];
            g[i] = mean[i] - avg / window;
            norm += g[i] * g[i];
        }
        float[] out = new float[p];
        if (norm > 0) for (int i = 0; i < p; i++) out[i] = (float) (g[i] / Math.sqrt(norm));
        return out;
    }

    /** The band-polarity window in points for an axis of {@code points} values over {@code span} cm⁻¹: odd, at least 3. */
    static int windowFor(int points, double span) {
        double spacing = span / Math.max(1, points - 1);
        int w = (int) Math.round(POLARITY_WINDOW_CM / spacing);
        if (w % 2 == 0) w++;
        return Math.max(3, w);
    }

    /**
     * Fits the score to standardised training inputs (rows) on an axis spanning {@code span} cm⁻¹ and calibrates it on the
     * validation inputs.
     */
    public static Confidence fit(INDArray train, INDArray validation, double span) {
        return fit(train, validation, span, null);
    }

    /** As {@link #fit(INDArray, INDArray, double)}, reusing principal components already computed from {@code train}. */
    static Confidence fit(INDArray train, INDArray validation, double span, PcaCompression.Basis basis) {
        int p = (int) train.columns();
        int k = Math.min(COMPONENTS, Math.min((int) train.rows() - 1, p - 1));
        if (k < 1) throw new IllegalArgumentException("confidence needs at least two training spectra");
        if (basis == null || basis.components().length < k) basis = PcaCompression.basis(train, k);
        float[] mean = new float[p];
        for (int i = 0; i < p; i++) mean[i] = (float) basis.mean()[i];
        float[] comps = new float[k * p];
        for (int j = 0; j < k; j++) for (int i = 0; i < p; i++) comps[j * p + i] = (float) basis.components()[j][i];
        double[] sd = Arrays.copyOf(basis.sd(), k);
        int window = windowFor(p, span);
        Confidence raw = new Confidence(mean, comps, sd, window, null);
        double[][] t = raw.statistics(train);
        double[] median = new double[STATISTICS];
        double[] q99 = new double[STATISTICS];
        for (int s = 0; s < STATISTICS; s++) {
            median[s] = quantile(column(t, s), 0.5);
            q99[s] = quantile(column(t, s), 0.99);
            if (!(q99[s] > median[s])) q99[s] = median[s] + Double.MIN_NORMAL; // no spread at all (e.g. no residual)
        }
        double[] worstVal = worst(raw.statistics(validation), median, q99);
        double scale = quantile(worstVal, CALIBRATION_QUANTILE);
        if (!(scale > 0)) scale = 1;
        double[] trainScores = worst(t, median, q99);
        for (int i = 0; i < trainScores.length; i++) trainScores[i] /= scale;
        for (int i = 0; i < worstVal.length; i++) worstVal[i] /= scale;
        Calibration c = new Calibration(median, q99, scale, DEFAULT_THRESHOLD, summary(trainScores), summary(worstVal));
        return new Confidence(mean, comps, sd, window, c);
    }

    public Calibration calibration() { return calibration; }

    public float[] mean() { return mean.clone(); }

    public float[] components() { return components.clone(); }

    public double[] sd() { return sd.clone(); }

    public int points() { return points; }

    public int k() { return k; }

    public int window() { return window; }

    public double threshold() { return calibration.threshold(); }

    public boolean flags(double score) {
        return !(score <= calibration.threshold()); // NaN (an unusable spectrum) is flagged
    }

    /**
     * Whether a dense layer (weights points × K, bias 1 × K) computes this score's whitened projections in its first
     * {@link #k()} outputs: weight column j = component j / s.d. j and bias j = −mean · that column, as the frozen
     * first layer of a PCA network trained with this confidence data has (float rounding allowed). The scorer can then
     * take that layer's output instead of computing the projections again ({@link Scorer#score}).
     */
    public boolean projectedBy(INDArray weights, INDArray bias) {
        if (weights == null || bias == null || weights.rows() != points || weights.columns() < k) return false;
        float[][] w = weights.castTo(DataType.FLOAT).toFloatMatrix();
        float[] b = bias.castTo(DataType.FLOAT).toFloatVector();
        for (int j = 0; j < k; j++) {
            double largest = 0;
            double meanDot = 0;
            double meanScale = 0;
            for (int i = 0; i < points; i++) largest = Math.max(largest, Math.abs(components[j * points + i]));
            for (int i = 0; i < points; i++) {
                double c = (double) w[i][j] * sd[j];
                if (Math.abs(c - components[j * points + i]) > 1e-5 * largest) return false;
                meanDot += (double) mean[i] * w[i][j];
                meanScale += Math.abs((double) mean[i] * w[i][j]);
            }
            if (Math.abs(b[j] + meanDot) > 1e-5 * Math.max(meanScale, 1)) return false;
        }
        return true;
    }

    /** A scorer for one thread. */
    public Scorer scorer() {
        return new Scorer();
    }

    /** Scores all rows of a standardised input array (in batches, with the same arithmetic as {@link Scorer}). */
    public double[] scores(INDArray standardised) {
        double[][] s = statistics(standardised);
        double[] out = new double[s.length];
        for (int r = 0; r < s.length; r++) out[r] = score(s[r]);
        return out;
    }

    private double score(double[] stats) {
        return worst(stats, calibration.median(), calibration.q99()) / calibration.scale();
    }

    private static double worst(double[] stats, double[] median, double[] q99) {
        double w = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < STATISTICS; s++) w = Math.max(w, (stats[s] - median[s]) / (q99[s] - median[s]));
        return Double.isNaN(stats[0]) ? Double.NaN : w;
    }

    private double[][] statistics(INDArray x) {
        int n = (int) x.rows();
        double[][] out = new double[n][];
        Scorer scorer = new Scorer();
        int batch = 1024;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            INDArray rows = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).castTo(DataType.FLOAT).dup('c');
            float[] values = rows.data().asFloat();
            double[][] s = scorer.statistics(rows, values, to - from);
            System.arraycopy(s, 0, out, from, to - from);
        }
        return out;
    }

    private static double[] worst(double[][] stats, double[] median, double[] q99) {
        double[] w = new double[stats.length];
        for (int r = 0; r < stats.length; r++) w[r] = worst(stats[r], median, q99);
        return w;
    }

    private static double[] column(double[][] a, int c) {
        double[] v = new double[a.length];
        for (int i = 0; i < a.length; i++) v[i] = a[i][c];
        return v;
    }

    /** The q quantile (linear between order statistics), NaNs left out. */
    static double quantile(double[] values, double q) {
        double[] s = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (s.length == 0) return Double.NaN;
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static Map<String, Double> summary(double[] scores) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("spectra", (double) scores.length);
        for (double q : new double[] {0.5, 0.9, 0.95, 0.98, 0.99}) m.put("q" + Math.round(q * 100), quantile(scores, q));
        m.put("max", quantile(scores, 1));
        return m;
    }

    /**
     * Scores batches of standardised spectra on one thread (not thread-safe): one k × points product per spectrum, in a
     * single ND4J gemm per batch, and two passes over the values.
     */
    public final class Scorer {
        /** The components: one product per batch gives the scores (unless the network's first layer has). */
        private final INDArray basis = Nd4j.create(components, new long[] {k, points}, 'c');
        private float[] w = new float[0];
        private final double meanSquared = squaredNorm(mean);
        private INDArray projections;
        private float[] z = new float[0];
        /** Per row of the batch: x·band pattern, x·mean and Σ (second difference of x)², from one pass over the row. */
        private double[] sums = new double[0];

        private Scorer() {
        }

        /**
         * Scores {@code rows} standardised spectra held both as a C-order float array {@code x} (rows × points) and as
         * its values {@code xs}; writes the scores into {@code out} from {@code outOff}.
         */
        public void score(INDArray x, float[] xs, int rows, double[] out, int outOff) {
            score(x, xs, rows, null, out, outOff);
        }

        /**
         * As {@link #score(INDArray, float[], int, double[], int)}, taking the whitened projections from {@code whitened}
         * (rows × at least k, Fortran order: the output of a first layer that {@link #projectedBy} accepted) instead of
         * computing them; null computes them.
         */
        public void score(INDArray x, float[] xs, int rows, INDArray whitened, double[] out, int outOff) {
            score(x, xs, rows, whitened, false, out, outOff);
        }

        /**
         * As {@link #score(INDArray, float[], int, INDArray, double[], int)}; {@code rowsPrepared}: {@link #prepareRow}
         * has already been called for every row of this batch.
         */
        public void score(INDArray x, float[] xs, int rows, INDArray whitened, boolean rowsPrepared, double[] out, int outOff) {
            double[][] s = statistics(x, xs, rows, whitened, rowsPrepared);
            for (int r = 0; r < rows; r++) out[outOff + r] = Confidence.this.score(s[r]);
        }

        /**
         * The one pass over row {@code r} of the batch (its values from {@code off} in {@code xs}) that the score needs
         * besides the projections: for a caller that has the row in the cache anyway (the correction's output stage).
         */
        public void prepareRow(float[] xs, int off, int r) {
            if (sums.length < 3 * (r + 1)) sums = Arrays.copyOf(sums, Math.max(3 * (r + 1), 2 * sums.length));
            rowSums(xs, off, r);
        }

        /**
         * x·band pattern, x·mean and Σ (second difference of x)² of one row into {@link #sums} at {@code 3·r}, in one pass
         * with two sums of each side by side: Java does not vectorise floating-point sums, and one chain of dependent
         * additions per sum would set the pace.
         */
        private void rowSums(float[] xs, int off, int r) {
            float[] pol = polarity;
            float[] m = mean;
            double p0 = 0, p1 = 0, m0 = 0, m1 = 0, c0 = 0, c1 = 0;
            double x0 = xs[off];
            p0 += x0 * pol[0];
            m0 += x0 * m[0];
            int j = 1;
            for (; j + 2 < points; j += 2) {
                double xa = xs[off + j];
                double xb = xs[off + j + 1];
                double ba = (double) xs[off + j + 1] - 2.0 * xa + xs[off + j - 1];
                double bb = (double) xs[off + j + 2] - 2.0 * xb + xa;
                p0 += xa * pol[j];
                p1 += xb * pol[j + 1];
                m0 += xa * m[j];
                m1 += xb * m[j + 1];
                c0 += ba * ba;
                c1 += bb * bb;
            }
            for (; j < points; j++) {
                double x = xs[off + j];
                p0 += x * pol[j];
                m0 += x * m[j];
                if (j + 1 < points) {
                    double b = (double) xs[off + j + 1] - 2.0 * x + xs[off + j - 1];
                    c0 += b * b;
                }
            }
            sums[3 * r] = p0 + p1;
            sums[3 * r + 1] = m0 + m1;
            sums[3 * r + 2] = c0 + c1;
        }

        /** Σ (second difference)² of row {@code r} of the batch, once {@link #prepareRow} has read it. */
        public double secondDifferenceEnergy(int r) {
            return sums[3 * r + 2];
        }

        private static double squaredNorm(float[] v) {
            double s = 0;
            for (float x : v) s += (double) x * x;
            return s;
        }

        /** Per row: residual, excess residual, mirror statistic, band polarity. */
        double[][] statistics(INDArray x, float[] xs, int rows) {
            return statistics(x, xs, rows, null, false);
        }

        private double[][] statistics(INDArray x, float[] xs, int rows, INDArray whitened, boolean rowsPrepared) {
            boolean own = whitened == null;
            if (own) {
                if (projections == null || projections.rows() != rows) {
                    projections = Nd4j.create(DataType.FLOAT, new long[] {rows, k}, 'c');
                    z = new float[rows * k];
                }
                Nd4j.gemm(x, basis, projections, false, true, 1.0, 0.0);
                projections.data().asNioFloat().get(z, 0, rows * k);
            } else {
                if (w.length < rows * k) w = new float[rows * k];
                whitened.data().asNioFloat().get(w, 0, rows * k); // Fortran order: the first k columns come first
            }
            if (!rowsPrepared) {
                if (sums.length < 3 * rows) sums = new double[3 * rows];
                for (int r = 0; r < rows; r++) rowSums(xs, r * points, r);
            }
            double[][] out = new double[rows][];
            for (int r = 0; r < rows; r++) {
                int off = r * points;
                int zr = r * k;
                double curvature = sums[3 * r + 2];
                double xx = curvature == 0 && xs[off] == 0 ? 0 : points; // a constant spectrum standardises to zeros
                double dd = xx - 2 * sums[3 * r + 1] + meanSquared;
                double zz = 0;
                double u = 0;
                for (int j = 0; j < k; j++) {
                    double zj = own ? z[zr + j] - componentsDotMean[j] : w[j * rows + r] * sd[j];
                    zz += zj * zj;
                    u += zj * mirror[j];
                }
                // The second difference of white noise of variance σ² has variance 6σ²; it leaves (p − k)/p of its energy
                // outside the subspace.
                double noise = points > 2 ? curvature / (points - 2) / 6 : 0;
                double residual2 = Math.max(0, dd - zz) / points;
                double bandsDown = -sums[3 * r] / Math.sqrt(points);
                out[r] = new double[] {Math.sqrt(residual2), Math.sqrt(Math.max(0, residual2 - noise * (points - k) / points)), -u, bandsDown};
            }
            return out;
        }
    }
}
