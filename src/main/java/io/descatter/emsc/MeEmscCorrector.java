package io.descatter.emsc;

import io.descatter.physics.ExtinctionCurves;
import io.descatter.physics.KramersKronig;
import io.descatter.physics.RefractiveIndex;
import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.BadInputException;
import io.descatter.spectra.io.Progress;
import io.descatter.util.Parallel;

/**
 * ME-EMSC (Solheim et al. 2019) prepared for one data axis, one reference and one set of options
 * (ME-EMSC.md). Everything that does not depend on the spectrum is done here once: the reference on the data
 * axis, the weights, the FFT plan, the curve grid, and the whole first-iteration model (its Mie curves come from
 * the reference alone), including the number of Mie components. {@link #correct} is thread-safe.
 */
public final class MeEmscCorrector {
    private final double[] axis;
    private final MeEmscOptions options;
    private final double[] weights;
    private final Emsc scaling;
    private final KramersKronig kramersKronig;
    private final ExtinctionCurves curves;
    private final int components;
    private final double[] firstReference;
    private final double[][] firstModel;
    private final LeastSquares firstFit;
    /** Iteration 1's eigenvectors of the Gram matrix: every spectrum's iteration 2 starts its subspace iteration here. */
    private final double[][] firstVectors;
    private final int firstVectorCount;

    /**
     * @param axis      the data axis in cm⁻¹ (strictly monotonic, either direction, at least 10 points)
     * @param refAxis   the reference's own axis in cm⁻¹ (monotonic, covering the data axis)
     * @param reference the reference absorbance on {@code refAxis} (at least 10 points)
     * @throws BadInputException     for an unusable axis or reference
     * @throws AxisMismatchException when the reference does not cover the data axis
     */
    public MeEmscCorrector(double[] axis, double[] refAxis, double[] reference, MeEmscOptions options) {
        Axes.requireMonotonic("spectra", axis);
        if (axis.length < ReferenceSpectrum.MIN_POINTS) {
            throw new BadInputException("spectra", 0, 0, "axis has " + axis.length + " points; at least "
                    + ReferenceSpectrum.MIN_POINTS + " are needed");
        }
        this.axis = axis.clone();
        this.options = options;
        double[] r0 = ReferenceSpectrum.onAxis(refAxis, reference, axis, options.normaliseReference());
        double[] scalingReference = clipped(r0);
        if (isZero(scalingReference)) {
            throw new BadInputException("reference", 0, 0, "has no positive value on the data axis");
        }
        weights = options.weighting() == ReferenceWeighting.MATLAB_DEFAULT ? MatlabReferenceWeights.on(axis) : null;
        try {
            kramersKronig = new KramersKronig(axis);
        } catch (AxisMismatchException e) {
            throw e.in("spectra"); // a problem of the data's axis, not of the reference
        }
        curves = new ExtinctionCurves(options.grid(), axis);
        try {
            scaling = new Emsc(axis, scalingReference, 2, new double[0][], null);
        } catch (SingularFitException e) {
            throw new BadInputException("reference", 0, 0, "cannot scale against it: " + e.getMessage());
        }

        // Iteration 1 is the same for every spectrum: its estimate of the pure absorbance is the reference.
        double[] estimate = weighted(r0);
        double[] pure = clipped(estimate);
        if (isZero(pure)) throw new BadInputException("reference", 0, 0, "is zero wherever it is weighted");
        firstReference = options.positiveReference() ? pure : estimate;
        Workspace ws = new Workspace();
        int maxComponents = Math.min(curves.rows(), axis.length - 2);
        if (options.components() > maxComponents) {
            throw new IllegalArgumentException("at most " + maxComponents + " Mie components possible, asked for "
                    + options.components());
        }
        if (options.components() > 0) {
            components = options.components();
        } else {
            double[] s = mieDecomposition(pure, firstReference, 0, ws).singularValues();
            components = MieLoadings.componentsFor(s, axis.length, options.explainedVariance());
        }
        firstModel = model(firstReference, mieDecomposition(pure, firstReference, components, ws).rightVectors());
        firstVectors = ws.loadings.vectors();
        firstVectorCount = ws.loadings.vectorCount();
        try {
            firstFit = new LeastSquares(firstModel);
        } catch (SingularFitException e) {
            throw new BadInputException("reference", 0, 0, "gives a singular ME-EMSC model: " + e.getMessage());
        }
    }

