package io.descatter.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The output mode that keeps the measured spectrum's own fine structure: the corrected spectrum is the standardised
 * input's detail (bands and noise narrower than about {@link #sigmaPoints()} points) plus what the network predicts,
 * which is the corrected spectrum's broad shape minus the detail that scattering put into the input (the resonant Mie
 * ripples). The network therefore never has to reproduce a band from its training chemistry: a band the simulator
 * never made, or a ratio unlike its priors, passes from the input to the output as it was measured. ME-EMSC keeps the
 * measured detail in the same way (its residual stays in the corrected spectrum), noise included.
 *
 * <p>Broad shape = three passes of a {@link #width()}-point moving average (close to a Gaussian of s.d.
 * {@code √((width² − 1)/4)} points), the spectrum mirrored about its end points so the edges need no padding
 * values; detail = spectrum − broad shape. Training targets ({@link #target}) and corrections ({@link #output}) use
 * the same arithmetic, so a model reproduces what it was trained on.
 *
 * @param width points of each moving average: odd, at least 3
 */
public record DetailPassThrough(int width) {
    /** The peak of the output is measured after a moving average of this many points, so noise does not set the scale. */
    static final int PEAK_SMOOTHING = 5;

    public DetailPassThrough {
        if (width < 3 || width % 2 == 0) throw new IllegalArgumentException("the moving average needs an odd width of at least 3 points: " + width);
    }

    /** The pass-through whose broad shape is close to a Gaussian smoothing of s.d. {@code sigma} points. */
    public static DetailPassThrough ofSigmaPoints(double sigma) {
        if (!(sigma >= 1)) throw new IllegalArgumentException("the detail scale must be at least one point: " + sigma);
        int w = (int) Math.round(Math.sqrt(4 * sigma * sigma + 1));
        return new DetailPassThrough(w % 2 == 0 ? w + 1 : w);
    }

    /** The s.d., in points, of the Gaussian that the three moving averages approximate. */
    @JsonIgnore
    public double sigmaPoints() {
        return Math.sqrt((width * (double) width - 1) / 4);
    }

    /** The shortest spectrum this applies to: the mirrored margin must lie inside it. */
    @JsonIgnore
    public int minimumPoints() {
        return 3 * (width / 2) + 1;
    }

    /** A not thread-safe worker with its own buffers, for spectra of {@code points} points. */
    public Filter filter(int points) {
        if (points < minimumPoints()) {
            throw new IllegalArgumentException("a detail width of " + width + " points needs spectra of at least " + minimumPoints()
                    + " points: " + points);
        }
        return new Filter(points);
    }

    /** The arithmetic on one spectrum at a time. */
    public final class Filter {
        private final int points;
        private final double[] padded;
        private final double[] broad;
        private final double[] sums;

        private Filter(int points) {
            this.points = points;
            this.padded = new double[points + 6 * (width / 2)];
            this.sums = new double[padded.length + 1];
            this.broad = new double[points];
        }

        /** The broad shape of {@code n = points} values of {@code src} from {@code off} (valid until the next call). */
        double[] broad(float[] src, int off) {
            int margin = 3 * (width / 2);
            for (int i = 0; i < margin; i++) padded[i] = src[off + margin - i]; // mirrored about the first point
            for (int j = 0; j < points; j++) padded[margin + j] = src[off + j];
            for (int i = 0; i < margin; i++) padded[margin + points + i] = src[off + points - 2 - i]; // about the last
            return smoothPadded();
        }

        /** As {@link #broad(float[], int)} for double values. */
        double[] broad(double[] src, int off) {
            int margin = 3 * (width / 2);
            for (int i = 0; i < margin; i++) padded[i] = src[off + margin - i];
            System.arraycopy(src, off, padded, margin, points);
            for (int i = 0; i < margin; i++) padded[margin + points + i] = src[off + points - 2 - i];
            return smoothPadded();
        }

        /**
         * How large {@code truth} stands in {@code raw}: the least-squares factor of the truth's detail in the raw
         * spectrum's detail. The scale for {@link #target} where no physical one is known (measured spectra and their
         * ME-EMSC correction, whose b goes with its own decomposition of the scattering); on simulated pairs it is
         * within 0.96–1.08 of the simulator's b for half of them (median 1.00). NaN where the truth has no detail.
         */
        public double scaleOf(double[] raw, double[] truth) {
            double[] b = broad(truth, 0);
            double[] dt = new double[points];
            for (int i = 0; i < points; i++) dt[i] = truth[i] - b[i];
            b = broad(raw, 0);
            double cross = 0;
            double norm = 0;
            for (int i = 0; i < points; i++) {
                cross += (raw[i] - b[i]) * dt[i];
                norm += dt[i] * dt[i];
            }
            return norm > 0 ? cross / norm : Double.NaN;
        }

        private double[] smoothPadded() {
            int length = padded.length;
            for (int pass = 0; pass < 3; pass++) {
                prefixSums(padded, length, sums);
                int out = length - width + 1;
                for (int i = 0; i < out; i++) padded[i] = sums[i + width] - sums[i]; // moving sums; divided once below
                length = out;
            }
            double scale = 1.0 / ((double) width * width * width);
            for (int j = 0; j < points; j++) broad[j] = padded[j] * scale;
            return broad;
        }

        /**
         * The network's training target for a standardised input {@code z} and its truth {@code t}:
         * {@code scale·t − detail(z)}, where {@code scale} is the size of {@code t} in {@code z} (raw ≈ b·t + …, so
         * scale = b / s.d. of the raw spectrum).
         */
        public void target(float[] z, int zOff, double[] truth, double scale, float[] dst, int dstOff) {
            double[] b = broad(z, zOff);
            for (int i = 0; i < points; i++) dst[dstOff + i] = (float) (scale * truth[i] - (z[zOff + i] - b[i]));
        }

        /**
         * The corrected spectrum from a standardised input {@code z} and the network's output {@code net}: detail(z) +
         * net, divided by its peak (after a {@value #PEAK_SMOOTHING}-point moving average), the scale of the training truths.
         */
        public void output(float[] z, int zOff, float[] net, int netOff, double[] dst, int dstOff) {
            double[] b = broad(z, zOff);
            for (int i = 0; i < points; i++) dst[dstOff + i] = z[zOff + i] - b[i] + net[netOff + i];
            double peak = peak(dst, dstOff, points);
            double inv = peak > 0 ? 1 / peak : 1; // no positive band: left on the standardised scale
            for (int i = 0; i < points; i++) dst[dstOff + i] *= inv;
        }
    }

    /**
     * {@code sums[i]} = the sum of the first {@code i} of {@code n} values, {@code i} = 0..n. Four quarters are summed
     * side by side and then offset: one running sum is a chain of dependent additions, which would cost the latency of
     * an addition per point (the three passes of a spectrum took longer than the network's own arithmetic).
     */
    static void prefixSums(double[] v, int n, double[] sums) {
        int m = n / 4;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        sums[0] = 0;
        for (int j = 0; j < m; j++) {
            s0 += v[j];
            sums[j + 1] = s0;
            s1 += v[m + j];
            sums[m + j + 1] = s1;
            s2 += v[2 * m + j];
            sums[2 * m + j + 1] = s2;
            s3 += v[3 * m + j];
            sums[3 * m + j + 1] = s3;
        }
        for (int i = 4 * m; i < n; i++) {
            s3 += v[i];
            sums[i + 1] = s3;
        }
        double o1 = s0;
        double o2 = o1 + sums[2 * m];
        double o3 = o2 + sums[3 * m];
        for (int i = m + 1; i <= 2 * m; i++) sums[i] += o1;
        for (int i = 2 * m + 1; i <= 3 * m; i++) sums[i] += o2;
        for (int i = 3 * m + 1; i <= n; i++) sums[i] += o3;
    }

    /** The largest {@value #PEAK_SMOOTHING}-point moving average of {@code n} values from {@code off}. */
    static double peak(double[] v, int off, int n) {
        int k = Math.min(PEAK_SMOOTHING, n);
        double sum = 0;
        for (int i = 0; i < k; i++) sum += v[off + i];
        double best = sum;
        for (int i = k; i < n; i++) {
            sum += v[off + i] - v[off + i - k];
            best = Math.max(best, sum);
        }
        return best / k;
    }
}
