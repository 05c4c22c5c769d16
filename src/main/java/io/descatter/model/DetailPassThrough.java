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
        private final double[] work;
        /** The variance of the last {@link #output}'s values before its peak scaling. */
        private double outputVariance = Double.NaN;

        private Filter(int points) {
            this.points = points;
            this.padded = new double[points + 6 * (width / 2)];
            this.work = new double[padded.length];
            this.broad = new double[points];
        }

        /** The broad shape of {@code n = points} values of {@code src} from {@code off} (valid until the next call). */
        double[] broad(float[] src, int off) {
            pad(src, off);
            return smoothPadded();
        }

        /** The values into {@link #padded}, mirrored about the first and the last point. */
        private void pad(float[] src, int off) {
            int margin = 3 * (width / 2);
            for (int j = 0; j < points; j++) padded[margin + j] = src[off + j];
            mirrorEdges(margin);
        }

        /** As {@link #broad(float[], int)} for double values. */
        double[] broad(double[] src, int off) {
            int margin = 3 * (width / 2);
            System.arraycopy(src, off, padded, margin, points);
            mirrorEdges(margin);
            return smoothPadded();
        }

        /** The margins of {@link #padded} from the values already in it, mirrored about the first and the last point. */
        private void mirrorEdges(int margin) {
            for (int i = 0; i < margin; i++) {
                padded[i] = padded[2 * margin - i];
                padded[margin + points + i] = padded[margin + points - 2 - i];
            }
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
            double[] sums = movingSumsCubed();
            double scale = 1.0 / ((double) width * width * width);
            for (int j = 0; j < points; j++) broad[j] = sums[j] * scale;
            return broad;
        }

        /** The three passes of moving sums over {@link #padded}: the broad shape times width³, in the array returned. */
        private double[] movingSumsCubed() {
            int length = padded.length;
            double[] from = padded;
            double[] to = work;
            for (int pass = 0; pass < 3; pass++) {
                movingSums(from, length, width, to);
                length -= width - 1;
                double[] t = from;
                from = to;
                to = t;
            }
            return from;
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
         *
         * @return Σ detail(z)², the input's detail energy (the denominator of the {@link ScatteringShare share})
         */
        public double output(float[] z, int zOff, float[] net, int netOff, double[] dst, int dstOff) {
            pad(z, zOff);
            double[] sums = movingSumsCubed();
            double scale = 1.0 / ((double) width * width * width);
            double energy = 0;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < points; i++) {
                double d = z[zOff + i] - sums[i] * scale;
                energy += d * d;
                double v = d + net[netOff + i];
                sum += v;
                squares += v * v;
                dst[dstOff + i] = v;
            }
            double mean = sum / points;
            outputVariance = Math.max(0, squares / points - mean * mean);
            double peak = peak(dst, dstOff, points);
            double inv = peak > 0 ? 1 / peak : 1; // no positive band: left on the standardised scale
            for (int i = 0; i < points; i++) dst[dstOff + i] *= inv;
            return energy;
        }

        /**
         * The variance of the last {@link #output}'s corrected spectrum before its peak scaling, in the standardised
         * input's units (the signal of its {@link SignalToNoise signal-to-noise ratio}, whose noise the input's is).
         */
        public double outputVariance() {
            return outputVariance;
        }

        /**
         * Σ detail(v)² of the {@code points} values of {@code v} from {@code off}: for a network output, the detail it
         * removed as scattering (the numerator of the {@link ScatteringShare share}); another three passes of moving
         * averages, which {@link LatentShare} spares a dense network.
         */
        public double detailEnergy(float[] v, int off) {
            pad(v, off);
            double[] sums = movingSumsCubed();
            double scale = 1.0 / ((double) width * width * width);
            double energy = 0;
            for (int i = 0; i < points; i++) {
                double d = v[off + i] - sums[i] * scale;
                energy += d * d;
            }
            return energy;
        }

        /** The detail of {@code points} double values from {@code off} into {@code dst}. */
        void detail(double[] v, int off, double[] dst) {
            double[] b = broad(v, off);
            for (int i = 0; i < points; i++) dst[i] = v[off + i] - b[i];
        }
    }

    /**
     * The sums of {@code w} consecutive values of the first {@code length} of {@code v} into {@code out} (length − w + 1
     * of them). Four stretches slide side by side: one sliding sum is a chain of dependent additions, which would
     * cost the latency of an addition per point (the three passes of a spectrum then took longer than the network's
     * own arithmetic).
     */
    static void movingSums(double[] v, int length, int w, double[] out) {
        int n = length - w + 1;
        int q = n / 4;
        int b1 = q;
        int b2 = 2 * q;
        int b3 = 3 * q;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int k = 0; k < w; k++) {
            s0 += v[k];
            s1 += v[b1 + k];
            s2 += v[b2 + k];
            s3 += v[b3 + k];
        }
        for (int j = 0; j < q - 1; j++) {
            out[j] = s0;
            s0 += v[j + w] - v[j];
            out[b1 + j] = s1;
            s1 += v[b1 + j + w] - v[b1 + j];
            out[b2 + j] = s2;
            s2 += v[b2 + j + w] - v[b2 + j];
            out[b3 + j] = s3;
            s3 += v[b3 + j + w] - v[b3 + j];
        }
        if (q > 0) {
            out[q - 1] = s0;
            out[b2 - 1] = s1;
            out[b3 - 1] = s2;
        }
        // the fourth stretch runs on to the end
        for (int i = Math.max(4 * q - 1, 0); i < n; i++) {
            out[i] = s3;
            if (i + w < length) s3 += v[i + w] - v[i];
        }
    }

    /** The largest {@value #PEAK_SMOOTHING}-point moving average of {@code n} values from {@code off}. */
    static double peak(double[] v, int off, int n) {
        if (n < PEAK_SMOOTHING) {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += v[off + i];
            return sum / n;
        }
        double best = Double.NEGATIVE_INFINITY;
        // each window summed on its own: no chain of dependent additions through the spectrum
        for (int i = off; i <= off + n - PEAK_SMOOTHING; i++) {
            double sum = v[i] + v[i + 1] + v[i + 2] + v[i + 3] + v[i + 4];
            if (sum > best) best = sum;
        }
        return best / PEAK_SMOOTHING;
    }
}
