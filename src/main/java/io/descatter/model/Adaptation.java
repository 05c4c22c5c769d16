package io.descatter.model;

import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscResult;
import io.descatter.spectra.BadInputException;
import io.descatter.spectra.Resampler;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.TableSchema;
import io.descatter.synth.DistortionRanges;
import io.descatter.synth.PureSpectrumGenerator;
import io.descatter.synth.Simulator;
import io.descatter.synth.TissueType;
import io.descatter.util.Parallel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Adapts a correction model to a lab's own spectra: ME-EMSC corrects a sample of them; the corrected spectra of the
 * training part become templates of the simulator's physics (real chemistry, re-distorted, truth known), mixed with
 * plain simulator pairs so the model keeps what it knew; the model is fine-tuned on those pairs; the held-out part
 * then scores the adapted and the base model, against ME-EMSC on the measured spectra and against the truth on
 * semi-synthetic pairs made from the held-out corrected spectra. The split is by spectrum, or by group (e.g. cell)
 * when groups are given, so that no group is on both sides.
 */
public final class Adaptation {
    /** Spectra (after sampling) below which the held-out scores would say nothing. */
    public static final int MIN_SPECTRA = 10;
    /** Semi-synthetic test pairs per held-out corrected spectrum (at least {@link #MIN_SEMI_SYNTHETIC} in all). */
    private static final int SEMI_SYNTHETIC_PER_TEMPLATE = 5;
    private static final int MIN_SEMI_SYNTHETIC = 200;
    private static final int BLOCK = 64;
    /**
     * The simulator recipe of the shipped model (docs/MODEL.md): the six tissue types and the augmentation type,
     * atmosphere in 30 % of the spectra, size spread 0.15. The plain pairs are drawn from it so the model keeps what it
     * learnt; the template pairs are distorted by the same physics.
     */
    static final DistortionRanges TRAINING_RANGES = DistortionRanges.defaults().withAtmosphere(0.3).withSizeSpread(0.15);

    static List<TissueType> trainingTypes() {
        List<TissueType> t = new ArrayList<>(TissueType.tissues());
        t.remove(TissueType.AMYLOID); // the held-out type: no shipped or adapted model is trained on it
        t.add(TissueType.BROAD);
        return t;
    }

    /**
     * @param sample most spectra to correct by ME-EMSC (a random sample when the file holds more)
     * @param pairs template pairs and plain simulator pairs together (the measured pairs come on top)
     * @param simulatedRatio plain simulator pairs per template pair
     * @param measuredShare pairs of a training spectrum as measured and its ME-EMSC correction, per template pair (the
     *     training spectra cycled): they show the network the scattering of the user's own instrument and cells, which
     *     the simulator's physics does not fully make; templates alone teach only their chemistry
     * @param holdout share of the spectra (or groups) held out for the scores
     * @param threads worker threads for ME-EMSC and the simulator
     */
    public record Settings(int sample, int pairs, double simulatedRatio, double measuredShare, double holdout, int epochs,
            int batchSize, double learningRate, long seed, int threads) {
        public Settings {
            if (sample < MIN_SPECTRA) throw new IllegalArgumentException("--sample must be at least " + MIN_SPECTRA);
            if (pairs < 10) throw new IllegalArgumentException("--pairs must be at least 10");
            if (!(simulatedRatio >= 0) || Double.isInfinite(simulatedRatio)) {
                throw new IllegalArgumentException("--simulated-ratio must be 0 or more");
            }
            if (!(measuredShare >= 0) || Double.isInfinite(measuredShare)) throw new IllegalArgumentException("--measured-share must be 0 or more");
            if (!(holdout > 0 && holdout < 1)) throw new IllegalArgumentException("--holdout must lie between 0 and 1");
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || threads < 1) throw new IllegalArgumentException("bad training settings");
        }

        public static Settings defaults() {
            return new Settings(2000, 16000, 3, 1, 0.2, 5, 128, 1e-3, 1, Runtime.getRuntime().availableProcessors());
        }

