package io.descatter.dynamics;

import io.descatter.model.NetworkArchitecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

/**
 * Runs an {@link SgdConfig}: builds the teacher and the data, starts the student on a minimum, runs SGD, measures
 * the stationary statistics with batch-means errors and sets them beside the theory that applies.
 */
public final class SgdExperiment {
    /** Batches for the error bars (19 degrees of freedom). */
    static final int BATCHES = 20;
    /** Above this many parameters the per-step record is thinned to every 5th step (cost ∝ P² per record). */
    static final int DENSE_RECORD_LIMIT = 60;
    /** The oracle floors of SGD-THEORY.md, used for the pass column of the summary. */
    static final double SIGMA_FLOOR = 0.005;
    static final double LOSS_FLOOR = 0.015;
    static final double CURRENT_FLOOR = 0.15;
    static final double TWO_LAYER_FLOOR = 0.03;
    /**
     * ψ's floor, relative: ψ is the slope of log σ² against log F over about a decade of F, so the {@link #TWO_LAYER_FLOOR}
     * of the variances (first-order theory, weights drifting along the symmetry orbit during the window) moves it by
     * about 3 % / ln 10 ≈ 1.3 % of ψ; 2 % leaves room for the PCA of near-degenerate modes.
     */
    static final double PSI_FLOOR = 0.02;
    /** The label of the leading-order (continuum, Lyapunov) predictions: reported beside the measurement, never failed. */
    static final String CONTINUUM = "continuum approximation (leading order in η)";

    private SgdExperiment() {
    }

    /** Steps between two records of the weights: every step up to {@link #DENSE_RECORD_LIMIT} parameters, else every 5th. */
    static int recordStride(int parameters) {
        return parameters <= DENSE_RECORD_LIMIT ? 1 : 5;
    }

    private static void requireFinite(SgdSimulation sim, String when, SgdConfig cfg) {
        double[] w = new double[sim.engine().chain().parameterCount()];
        sim.engine().readParameters(w);
        for (double v : w) {
            if (!Double.isFinite(v)) {
                throw new DivergedException("SGD diverged during " + when + " (lr " + cfg.eta() + "): lower --lr");
            }
        }
    }

    public static SgdResult run(SgdConfig cfg, LongConsumer progress) {
        SplittableRandom rng = new SplittableRandom(cfg.seed());
        LinearChain chain = cfg.chain();
        int p = chain.parameterCount();
        int d = cfg.dim();
        int o = cfg.outputs();

        double[] start;
        TeacherStudent teacher;
        Dataset data = null;
        LeastSquares ls = null;
        if (cfg.layers() == 1) {
            teacher = TeacherStudent.randomIsotropic(d, o, cfg.noise(), rng.nextLong());
            if (!cfg.online()) {
                data = teacher.dataset(cfg.samples(), rng.nextLong());
                ls = LeastSquares.fit(data);
            }
            start = cfg.online() ? teacher.teacher() : ls.weights();
        } else {
            double[] w1 = RandomMatrices.gaussian(cfg.hidden(), d, 1 / Math.sqrt(d), rng);
            double[] w2 = RandomMatrices.gaussian(o, cfg.hidden(), 1 / Math.sqrt(cfg.hidden()), rng);
            teacher = TeacherStudent.isotropic(chain.product(chain.parameters(w1, w2)), d, o, cfg.noise());
            if (!cfg.online()) {
                data = teacher.dataset(cfg.samples(), rng.nextLong());
                ls = LeastSquares.fit(data);
                w1 = onMinimum(w1, w2, ls.weights(), cfg.hidden(), d, o);
            }
            start = chain.parameters(w1, w2);
        }

        SgdEngine engine = cfg.engine().equals("fast") ? new FastLinearSgd(chain, cfg.eta(), start)
                : new Dl4jLinearSgd(cfg.layers() == 1 ? NetworkArchitecture.linear(d, o)
                        : NetworkArchitecture.linear(d, cfg.hidden(), o), cfg.eta(), start);
        MinibatchSource source = cfg.online() ? MinibatchSource.online(teacher, cfg.batch(), rng.nextLong())
                : MinibatchSource.of(data, new MinibatchSequence(cfg.samples(), cfg.batch(), cfg.sampling(), rng.nextLong()));
        SgdSimulation sim = new SgdSimulation(engine, source);
        sim.advance(cfg.burnIn());
        requireFinite(sim, "the burn-in", cfg);
        int stride = recordStride(p);
        boolean lag1 = stride == 1 && cfg.layers() == 1;
        BatchedMoments moments = new BatchedMoments(start, BATCHES, cfg.steps() / stride, lag1);
        double[] d0 = cfg.layers() == 2 ? TwoLayerModes.balance(chain, start) : null;
        double cpu0 = SgdBenchmark.threadCpuSeconds();
        long t0 = System.nanoTime();
        sim.record(cfg.steps(), stride, (s, w) -> moments.add(w), progress);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double cpuSeconds = SgdBenchmark.threadCpuSeconds() - cpu0;
        // weights that left the finite numbers, or stayed finite while their second moments overflowed: a divergence
        MatrixEstimate covariance = moments.covariance();
        if (!Double.isFinite(Linalg.frobenius(covariance.value())) || !Double.isFinite(Linalg.frobenius(covariance.error()))) {
            throw new DivergedException("SGD diverged (lr " + cfg.eta() + "): the weights' covariance overflows; lower --lr");
        }

        Map<String, Double> scalars = new LinkedHashMap<>();
        // the recorded window: SGD, minibatch drawing and recording; per CPU second = on one core, however busy the machine
        scalars.put("steps_per_second", cfg.steps() / seconds);
        scalars.put("steps_per_cpu_second", cfg.steps() / cpuSeconds);
        double[] hx = cfg.online() ? teacher.inputCovariance() : data.inputSecondMoment();
        Dataset train = data;
        ToDoubleFunction<double[]> loss = cfg.online() ? w -> populationLoss(chain.product(w), teacher)
                : w -> train.loss(chain, w);
        return cfg.layers() == 1
                ? singleLayer(cfg, chain, moments, covariance, data, ls, teacher, loss, scalars)
                : twoLayer(cfg, chain, moments, covariance, data, ls, hx, loss, scalars, d0, sim);
    }