    /** The number of Mie loadings in the model (given, or chosen by explained variance in iteration 1). */
    public int components() {
        return components;
    }

    public int points() {
        return axis.length;
    }

    public MeEmscOptions options() {
        return options;
    }

    /** Corrects one spectrum on the data axis; a spectrum that cannot be corrected gives a failed result. */
    public MeEmscResult correct(double[] spectrum) {
        return correct(spectrum, new Workspace());
    }

    /**
     * Corrects every spectrum with {@code threads} worker threads; the results do not depend on the thread count
     * (each spectrum is corrected on its own, in the same order of operations).
     */
    public MeEmscResult[] correctAll(double[][] spectra, int threads) {
        return correctAll(spectra, threads, Progress.NONE);
    }

    /**
     * As {@link #correctAll(double[][], int)}, telling {@code progress} the spectra done out of all after each one
     * (from the worker threads, one at a time: a spectrum takes milliseconds, a call next to nothing).
     */
    public MeEmscResult[] correctAll(double[][] spectra, int threads, Progress progress) {
        MeEmscResult[] results = new MeEmscResult[spectra.length];
        long[] done = {0}; // guarded by itself: the counts reach progress in order
        Parallel.forEachIndex(spectra.length, threads, "me-emsc", () -> {
            Workspace ws = new Workspace();
            return i -> {
                results[i] = correct(spectra[i], ws);
                synchronized (done) {
                    progress.update(++done[0], spectra.length);
                }
            };
        });
        return results;
    }

    private MeEmscResult correct(double[] z, Workspace ws) {
        int k = axis.length;
        if (z.length != k) throw new IllegalArgumentException("expected " + k + " values, got " + z.length);
        String problem = SpectrumChecks.problem(z);
        if (problem != null) return MeEmscResult.failed(k, components, 0, problem);
        // the same start for every spectrum, so that results do not depend on which thread ran what before
        seedFirst(ws.loadings);

        Iterate current = fit(z, firstModel, firstFit, 1, ws);
        if (current.failure != null) return MeEmscResult.failed(k, components, 1, current.failure);
        IterationTracker tracker = new IterationTracker(options);
        tracker.add(current);
        while (!tracker.done()) {
            int iteration = tracker.count() + 1;
            EmscResult scaled = scaling.correct(current.corrected);
            if (scaled.failed()) {
                return MeEmscResult.failed(k, components, iteration, "basic EMSC scaling failed: " + scaled.failure());
            }
            double[] estimate = weighted(scaled.corrected());
            double[] pure = clipped(estimate);
            if (isZero(pure)) {
                return MeEmscResult.failed(k, components, iteration, "the pure-absorbance estimate is nowhere positive");
            }
            double[] reference = options.positiveReference() ? pure : estimate;
            double[] beta;
            try {
                // the subspace iteration from the previous iteration's eigenvectors, and the fit without loadings
                curvesOf(pure, ws);
                double[] s = ws.loadings.leadingValues(ws.curves, reference, components);
                beta = ws.loadings.fit(ws.curves, z, reference, s, components, ws.mieSum);
            } catch (SingularFitException e) {
                return MeEmscResult.failed(k, components, iteration, "singular fit: " + e.getMessage());
            }
            current = iterate(z, reference, beta, ws.mieSum, iteration);
            if (current.failure != null) return MeEmscResult.failed(k, components, iteration, current.failure);
            tracker.add(current);
        }
        Iterate chosen = options.returned() == ReturnedIterate.BEST ? tracker.best() : current;
        double[] g = new double[components];
        System.arraycopy(chosen.beta, 1, g, 0, components);
        return new MeEmscResult(chosen.corrected, chosen.residuals, chosen.beta[0], g, chosen.beta[components + 1],
                tracker.count(), chosen.iteration, chosen.rmse, null);
    }