        /** Template pairs: the share 1 / (ratio + 1) of the pairs, at least one. */
        int templatePairs() {
            return Math.max(1, (int) Math.round(pairs / (simulatedRatio + 1)));
        }
    }

    /**
     * A random sample of a spectra file, drawn while it streams past (reservoir sampling), so a file of any size fits.
     *
     * @param axis the file's axis
     * @param spectra the sampled spectra on it
     * @param groups each sampled spectrum's group, or null without a group column
     * @param total spectra in the file
     */
    public record Sample(WavenumberAxis axis, List<double[]> spectra, List<String> groups, long total) {
    }

    /**
     * Draws the settings' {@code sample} spectra of {@code source} at random (all of them when it holds fewer), with their
     * values in the metadata column {@code groupColumn} (null: none). The draw depends only on the file and the seed.
     *
     * @throws BadInputException when the file has no column {@code groupColumn}
     */
    public Sample readSample(InputSource source, ReadOptions options, String groupColumn) throws IOException {
        int size = settings.sample();
        try (SpectraReader reader = SpectraReader.open(source, options)) {
            TableSchema schema = reader.schema();
            int groupIndex = -1;
            if (groupColumn != null) {
                for (int i = 0; i < schema.meta().size(); i++) if (schema.meta().get(i).name().equals(groupColumn)) groupIndex = i;
                if (groupIndex < 0) {
                    throw new BadInputException(source.name(), 1, 0, "has no column '" + groupColumn + "' for --group-column (its metadata "
                            + "columns: " + schema.meta().stream().map(MetaColumn::name).toList() + ")");
                }
            }
            Random random = new Random(settings.seed());
            List<double[]> kept = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            long seen = 0;
            SpectraChunk chunk = reader.newChunk(256);
            while (reader.read(chunk) > 0) {
                for (int r = 0; r < chunk.rows(); r++) {
                    seen++;
                    int slot = seen <= size ? kept.size() : (int) Math.min(Integer.MAX_VALUE, random.nextLong(seen));
                    if (slot >= size) continue;
                    double[] values = Arrays.copyOfRange(chunk.values(), chunk.offset(r), chunk.offset(r) + chunk.points());
                    String group = groupIndex < 0 ? null : chunk.meta(r)[groupIndex];
                    if (slot == kept.size()) {
                        kept.add(values);
                        groups.add(group);
                    } else {
                        kept.set(slot, values);
                        groups.set(slot, group);
                    }
                }
            }
            return new Sample(schema.axis(), kept, groupIndex < 0 ? null : groups, seen);
        }
    }

    /**
     * The user's data and where it came from.
     *
     * @param rawName the spectra file as the user named it
     * @param sample the spectra drawn from it ({@link #readSample}); their axis must cover the model's
     * @param referenceName the ME-EMSC reference file as the user named it
     * @param corrector ME-EMSC with that reference, prepared for the model's axis
     * @param provenance more provenance to record (checksums, file names)
     */
    public record Request(CorrectionModel base, String baseName, String rawName, Sample sample, String referenceName,
            MeEmscCorrector corrector, Map<String, Object> provenance) {
    }

    /** Stages of the work, each reported with its own progress. */
    public enum Stage {
        MEMSC("me-emsc", "spectra"), PAIRS("pairs", "pairs"), TRAINING("train", "steps"), SCORING("scores", "pairs");

        public final String label;
        public final String unit;

        Stage(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }
    }

    /** Receives what happens: a stage begins (with a line to show), progress in it, finished epochs. */
    public interface Listener {
        void stage(Stage stage, String description);

        void progress(long done, long total);

        void epoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best);
    }

    /** Mean Pearson r of one model on the held-out part. */
    public record Scores(double vsMemsc, double vsTruth) {
    }

    /**
     * @param sampled spectra drawn; {@code failedFits} of them ME-EMSC could not correct (left out)
     * @param semiSynthetic semi-synthetic test pairs scored
     */
    public record Result(Trainer.Result training, ModelMetadata metadata, int sampled, int failedFits, int trainSpectra,
            int heldOutSpectra, int trainGroups, int heldOutGroups, int templatePairs, int simulatorPairs, int semiSynthetic,
            Scores base, Scores adapted) {
        public CorrectionModel model() {
            return new CorrectionModel(training.network(), metadata);
        }
    }

    private final Settings settings;

    public Adaptation(Settings settings) {
        this.settings = settings;
    }

    public Result run(Request req, Listener listener) throws IOException {
        CorrectionModel base = req.base();
        WavenumberAxis axis = base.axis();
        Sample drawn = req.sample();
        base.requireCoveredBy(req.rawName(), drawn.axis());
        if (req.corrector().points() != axis.size()) throw new IllegalArgumentException("ME-EMSC must be prepared for the model's axis");
        long n = drawn.total();
        int sampled = drawn.spectra().size();
        if (sampled < MIN_SPECTRA) {
            throw new BadInputException(req.rawName(), 0, 0, (n == sampled ? "holds " + n + " spectra" : "gave a sample of " + sampled
                    + " spectra") + ": adapting needs at least " + MIN_SPECTRA + " (some to train on, some held out to score)");
        }
        Random random = new Random(settings.seed());
        Resampler onto = Resampler.linear(drawn.axis(), axis);
        double[][] raw = new double[sampled][];
        for (int i = 0; i < sampled; i++) raw[i] = onto.apply(drawn.spectra().get(i));

        listener.stage(Stage.MEMSC, String.format(java.util.Locale.ROOT, "ME-EMSC on %d of the %d spectra (reference %s)",
                sampled, n, req.referenceName()));
        MeEmscResult[] fits = req.corrector().correctAll(raw, settings.threads(), listener::progress);
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < fits.length; i++) if (!fits[i].failed() && hasPositiveMaximum(fits[i].corrected())) usable.add(i);
        int failed = fits.length - usable.size();

        // the split: by group when given, else by spectrum; only spectra ME-EMSC corrected take part
        List<String> unitOf = new ArrayList<>();
        for (int i : usable) unitOf.add(drawn.groups() == null ? Integer.toString(i) : drawn.groups().get(i));
        List<String> units = new ArrayList<>(new LinkedHashSet<>(unitOf));
        if (units.size() < 2) {
            throw new BadInputException(req.rawName(), 0, 0, (drawn.groups() == null ? usable.size() + " spectra" : units.size() + (units.size() == 1 ? " group" : " groups"))
                    + " left after ME-EMSC (" + failed + " of " + sampled + " could not be corrected): at least two are needed to train on"
                    + " one part and score on another");
        }
        java.util.Collections.shuffle(units, random);
        int held = Math.min(units.size() - 1, Math.max(1, (int) Math.round(units.size() * settings.holdout())));
        Set<String> heldUnits = new java.util.HashSet<>(units.subList(0, held));
        List<Integer> trainIdx = new ArrayList<>();
        List<Integer> heldIdx = new ArrayList<>();
        for (int k = 0; k < usable.size(); k++) (heldUnits.contains(unitOf.get(k)) ? heldIdx : trainIdx).add(usable.get(k));

        List<double[]> templates = trainIdx.stream().map(i -> fits[i].corrected()).toList();
        int templatePairs = Math.min(settings.pairs(), settings.templatePairs());
        int simulatorPairs = settings.pairs() - templatePairs;
        listener.stage(Stage.PAIRS, String.format(java.util.Locale.ROOT,
                "%d pairs from %d corrected spectra as templates, %d plain simulator pairs, %d measured spectra with their "
                        + "ME-EMSC correction (%d held out%s, %d could not be corrected)",
                templatePairs, templates.size(), simulatorPairs, Math.round(settings.measuredShare() * templatePairs), heldIdx.size(),
                drawn.groups() == null ? "" : " in " + held + " of " + units.size() + " groups", failed));
        Simulator plain = new Simulator(new Simulator.Settings(axis, trainingTypes(), TRAINING_RANGES, PureSpectrumGenerator.Jitter.defaults(),
                settings.seed()));
        Simulator templated = new Simulator(new Simulator.Settings(axis, List.of(), TRAINING_RANGES, PureSpectrumGenerator.Jitter.defaults(),
                settings.seed() + 1, templates));
        List<double[]> pairRaw = new ArrayList<>();
        List<double[]> pairTruth = new ArrayList<>();
        List<Double> pairScale = new ArrayList<>();
        simulate(new Simulator[] {templated, plain}, new int[] {templatePairs, simulatorPairs}, pairRaw, pairTruth, pairScale, listener);
        int measuredPairs = (int) Math.round(settings.measuredShare() * templatePairs);
        // ME-EMSC's b belongs to its own split of the spectrum into reference and Mie terms (b·corrected can be several
        // times the raw spectrum, offset by the Mie terms), so a measured pair's scale comes from the detail itself
        DetailPassThrough.Filter detail = base.metadata().detail() == null ? null : base.metadata().detail().filter(axis.size());
        for (int k = 0; k < measuredPairs; k++) {
            int i = trainIdx.get(k % trainIdx.size());
            double[] corrected = fits[i].corrected();
            if (!(java.util.Arrays.stream(corrected).max().orElse(0) > 0)) continue; // no band to scale by: not a target
            double[] truth = PureSpectrumGenerator.unitMaximum(corrected); // the scale of the simulator's truths
            double scale = detail == null ? 1 : detail.scaleOf(raw[i], truth);
            if (!(scale > 0)) continue; // its detail is not the raw spectrum's: no target for a detail pass-through
            pairRaw.add(raw[i]);
            pairTruth.add(truth);
            pairScale.add(scale);
        }

        Trainer.Settings ts = new Trainer.Settings(base.metadata().architecture().toNetworkArchitecture(), settings.epochs(),
                settings.batchSize(), settings.learningRate(), 0.1, settings.epochs(), settings.seed(), base.metadata().detail());
        Trainer trainer = new Trainer(ts, axis).startingFrom(base, req.baseName());
        listener.stage(Stage.TRAINING, String.format(java.util.Locale.ROOT, "fine-tuning %s for %d epochs on %d pairs",
                ts.architecture().describe(), settings.epochs(), pairRaw.size()));
        double[] scales = base.metadata().detail() == null ? null : pairScale.stream().mapToDouble(Double::doubleValue).toArray();
        Trainer.Result trained = trainer.train(pairRaw, pairTruth, scales, null, false, new Trainer.Listener() {
            @Override
            public void step(long done, long total) {
                listener.progress(done, total);
            }

            @Override
            public void epoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best) {
                listener.epoch(epoch, epochs, trainLoss, validationLoss, best);
            }
        });
        pairRaw.clear();
        pairTruth.clear();
        pairScale.clear();

        // scores on the held-out part: measured vs ME-EMSC, and semi-synthetic vs truth
        List<double[]> heldRaw = heldIdx.stream().map(i -> raw[i]).toList();
        List<double[]> heldMemsc = heldIdx.stream().map(i -> fits[i].corrected()).toList();
        int semi = Math.max(MIN_SEMI_SYNTHETIC, SEMI_SYNTHETIC_PER_TEMPLATE * heldIdx.size());
        listener.stage(Stage.SCORING, String.format(java.util.Locale.ROOT,
                "scoring on the %d held-out spectra and %d semi-synthetic pairs made from them", heldIdx.size(), semi));
        Simulator heldOutPhysics = new Simulator(new Simulator.Settings(axis, List.of(), DistortionRanges.defaults(),
                PureSpectrumGenerator.Jitter.defaults(), settings.seed() + 2, heldMemsc));
        List<double[]> semiRaw = new ArrayList<>();
        List<double[]> semiTruth = new ArrayList<>();
        simulate(new Simulator[] {heldOutPhysics}, new int[] {semi}, semiRaw, semiTruth, listener);
        CorrectionModel adaptedModel = new CorrectionModel(trained.network(), base.metadata());
        Scores before = scores(base, heldRaw, heldMemsc, semiRaw, semiTruth);
        Scores after = scores(adaptedModel, heldRaw, heldMemsc, semiRaw, semiTruth);

        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("method", "descatter adapt: fine-tuned on pairs made by the simulator's physics from ME-EMSC-corrected "
                + "spectra of the user's data (templates), the measured training spectra with their ME-EMSC correction, and plain "
                + "simulator pairs");
        provenance.put("baseModel", req.baseName());
        provenance.put("baseWeightsSha256", base.metadata().weightsSha256());
        provenance.put("raw", req.rawName());
        provenance.putAll(req.provenance());
        provenance.put("reference", req.referenceName());
        provenance.put("rawSpectra", n);
        provenance.put("sample", sampled);
        provenance.put("memscFailed", failed);
        provenance.put("groups", drawn.groups() == null ? "none (split by spectrum)" : units.size());
        provenance.put("trainSpectra", trainIdx.size());
        provenance.put("heldOutSpectra", heldIdx.size());
        provenance.put("holdout", settings.holdout());
        provenance.put("templatePairs", templatePairs);
        provenance.put("simulatorPairs", simulatorPairs);
        provenance.put("simulatedRatio", settings.simulatedRatio());
        provenance.put("measuredPairs", measuredPairs);
        provenance.put("simulator", "types " + trainingTypes().stream().map(TissueType::label).toList()
                + ", atmosphere 0.3, size spread 0.15; seeds " + settings.seed() + " (plain) and " + (settings.seed() + 1) + " (templates)");
        Map<String, Object> heldOut = new LinkedHashMap<>();
        heldOut.put("spectra", heldIdx.size());
        heldOut.put("semiSyntheticPairs", semi);
        heldOut.put("baseMeanRVsMemsc", before.vsMemsc());
        heldOut.put("adaptedMeanRVsMemsc", after.vsMemsc());
        heldOut.put("baseMeanRSemiSyntheticVsTruth", before.vsTruth());
        heldOut.put("adaptedMeanRSemiSyntheticVsTruth", after.vsTruth());
        provenance.put("heldOut", heldOut);
        ModelMetadata metadata = trainer.metadata(trained, provenance);
        return new Result(trained, metadata, sampled, failed, trainIdx.size(), heldIdx.size(), units.size() - held, held,
                templatePairs, simulatorPairs, semi, before, after);
    }

    /** {@code counts[s]} spectra of each simulator, in parallel blocks, appended in order. */
    /** Where the simulator's b (the pure spectrum's scale in the raw one) sits among a spectrum's parameters. */
    private static final int B = io.descatter.synth.Distortion.PARAMETERS.indexOf("b");

    private void simulate(Simulator[] simulators, int[] counts, List<double[]> raw, List<double[]> truth, Listener listener) {
        simulate(simulators, counts, raw, truth, null, listener);
    }

    /** As above, and each pair's scale (the simulator's b) into {@code scales} where it is not null. */
    private void simulate(Simulator[] simulators, int[] counts, List<double[]> raw, List<double[]> truth, List<Double> scales,
            Listener listener) {
        long total = Arrays.stream(counts).asLongStream().sum();
        long done = 0;
        for (int s = 0; s < simulators.length; s++) {
            Simulator sim = simulators[s];
            for (int from = 0; from < counts[s]; from += BLOCK * settings.threads()) {
                int first = from;
                int m = Math.min(counts[s], from + BLOCK * settings.threads()) - from;
                Simulator.Spectrum[] made = new Simulator.Spectrum[m];
                Parallel.forEachIndex(m, settings.threads(), "simulate", () -> i -> made[i] = sim.spectrum(first + i));
                for (Simulator.Spectrum sp : made) {
                    raw.add(sp.raw());
                    truth.add(sp.truth());
                    if (scales != null) scales.add(sp.parameters()[B]);
                }
                done += m;
                listener.progress(done, total);
            }
        }
    }

    /** Mean Pearson r of {@code model} vs ME-EMSC on the measured spectra and vs truth on the semi-synthetic ones. */
    private static Scores scores(CorrectionModel model, List<double[]> raw, List<double[]> memsc, List<double[]> semiRaw,
            List<double[]> semiTruth) {
        return new Scores(meanR(model, raw, memsc), meanR(model, semiRaw, semiTruth));
    }

    private static double meanR(CorrectionModel model, List<double[]> raw, List<double[]> expected) {
        List<double[]> corrected = correct(model, raw);
        double[] wn = model.axis().values();
        List<Evaluation.Score> s = new ArrayList<>();
        for (int i = 0; i < corrected.size(); i++) s.add(Evaluation.score(wn, corrected.get(i), expected.get(i), null));
        return Evaluation.summarise(s).pearson();
    }

    /**
     * The model's corrections of spectra on its axis, as {@code correct} writes them by default: with the band-free
     * baseline subtracted where the axis has both windows ({@link BandFreeBaseline.Choice#AUTO}).
     */
    static List<double[]> correct(CorrectionModel model, List<double[]> spectra) {
        int p = model.axis().size();
        double[] in = new double[spectra.size() * p];
        for (int i = 0; i < spectra.size(); i++) System.arraycopy(spectra.get(i), 0, in, i * p, p);
        double[] out = new double[in.length];
        CorrectionModel.Replica replica = model.replica();
        for (int from = 0; from < spectra.size(); from += 1024) {
            replica.correct(in, from * p, Math.min(1024, spectra.size() - from), out, from * p);
        }
        BandFreeBaseline baseline = BandFreeBaseline.on(model.axis()); // null where the axis misses a window
        if (baseline != null) {
            for (int i = 0; i < spectra.size(); i++) baseline.subtract(out, i * p);
        }
        List<double[]> result = new ArrayList<>();
        for (int i = 0; i < spectra.size(); i++) result.add(Arrays.copyOfRange(out, i * p, (i + 1) * p));
        return result;
    }

    private static boolean hasPositiveMaximum(double[] s) {
        for (double v : s) if (v > 0) return true;
        return false;
    }
}