    /** Moves W₁ so that W₂ W₁ = Ŵ: W₁ += W₂ᵀ(W₂W₂ᵀ)⁻¹(Ŵ − W₂W₁) (needs o ≤ h). */
    static double[] onMinimum(double[] w1, double[] w2, double[] target, int h, int d, int o) {
        if (o > h) throw new IllegalArgumentException("a two-layer student with o > h cannot reach the minimum");
        double[] gap = Linalg.add(target, -1, Linalg.multiply(w2, w1, o, h, d));
        double[] gram = Linalg.multiply(w2, Linalg.transpose(w2, o, h), o, h, o);
        double[] coef = new double[o * d];
        for (int c = 0; c < d; c++) {
            double[] col = new double[o];
            for (int j = 0; j < o; j++) col[j] = gap[j * d + c];
            double[] x = Linalg.solve(gram, col, o);
            for (int j = 0; j < o; j++) coef[j * d + c] = x[j];
        }
        return Linalg.add(w1, 1, Linalg.multiply(Linalg.transpose(w2, o, h), coef, h, o, d));
    }

    /** ½‖A − W*‖²_{Σx} + oσ²/2: the population loss of the end-to-end matrix A (Σ_x = I here). */
    static double populationLoss(double[] a, TeacherStudent teacher) {
        double[] diff = Linalg.add(a, -1, teacher.teacher());
        return 0.5 * Linalg.frobeniusSquared(diff) + 0.5 * teacher.outputs() * teacher.noise() * teacher.noise();
    }