    /** Seeds a subspace iteration as every spectrum's iteration 2 is seeded: from iteration 1's eigenvectors. */
    void seedFirst(MieLoadings loadings) {
        loadings.seed(firstVectors, firstVectorCount);
    }

    /** The Van de Hulst curves for the pure-absorbance estimate into the workspace (Kramers–Kronig first). */
    private void curvesOf(double[] pure, Workspace ws) {
        kramersKronig.compute(pure, ws.index, ws.hilbertWork);
        curves.compute(ws.index, ws.curves);
    }

    /**
     * Iteration 1's decomposition: the curves of {@code pure}, orthogonalised against {@code reference}, all their
     * singular values and the first {@code count} loadings, by the full eigen-decomposition.
     */
    private MieLoadings.Decomposition mieDecomposition(double[] pure, double[] reference, int count, Workspace ws) {
        curvesOf(pure, ws);
        return ws.loadings.decompose(ws.curves, reference, count);
    }

    /** The model columns {@code [R, p_1..p_A, 1]}. */
    private double[][] model(double[] reference, double[][] loadings) {
        double[][] m = new double[components + 2][];
        m[0] = reference;
        for (int a = 0; a < components; a++) m[1 + a] = loadings[a];
        double[] ones = new double[axis.length];
        java.util.Arrays.fill(ones, 1);
        m[components + 1] = ones;
        return m;
    }

    /** Iteration 1: the precomputed model with explicit loadings and its QR factorisation. */
    private Iterate fit(double[] z, double[][] model, LeastSquares ls, int iteration, Workspace ws) {
        int k = z.length;
        double[] beta = ls.solve(z, ws.solveWork);
        double[] mie = ws.mieSum;
        java.util.Arrays.fill(mie, 0);
        for (int c = 1; c <= components; c++) {
            double g = beta[c];
            double[] loading = model[c];
            for (int i = 0; i < k; i++) mie[i] += g * loading[i];
        }
        return iterate(z, model[0], beta, mie, iteration);
    }

    /**
     * The corrected spectrum {@code (z − Σ g_a·v_a − c)/b} and the residuals {@code z − Σ g_a·v_a − c − b·R} of one
     * iteration's coefficients {@code β = [b, g_1..g_A, c]}, with {@code mie = Σ g_a·v_a}.
     */
    private Iterate iterate(double[] z, double[] reference, double[] beta, double[] mie, int iteration) {
        int k = z.length;
        double b = beta[0];
        if (b == 0 || !Double.isFinite(b)) return Iterate.failure("reference coefficient b is " + b);
        double c = beta[components + 1];
        double[] corrected = new double[k];
        double[] residuals = new double[k];
        for (int i = 0; i < k; i++) {
            double others = mie[i] + c;
            corrected[i] = (z[i] - others) / b;
            residuals[i] = z[i] - others - b * reference[i];
        }
        return new Iterate(iteration, corrected, residuals, beta, SpectrumChecks.rmse(residuals), null);
    }

    private double[] weighted(double[] x) {
        if (weights == null) return x.clone();
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = x[i] * weights[i];
        return r;
    }

    private static double[] clipped(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = x[i] < 0 ? 0 : x[i];
        return r;
    }

    private static boolean isZero(double[] x) {
        for (double v : x) if (v != 0) return false;
        return true;
    }

    /** Per-thread scratch buffers, so that an iteration allocates little. */
    private final class Workspace {
        final RefractiveIndex index = new RefractiveIndex(new double[axis.length], new double[axis.length]);
        final double[] hilbertWork = new double[axis.length + 2 * KramersKronig.PAD];
        final double[][] curves = new double[MeEmscCorrector.this.curves.rows()][axis.length];
        final double[] solveWork = new double[axis.length];
        /** Σ g_a·v_a of the current iteration. */
        final double[] mieSum = new double[axis.length];
        final MieLoadings loadings = new MieLoadings(MeEmscCorrector.this.curves.rows(), axis.length);
    }

    /** The results of one iteration. */
    record Iterate(int iteration, double[] corrected, double[] residuals, double[] beta, double rmse, String failure) {
        static Iterate failure(String reason) {
            return new Iterate(0, null, null, null, Double.NaN, reason);
        }
    }
}
