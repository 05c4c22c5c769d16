package io.descatter.emsc;

import io.descatter.physics.MieGrid;

/**
 * The settings of ME-EMSC; {@link #defaults()} are those of the MATLAB implementation (Solheim et al. 2019).
 *
 * @param radiusMin             smallest sphere radius, µm (2.0)
 * @param radiusMax             largest sphere radius, µm (7.1)
 * @param n0Min                 smallest real refractive index (1.1)
 * @param n0Max                 largest real refractive index (1.4)
 * @param steps                 number of (radius, n0) pairs, spaced evenly (10; the curves use steps² pairs)
 * @param h                     absorption parameter of the curves (0.25)
 * @param components            number of Mie loadings, or 0 to choose it by {@code explainedVariance} (0)
 * @param explainedVariance     cumulative explained variance in percent that the chosen number must exceed (99.96)
 * @param maxIterations         the most iterations (45; the Python ports use 30)
 * @param stopRule              when to stop before {@code maxIterations} (MATLAB)
 * @param tolerance             RMSE improvement that counts, for {@link StopRule#TOLERANCE} (1e-4)
 * @param patience              iterations without improvement allowed, for {@link StopRule#TOLERANCE} (1)
 * @param returned              which iterate is returned (LAST)
 * @param weighting             reference weights (NONE)
 * @param positiveReference     set negative parts of the reference estimate to zero (true)
 * @param normaliseReference    divide the reference by its maximum before interpolation (true)
 */
public record MeEmscOptions(
        double radiusMin,
        double radiusMax,
        double n0Min,
        double n0Max,
        int steps,
        double h,
        int components,
        double explainedVariance,
        int maxIterations,
        StopRule stopRule,
        double tolerance,
        int patience,
        ReturnedIterate returned,
        ReferenceWeighting weighting,
        boolean positiveReference,
        boolean normaliseReference) {

    public MeEmscOptions {
        MieGrid.of(radiusMin, radiusMax, n0Min, n0Max, steps, h); // validates the grid
        if (components < 0) throw new IllegalArgumentException("components must be ≥ 0 (0: by explained variance)");
        if (!(explainedVariance > 0 && explainedVariance < 100)) {
            throw new IllegalArgumentException("explained variance must be in (0, 100) %, got " + explainedVariance);
        }
        if (maxIterations < 1) throw new IllegalArgumentException("max iterations must be ≥ 1, got " + maxIterations);
        if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be ≥ 0, got " + tolerance);
        if (patience < 0) throw new IllegalArgumentException("patience must be ≥ 0, got " + patience);
        if (stopRule == null || returned == null || weighting == null) throw new NullPointerException("null option");
    }

    public static MeEmscOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The parameter grid of the Mie curves. */
    public MieGrid grid() {
        return MieGrid.of(radiusMin, radiusMax, n0Min, n0Max, steps, h);
    }

    /** Builds options from the MATLAB defaults. */
    public static final class Builder {
        private double radiusMin = MieGrid.DEFAULT_RADIUS_MIN;
        private double radiusMax = MieGrid.DEFAULT_RADIUS_MAX;
        private double n0Min = MieGrid.DEFAULT_N0_MIN;
        private double n0Max = MieGrid.DEFAULT_N0_MAX;
        private int steps = MieGrid.DEFAULT_STEPS;
        private double h = MieGrid.DEFAULT_H;
        private int components = 0;
        private double explainedVariance = 99.96;
        private int maxIterations = 45;
        private StopRule stopRule = StopRule.MATLAB;
        private double tolerance = 1e-4;
        private int patience = 1;
        private ReturnedIterate returned = ReturnedIterate.LAST;
        private ReferenceWeighting weighting = ReferenceWeighting.NONE;
        private boolean positiveReference = true;
        private boolean normaliseReference = true;

        private Builder() {
        }

        private Builder(MeEmscOptions o) {
            radiusMin = o.radiusMin;
            radiusMax = o.radiusMax;
            n0Min = o.n0Min;
            n0Max = o.n0Max;
            steps = o.steps;
            h = o.h;
            components = o.components;
            explainedVariance = o.explainedVariance;
            maxIterations = o.maxIterations;
            stopRule = o.stopRule;
            tolerance = o.tolerance;
            patience = o.patience;
            returned = o.returned;
            weighting = o.weighting;
            positiveReference = o.positiveReference;
            normaliseReference = o.normaliseReference;
        }

        public Builder radius(double min, double max) {
            radiusMin = min;
            radiusMax = max;
            return this;
        }

        public Builder n0(double min, double max) {
            n0Min = min;
            n0Max = max;
            return this;
        }

        public Builder steps(int v) {
            steps = v;
            return this;
        }

        public Builder h(double v) {
            h = v;
            return this;
        }

        /** A fixed number of Mie loadings; 0 chooses it by explained variance. */
        public Builder components(int v) {
            components = v;
            return this;
        }

        public Builder explainedVariance(double percent) {
            explainedVariance = percent;
            return this;
        }

        public Builder maxIterations(int v) {
            maxIterations = v;
            return this;
        }

        public Builder stopRule(StopRule v) {
            stopRule = v;
            return this;
        }

        public Builder tolerance(double v) {
            tolerance = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder returned(ReturnedIterate v) {
            returned = v;
            return this;
        }

        public Builder weighting(ReferenceWeighting v) {
            weighting = v;
            return this;
        }

        public Builder positiveReference(boolean v) {
            positiveReference = v;
            return this;
        }

        public Builder normaliseReference(boolean v) {
            normaliseReference = v;
            return this;
        }

        public MeEmscOptions build() {
            return new MeEmscOptions(radiusMin, radiusMax, n0Min, n0Max, steps, h, components, explainedVariance,
                    maxIterations, stopRule, tolerance, patience, returned, weighting, positiveReference,
                    normaliseReference);
        }
    }
}