    private static SgdResult singleLayer(SgdConfig cfg, LinearChain chain, BatchedMoments moments, MatrixEstimate covariance, Dataset data,
                                         LeastSquares ls, TeacherStudent teacher, ToDoubleFunction<double[]> loss,
                                         Map<String, Double> scalars) {
        int p = chain.parameterCount();
        NoiseModel model = cfg.online() ? new GaussianNoiseModel(teacher.inputCovariance(), cfg.dim(), cfg.outputs(), cfg.noise())
                : new SampleNoiseModel(data.x(), ls.residuals(), data.size(), cfg.dim(), cfg.outputs());
        double kappa = cfg.kappa();
        double[] h = model.hessian();
        MatrixEstimate sigma = covariance;
        List<Comparison> out = new ArrayList<>();
        double[] exact = StationaryCovariance.exact(model, cfg.eta(), kappa);
        double[] continuum = StationaryCovariance.continuum(model, cfg.eta(), kappa);
        out.add(sigma.compare("sigma_exact_discrete", exact, SIGMA_FLOOR));
        out.add(sigma.compare("sigma_continuum_lyapunov", continuum, SIGMA_FLOOR)
                .asApproximation(CONTINUUM, Linalg.relativeFrobeniusError(continuum, exact)));
        double[] excess = moments.batchSecondMomentsAboutReference().stream()
                .mapToDouble(m -> StationaryCovariance.excessLoss(h, m, p)).toArray();
        out.add(ScalarEstimate.of(excess).compare("excess_loss", StationaryCovariance.excessLoss(h, exact, p), LOSS_FLOOR));
        if (moments.recordsLag1()) {
            MatrixEstimate a1 = MatrixEstimate.of(moments.batchLag1Covariances().stream()
                    .map(l -> DetailedBalance.antisymmetricPart(l, p)).toList(), p);
            double[] predicted = DetailedBalance.lag1Antisymmetric(h, exact, cfg.eta(), p);
            if (Linalg.frobenius(predicted) > 0) out.add(a1.compare("lag1_antisymmetric", predicted, CURRENT_FLOOR));
        }
        double rhoExact = DetailedBalance.rho(h, exact, p);
        scalars.put("rho_db_exact", rhoExact);
        scalars.put("rho_db_measured", DetailedBalance.rho(h, sigma.value(), p));
        scalars.put("commutator_c", DetailedBalance.commutator(h, model.noiseAtMinimum(), p));
        if (rhoExact > 0) out.add(rhoComparison(h, sigma, rhoExact, p));
        double[] noise = stationaryNoise(model, exact, kappa);
        VarianceFlatness.Profile profile = VarianceFlatness.measure(moments.mean(), sigma.value(), loss);
        List<double[]> means = moments.batchMeans();
        PsiComparison psi = PsiComparison.of("exact discrete Σ", true, PSI_FLOOR, BATCHES, k -> {
            double[] mean = k < 0 ? moments.mean() : Jackknife.leaveOneOut(means, k);
            double[] cov = k < 0 ? sigma.value() : Jackknife.leaveOneOut(sigma.batches(), k);
            return new PsiComparison.Replicate(k < 0 ? profile : VarianceFlatness.measure(mean, cov, loss),
                    VarianceFlatness.measure(mean, exact, loss));
        });
        return finish(cfg, out, scalars, new SgdResult.Matrices(sigma, exact, h, 0), noise, profile, psi, p);
    }

