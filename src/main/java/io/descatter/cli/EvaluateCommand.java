package io.descatter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.descatter.chemistry.BandRatio;
import io.descatter.chemistry.Fidelity;
import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscOptions;
import io.descatter.emsc.MeEmscResult;
import io.descatter.model.BandFreeBaseline;
import io.descatter.model.BatchCorrection;
import io.descatter.model.CorrectionModel;
import io.descatter.model.Evaluation;
import io.descatter.model.FlagCheck;
import io.descatter.model.MemscRefinement;
import io.descatter.model.ModelStore;
import io.descatter.model.ResidualBackground;
import io.descatter.model.ScatteringShare;
import io.descatter.model.SignalToNoise;
import io.descatter.model.ShippedModels;
import io.descatter.report.BoxPlots;
import io.descatter.report.FidelityReport;
import io.descatter.report.Palette;
import io.descatter.report.SpectrumPlot;
import io.descatter.spectra.RepeatedSpectra;
import io.descatter.spectra.Resampler;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.OutputFolder;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraSummary;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.synth.PureSpectrumGenerator;
import io.descatter.synth.TissueType;
import io.descatter.util.Parallel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Scores a correction model: corrects RAW and compares with the truth (simulated data) and/or with the "
                    + "project's ME-EMSC: RMSE and Pearson r (after one least-squares scale factor), amide I peak position "
                    + "error, bias towards the reference spectrum; overall and per tissue type (the 'tissue' column).",
            "",
            "Chemical fidelity: band ratios to amide I (phosphate, CH stretch, amide II, ester) and amide I/II, CH2/CH3, "
                    + "phosphate 1080/1240 and glycogen 1025/1080, from areas or heights above a straight line across each "
                    + "band's window, compared with the reference's as the median |log(ratio / reference's)| (the ester "
                    + "ratio, which can be ~0 or negative, as |difference|); the raw input is compared the same way, so a "
                    + "correction that changes a ratio more than doing nothing shows. Windows: docs/MODEL.md.",
            "",
            "Confidence: the flags 'correct' writes (ood_flag, scattering_flag, background_flag, with --refine refine_flag), each counted "
                    + "among the corrections that are wrong (r < 0.95 against the truth, else against ME-EMSC) and right "
                    + "(r >= 0.99). --fallback memsc scores what 'correct --fallback memsc' writes: the flagged spectra "
                    + "re-corrected by ME-EMSC with --reference, which helps only where that reference suits the sample "
                    + "(docs/MODEL.md, \"Confidence\").",
            "",
            "Writes evaluation.json (with 'fidelity' and 'confidence' sections), report.md, per_spectrum.csv (id, group, "
                    + "r and RMSE against each reference, each ratio of network, truth, ME-EMSC and raw, then the scores and "
                    + "flags) and PNG plots (the first three spectra, titled with their ids).",
            "",
            "Examples:",
            "  descatter evaluate --raw test_raw.csv --truth test_truth.csv --memsc -o eval/",
            "  descatter evaluate --raw cells.csv --memsc --reference matrigel.csv -o eval_cells/",
            "  descatter evaluate --raw semi_raw.csv --truth semi_truth.csv --fallback memsc --reference matrigel.csv -o eval_fb/"
        })
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model file (default: the shipped model whose axis the raw spectra cover best; see 'descatter models').")
    Path model;

    @Option(names = "--raw", required = true, paramLabel = "RAW", description = "Raw spectra.")
    String raw;

    @Option(names = "--truth", paramLabel = "TRUTH", description = "True spectra, same order (simulated data).")
    String truth;

    @Option(names = "--memsc", description = "Also run the project's ME-EMSC and compare (slow: ~20 iterations per spectrum).")
    boolean memsc;

    @Option(names = "--refine", description = "Score the network's corrections refined as 'correct --refine' does (ME-EMSC with each "
            + "spectrum's network correction as the reference): the 'network' figures are then the refined ones.")
    boolean refine;

    @Option(names = "--baseline", paramLabel = "METHOD", defaultValue = "auto",
            description = "As 'correct --baseline': auto (default) scores the corrections with their baseline through the "
                    + "band-free windows subtracted where the model's axis has both windows (after any refinement or fallback), "
                    + "as correct writes them; band-free always (refused for a model without the windows); none: the "
                    + "network's output as it is.")
    String baseline;

    @Option(names = "--fallback", paramLabel = "METHOD",
            description = "Score what 'correct --fallback memsc' writes: the spectra that any confidence flag marks re-corrected by "
                    + "ME-EMSC (MATLAB defaults, on the model's axis) with --reference. The 'network' figures are then those of "
                    + "that mixed output; the confidence flags are still judged on the network's own corrections.")
    String fallback;

    @Option(names = "--reference", paramLabel = "REF",
            description = "Reference spectrum for ME-EMSC (--memsc, --fallback) and the bias measure (default: the simulator's typical "
                    + "epithelial spectrum).")
    String reference;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder for the report.")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        int nThreads = UsageException.threads(threads); // usage errors before any work
        if (truth == null && !memsc) throw new UsageException("give --truth, --memsc or both: there is nothing to compare with");
        if (fallback != null && !fallback.equalsIgnoreCase("memsc")) throw new UsageException("--fallback must be memsc, not '" + fallback + "'");
        if (refine && fallback != null) {
            throw new UsageException("--refine and --fallback do not go together: --refine already corrects every spectrum with ME-EMSC");
        }
        try (OutputFolder folder = OutputFolder.create(output)) { // an unusable -o is said before the work, not after
            Leftovers.report(spec.commandLine().getErr(), folder.removedLeftovers());
            evaluate(folder, nThreads);
        }
        return ExitCode.OK;
    }

    /** The evaluation itself, its report written into {@code folder}. */
    private void evaluate(OutputFolder folder, int nThreads) throws Exception {
        SpectraTable rawTable = SpectraTable.read(InputSource.of(raw), ReadOptions.defaults());
        // without --model, the raw spectra's axis chooses among the shipped models
        Path modelFile = model != null ? model : ShippedModels.choose(raw, rawTable.schema().axis());
        CorrectionModel m = ModelStore.load(modelFile);
        BandFreeBaseline bandFree = bandFree(m.axis()); // a usage error before any work
        if (fallback != null && m.confidence() == null) {
            throw new UsageException(modelFile + " has no confidence data, so no spectrum can be flagged for --fallback; "
                    + "give it that data with 'train --confidence-only'");
        }
        SpectraTable truthTable = truth == null ? null : SpectraTable.read(InputSource.of(truth), ReadOptions.defaults());
        if (truthTable != null) TrainCommand.checkPairs(rawTable, truthTable);
        WavenumberAxis dataAxis = rawTable.schema().axis();
        WavenumberAxis modelAxis = m.axis();
        // as correct: up to two of the data's steps short at an edge are filled with the edge value
        Resampler toModel = m.requireNearlyCoveredBy(raw, dataAxis).any() ? Resampler.linearHoldingEdges(dataAxis, modelAxis)
                : Resampler.linear(dataAxis, modelAxis);
        double[] wn = modelAxis.values();
        int n = rawTable.size();
        RepeatedSpectra.Result repeats = repeats(rawTable);

        // The network, timed.
        List<double[]> rawOnModel = new ArrayList<>();
        for (double[] r : rawTable.spectra()) rawOnModel.add(toModel.apply(r));
        double[] onModel = new double[n * wn.length];
        for (int i = 0; i < n; i++) System.arraycopy(rawOnModel.get(i), 0, onModel, i * wn.length, wn.length);
        double[] corrected = new double[onModel.length];
        // the signals as correct computes them (confidence score, scattering share, background level before any
        // refinement, signal-to-noise ratio), where the model has them
        CorrectionModel.Signals signals = CorrectionModel.Signals.of(m, n);
        double[] scores = signals.scores();
        double[] shares = signals.shares();
        double[] levels = signals.levels();
        long t0 = System.nanoTime();
        CorrectionModel.Replica replica = m.replica();
        for (int from = 0; from < n; from += 1024) {
            replica.correct(onModel, from * wn.length, Math.min(1024, n - from), corrected, from * wn.length, signals, from);
        }
        double networkMs = (System.nanoTime() - t0) / 1e6 / n;
        List<double[]> net = new ArrayList<>();
        for (int i = 0; i < n; i++) net.add(java.util.Arrays.copyOfRange(corrected, i * wn.length, (i + 1) * wn.length));
        double[] fitRmse = refine ? new double[n] : null;
        int refineFailed = refine ? refine(m, rawOnModel, net, fitRmse, nThreads) : 0;

        SpectraTable refTable = reference == null ? null : SpectraTable.read(InputSource.of(reference), ReadOptions.defaults());
        // --fallback: the flagged spectra re-corrected by ME-EMSC on the model's axis, as correct does; the network's own kept
        List<double[]> networkAlone = fallback == null ? null : net.stream().map(double[]::clone).toList();
        boolean[] reCorrected = fallback == null ? null : anyFlagged(m, scores, shares, levels);
        int fallbackFailed = 0;
        if (fallback != null) {
            MeEmscCorrector onModelAxis = refTable == null
                    ? EmscCommand.meEmscCorrector(wn, wn, typicalReference(modelAxis), MeEmscOptions.defaults(),
                            "the default reference (typical epithelial)", raw)
                    : EmscCommand.meEmscCorrector(wn, refTable.schema().axis().values(), refTable.single(), MeEmscOptions.defaults(),
                            reference, raw);
            fallbackFailed = fallBack(BatchCorrection.Fallback.memsc(onModelAxis), rawOnModel, net, reCorrected, nThreads);
        }
        if (bandFree != null) {
            for (double[] v : net) bandFree.subtract(v, 0); // after refinement and fallback, as correct writes them
            if (networkAlone != null) {
                for (double[] v : networkAlone) bandFree.subtract(v, 0); // as correct writes it without the fallback
            }
        }
        // the bias measure's reference on the model's axis (the given one, or the simulator's typical epithelial one)
        double[] ref = refTable == null ? typicalReference(modelAxis)
                : Resampler.linear(refTable.schema().axis(), modelAxis).apply(refTable.single());
        List<double[]> truthOnModel = null;
        if (truthTable != null) {
            truthOnModel = new ArrayList<>();
            for (double[] t : truthTable.spectra()) truthOnModel.add(toModel.apply(t));
        }
        List<double[]> memscOnModel = null;
        double memscMs = Double.NaN;
        if (memsc) {
            // the default reference is made on the data's own axis, which may reach beyond the model's
            double[] refData = reference == null ? typicalReference(dataAxis) : null;
            MeEmscCorrector corrector = refTable == null
                    ? EmscCommand.meEmscCorrector(dataAxis.values(), dataAxis.values(), refData, MeEmscOptions.defaults(),
                            "the default reference (typical epithelial)", raw)
                    : EmscCommand.meEmscCorrector(dataAxis.values(), refTable.schema().axis().values(), refTable.single(),
                            MeEmscOptions.defaults(), reference, raw);
            long t1 = System.nanoTime();
            MeEmscResult[] results;
            try (ConsoleProgress progress = ConsoleProgress.items("me-emsc", "spectra")) {
                results = corrector.correctAll(rawTable.spectra().toArray(new double[0][]), nThreads, progress);
            }
            memscMs = (System.nanoTime() - t1) / 1e6 / n * nThreads;
            memscOnModel = new ArrayList<>();
            for (MeEmscResult r : results) memscOnModel.add(toModel.apply(r.corrected()));
        }
        List<String> tissues = rawTable.metaColumn("tissue");
        List<String> groups = tissues != null ? tissues : java.util.Collections.nCopies(n, ""); // one group without one
        List<String> ids = rawTable.ids();
        Map<String, Object> report = new LinkedHashMap<>();
        // as the user gave it; the shipped model by its name, never a path of the machine that ran this
        report.put("model", model != null ? model.toString() : "the shipped " + (ShippedModels.FILE_NAME.equals(modelFile.getFileName().toString())
                ? "default " : "") + "model (" + modelFile.getFileName() + ")");
        report.put("raw", raw);
        report.put("spectra", n);
        report.put("repeatedSpectra", repeats.repeats());
        List<String> rawIds = rawTable.ids();
        report.put("repeatExamples", repeats.examples().stream()
                .map(p -> List.of(rawIds.get((int) p.earlier()), rawIds.get((int) p.later()))).toList());
        report.put("networkMsPerSpectrum", networkMs);
        report.put("baseline", bandFree != null ? "band-free" : "none");
        if (refine) report.put("refined", Map.of("method", "ME-EMSC with each spectrum's network correction as reference; the network's "
                + "broad shape, ME-EMSC's detail", "notRefined", refineFailed));
        if (fallback != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("method", "ME-EMSC (MATLAB defaults, on the model's axis) for the spectra that any confidence flag marks");
            f.put("reference", reference != null ? reference : "the simulator's typical epithelial spectrum");
            f.put("reCorrected", count(reCorrected));
            f.put("failed", fallbackFailed);
            report.put("fallback", f);
        }
        if (memsc) report.put("memscCpuMsPerSpectrum", memscMs);
        // Per spectrum: r and RMSE against each reference, then every band ratio of every result.
        Map<String, double[]> perSpectrum = new LinkedHashMap<>();
        if (truthOnModel != null) {
            List<Evaluation.Score> netVsTruth = scores(wn, net, truthOnModel, ref);
            report.put("networkVsTruth", Evaluation.byGroup(netVsTruth, groups));
            addScores(perSpectrum, "network", "truth", netVsTruth);
            if (memscOnModel != null) {
                List<Evaluation.Score> memscVsTruth = scores(wn, memscOnModel, truthOnModel, ref);
                report.put("memscVsTruth", Evaluation.byGroup(memscVsTruth, groups));
                addScores(perSpectrum, "memsc", "truth", memscVsTruth);
            }
        }
        if (memscOnModel != null) {
            List<Evaluation.Score> netVsMemsc = scores(wn, net, memscOnModel, null);
            report.put("networkVsMemsc", Evaluation.byGroup(netVsMemsc, groups));
            addScores(perSpectrum, "network", "memsc", netVsMemsc);
        }
        Map<String, double[][]> ratios = new LinkedHashMap<>(); // [spectrum][BandRatio]
        ratios.put("network", Fidelity.ratios(wn, net));
        if (truthOnModel != null) ratios.put("truth", Fidelity.ratios(wn, truthOnModel));
        if (memscOnModel != null) ratios.put("memsc", Fidelity.ratios(wn, memscOnModel));
        ratios.put("raw", Fidelity.ratios(wn, rawOnModel));
        for (BandRatio r : BandRatio.values()) {
            ratios.forEach((name, v) -> perSpectrum.put(r.column() + "_" + name, IntStream.range(0, n).mapToDouble(i -> v[i][r.ordinal()]).toArray()));
        }
        report.put("fidelity", fidelity(ratios, groups));
        double[] agreement = perSpectrum.get(truthOnModel != null ? "network_r_vs_truth" : "network_r_vs_memsc");
        if (fallback != null) {
            // the flags judge the network's own corrections, not what replaced the flagged ones
            String against = truthOnModel != null ? "truth" : "memsc";
            agreement = scores(wn, networkAlone, truthOnModel != null ? truthOnModel : memscOnModel, null).stream()
                    .mapToDouble(Evaluation.Score::pearson).toArray();
            perSpectrum.put("network_alone_r_vs_" + against, agreement);
            perSpectrum.put(FALLBACK_COLUMN, IntStream.range(0, n).mapToDouble(i -> reCorrected[i] ? 1 : 0).toArray());
        }
        Map<String, Object> flags = flags(m, signals, fitRmse, agreement, perSpectrum);
        if (!flags.isEmpty()) {
            Map<String, Object> section = new LinkedHashMap<>();
            if (agreement != null) {
                int[] worstAndBest = FlagCheck.worstAndBest(agreement);
                section.put("against", truthOnModel != null ? "truth" : "ME-EMSC");
                section.put("worstBelow", FlagCheck.WORST_BELOW);
                section.put("worstSpectra", worstAndBest[0]);
                section.put("bestFrom", FlagCheck.BEST_FROM);
                section.put("bestSpectra", worstAndBest[1]);
            }
            section.put("flags", flags);
            report.put("confidence", section);
        }
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        Path dir = folder.path();
        Files.writeString(dir.resolve("evaluation.json"), json);
        Files.writeString(dir.resolve("report.md"), markdown(report));
        FidelityReport.writePerSpectrum(dir.resolve("per_spectrum.csv"), ids, groups, perSpectrum);
        plots(dir, wn, rawOnModel, net, truthOnModel, memscOnModel, ids, groups);
        folder.commit();
        spec.commandLine().getOut().print(markdown(report));
    }

    /** How many repeats {@code evaluation.json} names (all are counted). */
    private static final int REPEAT_EXAMPLES_IN_REPORT = 100;

    /**
     * The raw spectra that repeat an earlier one's values exactly; said on stderr with their ids, since each repeat
     * counts once more in every figure of the report.
     */
    private RepeatedSpectra.Result repeats(SpectraTable table) {
        RepeatedSpectra found = new RepeatedSpectra();
        for (double[] s : table.spectra()) found.add(s, 0, s.length);
        RepeatedSpectra.Result r = found.result(REPEAT_EXAMPLES_IN_REPORT);
        if (r.any()) {
            List<String> ids = table.ids();
            String named = r.examples().stream().limit(SpectraSummary.REPEAT_EXAMPLES)
                    .map(p -> ids.get((int) p.later()) + " = " + ids.get((int) p.earlier())).collect(java.util.stream.Collectors.joining(", "));
            spec.commandLine().getErr().printf(Locale.ROOT, "descatter: %s: %d of %d spectra %s an earlier spectrum's values exactly (%s%s): "
                    + "each repeat counts once more in every figure; remove the repeats for figures over distinct spectra%n", raw, r.repeats(),
                    table.size(), r.repeats() == 1 ? "repeats" : "repeat", named, r.repeats() > SpectraSummary.REPEAT_EXAMPLES ? ", ..." : "");
        }
        return r;
    }

    /** The default reference: the simulator's typical epithelial spectrum on {@code axis}. */
    private static double[] typicalReference(WavenumberAxis axis) {
        return new PureSpectrumGenerator(axis, PureSpectrumGenerator.Jitter.defaults()).typical(TissueType.EPITHELIAL);
    }

    /**
     * The fidelity section: every correction's band ratios (and the raw input's) against each reference there is,
     * the truth and/or ME-EMSC.
     */
    private static Map<String, Object> fidelity(Map<String, double[][]> ratios, List<String> groups) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (ratios.containsKey("truth")) out.put("vsTruth", Fidelity.compare("truth", ratios.get("truth"), without(ratios, "truth"), groups));
        // against ME-EMSC the network and the raw input (the truth's agreement with ME-EMSC is ME-EMSC's with the truth)
        if (ratios.containsKey("memsc")) out.put("vsMemsc", Fidelity.compare("memsc", ratios.get("memsc"), without(ratios, "memsc", "truth"), groups));
        return out;
    }

    private static Map<String, double[][]> without(Map<String, double[][]> all, String... names) {
        Map<String, double[][]> m = new LinkedHashMap<>(all);
        for (String name : names) m.remove(name);
        return m;
    }

    /**
     * Replaces each network correction by its refinement, on {@code threads} threads, and writes each refinement's fit
     * RMSE into {@code fitRmse} (NaN where it failed); returns how many could not be refined.
     */
    private static int refine(CorrectionModel m, List<double[]> rawOnModel, List<double[]> net, double[] fitRmse, int threads) {
        MemscRefinement refinement = new MemscRefinement(m.axis().values(), MemscRefinement.detailOf(m));
        AtomicInteger failed = new AtomicInteger();
        Parallel.forEachIndex(net.size(), threads, "refine", () -> i -> {
            var r = refinement.refineFitted(rawOnModel.get(i), net.get(i));
            fitRmse[i] = r == null ? Double.NaN : r.fitRmse();
            if (r == null) failed.incrementAndGet();
            else net.set(i, r.spectrum());
        });
        return failed.get();
    }

    /** Per spectrum: 1 where the fallback's correction replaced the network's. */
    static final String FALLBACK_COLUMN = "corrected_by_memsc";
    /** The confidence entry of spectra flagged as strongly scattering or as noisy. */
    static final String SCATTERING_OR_NOISE = "scattering_or_noise";

    /**
     * Replaces the network's correction of each spectrum marked in {@code marked} by the fallback's, on {@code threads}
     * threads; unmarks and counts those the fallback cannot correct (they keep the network's, as in correct).
     */
    private static int fallBack(BatchCorrection.Fallback fallback, List<double[]> rawOnModel, List<double[]> net, boolean[] marked,
            int threads) {
        AtomicInteger failed = new AtomicInteger();
        Parallel.forEachIndex(net.size(), threads, "fallback", () -> i -> {
            if (!marked[i]) return;
            BatchCorrection.Fitted c = fallback.correct(rawOnModel.get(i), net.get(i));
            if (c == null) {
                marked[i] = false;
                failed.incrementAndGet();
            } else {
                net.set(i, c.spectrum());
            }
        });
        return failed.get();
    }

    /** Where correct's --fallback re-corrects: any of the out-of-distribution, scattering and background flags. */
    /** --baseline: the band-free baseline on the model's axis, or null for none (a usage error where the axis misses a window). */
    private BandFreeBaseline bandFree(WavenumberAxis modelAxis) {
        BandFreeBaseline.Choice choice;
        try {
            choice = BandFreeBaseline.Choice.parse(baseline);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!choice.subtractsOn(modelAxis)) return null;
        BandFreeBaseline b = BandFreeBaseline.on(modelAxis);
        if (b == null) throw new UsageException("--baseline band-free needs a model whose axis reaches 1800-2000 and 3800-4000 cm-1");
        return b;
    }

    private static boolean[] anyFlagged(CorrectionModel m, double[] scores, double[] shares, double[] levels) {
        boolean[] any = new boolean[scores.length];
        ScatteringShare share = shares == null ? null : m.metadata().scatteringShare();
        for (int i = 0; i < any.length; i++) {
            any[i] = BatchCorrection.fallsBack(m.confidence().flags(scores[i]), share != null && share.flags(shares[i]),
                    levels != null && ResidualBackground.flags(levels[i]));
        }
        return any;
    }

    private static int count(boolean[] flags) {
        int k = 0;
        for (boolean f : flags) if (f) k++;
        return k;
    }

    /**
     * Each confidence flag that {@code correct} would write for these spectra, summarised against {@code agreement}
     * (each correction's r against the truth or ME-EMSC; null: counts only), its score and flag added to the per-spectrum
     * columns. Empty for a model without confidence data, share or refinement.
     */
    private static Map<String, Object> flags(CorrectionModel m, CorrectionModel.Signals signals, double[] fitRmse,
            double[] agreement, Map<String, double[]> perSpectrum) {
        double[] scores = signals.scores();
        double[] shares = signals.shares();
        double[] levels = signals.levels();
        double[] snr = signals.signalToNoise();
        Map<String, Object> flags = new LinkedHashMap<>();
        boolean[] ood = null;
        boolean[] strong = null;
        if (scores != null) {
            ood = flagged(scores, m.confidence()::flags);
            flags.put(BatchCorrection.FLAG_COLUMN, FlagCheck.summary(m.confidence().threshold(), ood, agreement));
            perSpectrum.put(BatchCorrection.SCORE_COLUMN, scores);
            perSpectrum.put(BatchCorrection.FLAG_COLUMN, zeroOne(ood, scores));
        }
        if (shares != null) {
            ScatteringShare share = m.metadata().scatteringShare();
            strong = flagged(shares, share::flags);
            flags.put(BatchCorrection.SHARE_FLAG_COLUMN, FlagCheck.summary(share.threshold(), strong, agreement));
            perSpectrum.put(BatchCorrection.SHARE_COLUMN, shares);
            perSpectrum.put(BatchCorrection.SHARE_FLAG_COLUMN, zeroOne(strong, shares));
        }
        boolean[] left = null;
        if (levels != null) {
            left = flagged(levels, ResidualBackground::flags);
            flags.put(BatchCorrection.BACKGROUND_FLAG_COLUMN, FlagCheck.summary(ResidualBackground.THRESHOLD, left, agreement));
            perSpectrum.put(BatchCorrection.BACKGROUND_COLUMN, levels);
            perSpectrum.put(BatchCorrection.BACKGROUND_FLAG_COLUMN, zeroOne(left, levels));
        }
        if (snr != null) {
            boolean[] noisy = flagged(snr, SignalToNoise::flags);
            flags.put(BatchCorrection.NOISE_FLAG_COLUMN, FlagCheck.summary(SignalToNoise.THRESHOLD, noisy, agreement));
            perSpectrum.put(BatchCorrection.SNR_COLUMN, snr);
            perSpectrum.put(BatchCorrection.NOISE_FLAG_COLUMN, zeroOne(noisy, snr));
            if (strong != null) {
                // the two that judge the correction itself: strong scattering, or noise that no correction removes
                boolean[] either = new boolean[noisy.length];
                for (int i = 0; i < either.length; i++) either[i] = strong[i] || noisy[i];
                Map<String, Object> e = FlagCheck.summary(Double.NaN, either, agreement);
                e.remove("threshold");
                flags.put(SCATTERING_OR_NOISE, e);
            }
        }
        if (ood != null && strong != null) {
            Map<String, Object> s = FlagCheck.summary(Double.NaN, anyFlagged(m, scores, shares, levels), agreement);
            s.remove("threshold");
            flags.put("any", s); // what correct --fallback memsc re-corrects
        }
        if (fitRmse != null) {
            boolean[] poor = flagged(fitRmse, v -> v > MemscRefinement.RMSE_THRESHOLD);
            flags.put(BatchCorrection.FIT_FLAG_COLUMN, FlagCheck.summary(MemscRefinement.RMSE_THRESHOLD, poor, agreement));
            perSpectrum.put(BatchCorrection.FIT_COLUMN, fitRmse);
            perSpectrum.put(BatchCorrection.FIT_FLAG_COLUMN, zeroOne(poor, fitRmse));
        }
        return flags;
    }

    private static boolean[] flagged(double[] values, java.util.function.DoublePredicate flags) {
        boolean[] f = new boolean[values.length];
        for (int i = 0; i < f.length; i++) f[i] = flags.test(values[i]);
        return f;
    }

    /** 1 or 0 per flag, NaN where the score is (no score, no flag), as correct writes them. */
    private static double[] zeroOne(boolean[] flags, double[] scores) {
        double[] v = new double[flags.length];
        for (int i = 0; i < v.length; i++) v[i] = Double.isNaN(scores[i]) ? Double.NaN : flags[i] ? 1 : 0;
        return v;
    }

    private static void addScores(Map<String, double[]> columns, String output, String reference, List<Evaluation.Score> scores) {
        columns.put(output + "_r_vs_" + reference, scores.stream().mapToDouble(Evaluation.Score::pearson).toArray());
        columns.put(output + "_rmse_vs_" + reference, scores.stream().mapToDouble(Evaluation.Score::rmse).toArray());
    }

    private static List<Evaluation.Score> scores(double[] wn, List<double[]> got, List<double[]> expected, double[] ref) {
        List<Evaluation.Score> s = new ArrayList<>();
        for (int i = 0; i < got.size(); i++) s.add(Evaluation.score(wn, got.get(i), expected.get(i), ref));
        return s;
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report) {
        StringBuilder sb = new StringBuilder("# Evaluation of " + report.get("model") + " on " + report.get("raw") + "\n\n");
        sb.append(String.format(Locale.ROOT, "%s spectra; network %.4f ms per spectrum%s.%n%n", report.get("spectra"), report.get("networkMsPerSpectrum"),
                report.containsKey("memscCpuMsPerSpectrum") ? String.format(Locale.ROOT, ", ME-EMSC %.1f CPU-ms per spectrum", report.get("memscCpuMsPerSpectrum")) : ""));
        sb.append("band-free".equals(report.get("baseline"))
                ? "The corrections are scored as `correct` writes them by default: each less its straight baseline through the band-free "
                        + "windows 1800-2000 and 3800-4000 cm-1 (`--baseline none` scores the network's output as it is).\n\n"
                : "The corrections are scored as the network's output as it is, without the band-free baseline.\n\n");
        if (report.get("refined") instanceof Map<?, ?> refined) {
            sb.append("The network's corrections are refined (`--refine`): ").append(refined.get("method")).append("; ")
                    .append(refined.get("notRefined")).append(" could not be refined and keep the network's correction. ")
                    .append("\"network\" below means the refined corrections.\n\n");
        }
        if (report.get("fallback") instanceof Map<?, ?> f) {
            sb.append("Flagged spectra are re-corrected as `correct --fallback memsc` does: ").append(f.get("method"))
                    .append(", reference ").append(f.get("reference")).append(": ").append(f.get("reCorrected")).append(" of ")
                    .append(report.get("spectra")).append(" re-corrected, ").append(f.get("failed"))
                    .append(" that ME-EMSC could not correct keep the network's correction. \"network\" below means this mixed "
                    + "output; the confidence flags are judged on the network's own corrections.\n\n");
        }
        sb.append("| comparison | group | n | RMSE | Pearson r | abs. amide I shift (cm-1) | bias towards reference |\n|---|---|---|---|---|---|---|\n");
        for (String key : List.of("networkVsTruth", "memscVsTruth", "networkVsMemsc")) {
            Object v = report.get(key);
            if (v == null) continue;
            for (Map.Entry<String, Object> g : ((Map<String, Object>) v).entrySet()) {
                Map<String, Object> s = (Map<String, Object>) g.getValue();
                int failed = ((Number) s.get("failed")).intValue();
                String n = s.get("spectra") + (failed > 0 ? " (" + failed + " failed, left out of the means)" : "");
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.5f | %.5f | %.2f | %s |%n", key, g.getKey(), n,
                        (Double) s.get("meanRmse"), (Double) s.get("meanPearsonR"), (Double) s.get("meanAbsAmideIShiftCm1"),
                        Double.isNaN((Double) s.get("meanReferenceBias")) ? "" : String.format(Locale.ROOT, "%.4f", (Double) s.get("meanReferenceBias"))));
            }
        }
        sb.append("\nRMSE after one least-squares scale factor; bias towards reference: (d(truth, ref) − d(output, ref)) / d(truth, ref),"
                + " positive when the output moved from the truth towards the reference spectrum.\n");
        if (report.get("confidence") instanceof Map<?, ?> confidence) sb.append(confidenceMarkdown((Map<String, Object>) confidence));
        Map<String, Object> fidelity = (Map<String, Object>) report.get("fidelity");
        if (fidelity != null) {
            sb.append("\n## Chemical fidelity\n\n").append(FidelityReport.explanation()).append('\n');
            if (fidelity.containsKey("vsTruth")) sb.append(FidelityReport.markdown("vs truth", (Map<String, Object>) fidelity.get("vsTruth")));
            if (fidelity.containsKey("vsMemsc")) sb.append(FidelityReport.markdown("vs ME-EMSC", (Map<String, Object>) fidelity.get("vsMemsc")));
        }
        return sb.toString();
    }

    /** The confidence flags as a table: how many each flags, and of the wrong and the right corrections where known. */
    @SuppressWarnings("unchecked")
    private static String confidenceMarkdown(Map<String, Object> confidence) {
        boolean known = confidence.containsKey("against");
        StringBuilder sb = new StringBuilder("\n## Confidence flags\n\n");
        sb.append(known ? String.format(Locale.ROOT, "The flags `correct` writes, against each correction's r with %s: of the %s wrong "
                + "(r < %s) a useful flag catches most, of the %s right (r ≥ %s) few.%n%n",
                "truth".equals(confidence.get("against")) ? "the truth" : confidence.get("against"),
                confidence.get("worstSpectra"), confidence.get("worstBelow"), confidence.get("bestSpectra"), confidence.get("bestFrom"))
                : "The flags `correct` writes (no truth nor ME-EMSC to judge them by).\n\n");
        sb.append(known ? "| flag | threshold | flagged | of the wrong | of the right |\n|---|---|---|---|---|\n"
                : "| flag | threshold | flagged |\n|---|---|---|\n");
        int worst = known ? ((Number) confidence.get("worstSpectra")).intValue() : 0;
        int best = known ? ((Number) confidence.get("bestSpectra")).intValue() : 0;
        for (Map.Entry<String, Object> e : ((Map<String, Object>) confidence.get("flags")).entrySet()) {
            Map<String, Object> f = (Map<String, Object>) e.getValue();
            String name = switch (e.getKey()) {
                case "any" -> "`ood_flag`, `scattering_flag` or `background_flag` (what `--fallback memsc` re-corrects)";
                case SCATTERING_OR_NOISE -> "`scattering_flag` or `noise_flag` (the correction itself uncertain)";
                default -> "`" + e.getKey() + "`";
            };
            String threshold = f.containsKey("threshold") ? io.descatter.spectra.io.DoubleFormatter.significantDigits(4).format((Double) f.get("threshold")) : "";
            sb.append("| ").append(name).append(" | ").append(threshold).append(" | ").append(f.get("flagged"));
            if (known) {
                sb.append(" | ").append(share(((Number) f.get("flaggedOfWorst")).intValue(), worst))
                        .append(" | ").append(share(((Number) f.get("flaggedOfBest")).intValue(), best));
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    private static String share(int flagged, int of) {
        return of == 0 ? "0 of 0" : String.format(Locale.ROOT, "%d of %d (%.1f %%)", flagged, of, 100.0 * flagged / of);
    }

    private static SpectrumPlot.Curve methodCurve(Palette.Method method, double[] wn, double[] values) {
        return new SpectrumPlot.Curve(method.label(), wn, values, method.colour(), true);
    }

    private static void plots(Path dir, double[] wn, List<double[]> rawOnModel, List<double[]> net, List<double[]> truthOnModel,
            List<double[]> memscOnModel, List<String> ids, List<String> groups) throws java.io.IOException {
        int shown = Math.min(3, net.size());
        for (int i = 0; i < shown; i++) {
            // each method in its fixed colour, the same in every report
            List<SpectrumPlot.Curve> curves = new ArrayList<>();
            curves.add(methodCurve(Palette.Method.RAW, wn, rawOnModel.get(i)));
            curves.add(methodCurve(Palette.Method.NETWORK, wn, net.get(i)));
            if (truthOnModel != null) curves.add(methodCurve(Palette.Method.TRUTH, wn, truthOnModel.get(i)));
            if (memscOnModel != null) curves.add(methodCurve(Palette.Method.ME_EMSC, wn, memscOnModel.get(i)));
            String title = ids.get(i) + (groups.get(i).isEmpty() ? "" : " (" + groups.get(i) + ")");
            SpectrumPlot.write(dir.resolve("example_" + (i + 1) + ".png"), List.of(new SpectrumPlot.Panel(title, curves)), 1,
                    SpectrumPlot.ABSORBANCE);
        }
        List<double[]> expected = truthOnModel != null ? truthOnModel : memscOnModel;
        Map<String, Map<String, double[]>> panels = new LinkedHashMap<>();
        Map<String, double[]> r = new LinkedHashMap<>();
        r.put("network", IntStream.range(0, net.size()).mapToDouble(i -> Evaluation.score(wn, net.get(i), expected.get(i), null).pearson()).toArray());
        if (truthOnModel != null && memscOnModel != null) {
            List<double[]> ms = memscOnModel;
            r.put("ME-EMSC", IntStream.range(0, ms.size()).mapToDouble(i -> Evaluation.score(wn, ms.get(i), expected.get(i), null).pearson()).toArray());
        }
        panels.put("Pearson r vs " + (truthOnModel != null ? "truth" : "ME-EMSC"), r);
        BoxPlots.save(panels, 1, dir.resolve("pearson.png"));
    }
}