    private static SgdResult twoLayer(SgdConfig cfg, LinearChain chain, BatchedMoments moments, MatrixEstimate covariance, Dataset data,
                                      LeastSquares ls, double[] hx, ToDoubleFunction<double[]> loss,
                                      Map<String, Double> scalars, double[] d0, SgdSimulation sim) {
        int p = chain.parameterCount();
        int hid = cfg.hidden();
        int o = cfg.outputs();
        int off = chain.offset(1);
        double[] mean = moments.mean();
        double[] h = GaussNewton.hessian(chain, mean, hx);
        double[] projector = GaussNewton.rangeProjector(h, p);
        MatrixEstimate sigma = covariance.map(c -> Linalg.multiply(Linalg.multiply(projector, c, p), projector, p), p);
        MatrixEstimate layer2 = sigma.map(c -> Linalg.block(c, p, off, o * hid, off, o * hid), o * hid);
        List<Comparison> out = new ArrayList<>();
        double[] exact = new double[0];
        double[] continuum = new double[0];
        double[] noise = new double[0];
        if (o == 1) {
            TwoLayerReduction reduction = new TwoLayerReduction(chain, mean);
            NoiseModel features = featureModel(reduction, cfg, hx, data, ls);
            exact = reduction.exact(features, cfg.eta(), cfg.kappa());
            continuum = reduction.continuum(features, cfg.eta(), cfg.kappa());
            out.add(sigma.compare("sigma_range_exact_reduction", exact, TWO_LAYER_FLOOR));
            out.add(sigma.compare("sigma_range_continuum_reduction", continuum, TWO_LAYER_FLOOR)
                    .asApproximation(CONTINUUM, Linalg.relativeFrobeniusError(continuum, exact)));
            out.add(sigma.map(c -> Linalg.block(c, p, 0, off, 0, off), off)
                    .compare("sigma_layer1_exact_reduction", Linalg.block(exact, p, 0, off, 0, off), TWO_LAYER_FLOOR));
            out.add(layer2.compare("sigma_layer2_exact_reduction", Linalg.block(exact, p, off, hid, off, hid), TWO_LAYER_FLOOR));
        }
        double[] exactLayer2 = o == 1 ? Linalg.block(exact, p, off, o * hid, off, o * hid) : null;
        if (cfg.online()) {
            TwoLayerModes modes = new TwoLayerModes(chain, mean, cfg.eta(), cfg.noise(), cfg.batch());
            int k = 0;
            for (TwoLayerModes.Mode m : modes.layer2()) {
                double[] dir = m.direction();
                ScalarEstimate measured = ScalarEstimate.of(layer2.batches().stream().mapToDouble(c -> quadraticForm(c, dir)).toArray());
                String name = String.format("layer2_mode_%02d", k++);
                double exactVariance = exactLayer2 == null ? Double.NaN : quadraticForm(exactLayer2, dir);
                if (exactLayer2 != null) out.add(measured.compare(name + "_exact_reduction", exactVariance, TWO_LAYER_FLOOR));
                out.add(measured.compare(name + "_continuum", m.variance(), TWO_LAYER_FLOOR).asApproximation(CONTINUUM,
                        Math.abs(m.variance() - exactVariance) / exactVariance));
            }
            double[] drift = TwoLayerModes.expectedBalanceDrift(chain, mean, cfg.eta(), cfg.noise(), cfg.batch());
            double[] end = new double[p];
            sim.engine().readParameters(end);
            double moved = Linalg.frobenius(Linalg.add(TwoLayerModes.balance(chain, end), -1, d0));
            double expected = Linalg.frobenius(drift) * (cfg.steps() + cfg.burnIn());
            out.add(new Comparison("balance_drift_norm", moved, expected, Math.abs(moved - expected) / expected, Double.NaN, 0)
                    .asApproximation("expected drift E ΔD · steps (leading order; D also random-walks, which is not predicted)",
                            Double.NaN));
        }
        double[] w1 = chain.layer(mean, 0);
        ToDoubleFunction<double[]> layer2Loss = w2 -> loss.applyAsDouble(chain.parameters(w1, w2));
        VarianceFlatness.Profile profile = VarianceFlatness.measure(chain.layer(mean, 1), layer2.value(), layer2Loss);
        PsiComparison psi = null;
        if (o == 1 || cfg.online()) {
            // the prediction at each replicate's mean weights: the reduction (o = 1) or the continuum mode formulas
            java.util.function.Function<double[], double[]> predictLayer2 = o == 1 ? m -> {
                TwoLayerReduction r = new TwoLayerReduction(chain, m);
                return Linalg.block(r.exact(featureModel(r, cfg, hx, data, ls), cfg.eta(), cfg.kappa()), p, off, hid, off, hid);
            } : m -> continuumLayer2(new TwoLayerModes(chain, m, cfg.eta(), cfg.noise(), cfg.batch()), o * hid);
            double[] predictedAtMean = o == 1 ? exactLayer2 : predictLayer2.apply(mean);
            List<double[]> means = moments.batchMeans();
            psi = PsiComparison.of(o == 1 ? "exact discrete reduction" : CONTINUUM + " of the two-layer mode formulas",
                    o == 1, PSI_FLOOR, BATCHES, k -> {
                        if (k < 0) return new PsiComparison.Replicate(profile,
                                VarianceFlatness.measure(chain.layer(mean, 1), predictedAtMean, layer2Loss));
                        double[] mk = Jackknife.leaveOneOut(means, k);
                        double[] w1k = chain.layer(mk, 0);
                        ToDoubleFunction<double[]> lossK = w2 -> loss.applyAsDouble(chain.parameters(w1k, w2));
                        return new PsiComparison.Replicate(
                                VarianceFlatness.measure(chain.layer(mk, 1), Jackknife.leaveOneOut(layer2.batches(), k), lossK),
                                VarianceFlatness.measure(chain.layer(mk, 1), predictLayer2.apply(mk), lossK));
                    });
            if (o == 1) {
                double[] continuumLayer2 = Linalg.block(continuum, p, off, hid, off, hid);
                PowerLawFit c = PsiComparison.fit(VarianceFlatness.measure(chain.layer(mean, 1), continuumLayer2, layer2Loss));
                if (c != null) scalars.put("psi_continuum_approximation", VarianceFlatness.psi(c));
            }
        }
        return finish(cfg, out, scalars, new SgdResult.Matrices(sigma, exact, h, off), noise, profile, psi, p);
    }

    /** The single-layer noise model of the reduction's features: Gaussian online, the data's residuals for finite N. */
    private static NoiseModel featureModel(TwoLayerReduction reduction, SgdConfig cfg, double[] hx, Dataset data, LeastSquares ls) {
        return cfg.online() ? reduction.featureModel(hx, cfg.noise()) : reduction.featureModel(data, ls.residuals());
    }

    /** Σ_W₂ of the continuum mode formulas: Σ_k variance_k · dir_k dir_kᵀ. */
    private static double[] continuumLayer2(TwoLayerModes modes, int n) {
        double[] c = new double[n * n];
        for (TwoLayerModes.Mode m : modes.layer2()) {
            double[] v = m.direction();
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) c[i * n + j] += m.variance() * v[i] * v[j];
        }
        return c;
    }

    /**
     * ρ_DB of the measured Σ beside the exact one, with a jackknife error. The prediction is exact, but the norm of the
     * commutator of a noisy Σ is biased up by the noise, so the row is reported, not failed.
     */
    private static Comparison rhoComparison(double[] h, MatrixEstimate sigma, double rhoExact, int p) {
        double measured = DetailedBalance.rho(h, sigma.value(), p);
        double[] replicates = new double[sigma.batches().size()];
        for (int k = 0; k < replicates.length; k++)
            replicates[k] = DetailedBalance.rho(h, Jackknife.leaveOneOut(sigma.batches(), k), p);
        return new Comparison("rho_db", measured, rhoExact, Math.abs(measured - rhoExact) / rhoExact,
                Jackknife.standardError(replicates) / rhoExact, 0)
                .asApproximation("exact discrete Σ, no verdict (noise in the measured Σ biases ρ up)", Double.NaN);
    }

    private static SgdResult finish(SgdConfig cfg, List<Comparison> out, Map<String, Double> scalars, SgdResult.Matrices matrices,
                                    double[] noise, VarianceFlatness.Profile profile, PsiComparison psi, int p) {
        double[] sigma = matrices.sigma().value();
        double[] exact = matrices.sigmaExact();
        double[] h = matrices.hessian();
        PowerLawFit fit = PsiComparison.fit(profile);
        if (fit != null) {
            scalars.put("psi", VarianceFlatness.psi(fit));
            scalars.put("psi_ci_low", -fit.ciHigh());
            scalars.put("psi_ci_high", -fit.ciLow());
        }
        if (psi != null) {
            scalars.put("psi_jackknife_error", psi.measuredError());
            scalars.put("psi_predicted", psi.predictedPsi());
            scalars.put("psi_predicted_ci_low", -psi.predicted().ciHigh());
            scalars.put("psi_predicted_ci_high", -psi.predicted().ciLow());
            scalars.put("psi_predicted_jackknife_error", psi.predictedError());
            scalars.put("psi_difference_jackknife_error", psi.differenceError());
        }
        double[] predictedEig = exact.length == 0 ? new double[0] : GaussNewton.nonzeroSpectrum(exact, p);
        return new SgdResult(cfg, out, scalars, GaussNewton.nonzeroSpectrum(sigma, p), predictedEig,
                Linalg.eigenSymmetric(h, p).values(),
                noise.length == 0 ? new double[0] : Linalg.eigenSymmetric(noise, p).values(), profile, fit, psi, matrices);
    }

    /** The stationary average noise covariance E C = κ [C₀ + M₄(Σ) − HΣH]. */
    static double[] stationaryNoise(NoiseModel model, double[] sigma, double kappa) {
        int p = model.dimension();
        double[] h = model.hessian();
        double[] hsh = Linalg.multiply(Linalg.multiply(h, sigma, p), h, p);
        double[] c = Linalg.add(Linalg.add(model.noiseAtMinimum(), 1, model.fourthMoment(sigma)), -1, hsh);
        return Linalg.scale(c, kappa);
    }

    static double quadraticForm(double[] m, double[] v) {
        int n = v.length;
        double s = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) s += v[i] * m[i * n + j] * v[j];
        return s;
    }
}
