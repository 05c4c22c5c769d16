package io.descatter.cli;

import io.descatter.model.BandFreeBaseline;
import io.descatter.model.BatchCorrection;
import io.descatter.model.CorrectionModel;
import io.descatter.model.MemscRefinement;
import io.descatter.model.ShippedModels;
import io.descatter.model.ModelStore;
import io.descatter.model.ResidualBackground;
import io.descatter.model.SignalToNoise;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.util.Counted;
import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "correct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Removes resonant Mie scattering from spectra with a trained network. Streams: any number of spectra in "
                    + "constant memory. Ids, metadata and row order are kept.",
            "",
            "Model: --model MODEL, else the shipped model (models/descatter-*.zip; 'descatter models' lists them) whose "
                    + "axis the input covers (allowing the edge rule below) with the widest range, the most chemistry; ties go "
                    + "to the most points. The summary line names it. An input that covers none is refused (exit 4) with the "
                    + "shipped models' ranges and the exact simulate and train commands for a model on its own axis.",
            "",
            "Input on another wavenumber axis is resampled onto the model's axis (linear); it must cover the model's "
                    + "range, but for up to two of its own steps at an edge, where its edge value is held (with a note). "
                    + "Output is on the model's axis unless --output-axis input: then it is on the input's own "
                    + "points inside the model's range (those outside it are left out, as the network corrects nothing there).",
            "",
            "Baseline: each correction is left at zero in the band-free windows 1800-2000 and 3800-4000 cm-1, as ME-EMSC "
                    + "leaves its, by subtracting the straight line through them (held constant below 1800 cm-1); band ratios are "
                    + "unchanged. Models whose axis misses a window (the fingerprint and Agilent models) leave it out. "
                    + "--baseline none writes the network's output as it is.",
            "",
            "Confidence: a model trained by this version also scores each spectrum's unlikeness to its training inputs and "
                    + "writes it as the metadata columns confidence_ood (1 = the model's threshold; about 2 %% of spectra like the "
                    + "training inputs lie above it) and ood_flag (1 above the threshold, else 0). Flagged spectra (transmittance "
                    + "instead of absorbance, shuffled or foreign data, chemistry or scattering the network never saw) may have had "
                    + "their chemistry rewritten. --fallback memsc --reference REF corrects them by ME-EMSC instead (default "
                    + "settings of 'descatter emsc'; REF must cover the model's range) and adds the column corrected_by "
                    + "(network or memsc). The shipped models also write how much scattering each correction removed "
                    + "(scattering_share, scattering_flag: strongly scattering, the least certain corrections) and left at "
                    + "3800-4000 cm-1 (background_level, background_flag), and its signal-to-noise ratio (signal_to_noise; "
                    + "noise_flag below 7.09, where the noise it keeps alone holds it under r = 0.99 against the noise-free "
                    + "spectrum). --fallback re-corrects the strongly scattering and background-flagged spectra too, not the "
                    + "noisy ones: ME-EMSC keeps the noise as well. "
                    + "Models without confidence data correct as before and say so. docs/MODEL.md, "
                    + "\"Confidence\", explains the score.",
            "",
            "Band ratios: the network keeps the C-H stretch, CH2/CH3, phosphate and amide II ratios as close to the truth as "
                    + "the input's or closer, but not the ester band and the 1000-1300 cm-1 height ratios (1080/1240, glycogen "
                    + "1025/1080). --refine re-corrects every spectrum by ME-EMSC with its own network correction as the "
                    + "reference, which keeps all of them at ME-EMSC's speed (docs/MODEL.md, \"Refinement\").",
            "",
            "Examples:",
            "  descatter correct cells.csv -o cells_corrected.csv",
            "  descatter correct fingerprint.csv -o out.csv   (1000-1800 cm-1: the fingerprint model)",
            "  descatter correct cells.csv -o corrected.csv --fallback memsc --reference matrigel.csv",
            "  descatter correct cells.csv -o corrected.csv --refine   (band ratios kept; ~115 spectra/s on 2 cores)",
            "  descatter correct cells.csv -o corrected.csv --baseline none   (the network's output without the band-free baseline)",
            "  descatter correct image.csv.gz -o corrected.csv.gz --threads 2 --batch 2048",
            "  descatter correct section.hdr -o section_corrected.hdr   (ENVI image in and out: size and grid kept)",
            "  descatter correct section.hdr -o section_corrected.csv   (one row per pixel, map_x and map_y first)",
            "  descatter correct tissue.dmt -o tissue_corrected.hdr    (Agilent FPA mosaic -> ENVI, pixel size kept)",
            "  descatter correct cells.mat -o cells_corrected.h5       (MATLAB in, HDF5 out; also .bsp/.dat, OPUS .0)",
            "  descatter correct spectra/*.0 -o corrected.csv        (a folder of OPUS files: one table, each spectrum's file in column file)",
            "  descatter correct slides.parquet -o corrected.parquet   (Parquet in and out, scores and flags typed, as descatter-spark)",
            "  descatter correct cells.csv -o corrected.csv --model models/my-model.zip --output-axis input",
            "  descatter correct transmittance.csv -o corrected.csv --input-unit transmittance",
            "  descatter correct excel_export.csv -o corrected.csv --output-decimal comma   (';' and 0,1234 in and out)",
            "  descatter correct gaps.csv -o corrected.csv --allow-nan --max-missing 0.05",
            "",
            "Missing values: with --allow-nan, empty and NaN cells are filled by linear interpolation along the axis (the "
                    + "nearest value at an end) before correction, with a note counting them; a spectrum with more than "
                    + "--max-missing of its points missing is written as NaN and counted in the summary. Without --allow-nan "
                    + "such cells are refused (exit 3)."
        })
final class CorrectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN", arity = "1..*", description = "Raw spectra (" + SpectraFiles.READ + "; or - for standard input). Several files are read as one table, in "
                    + "the order given, each spectrum with its file's name in the column file (a folder of OPUS files: *.0); "
                    + "they must share one axis and the same metadata columns.")
    List<String> inputs;

    /** The input's name in messages (several files: "a.0, b.0 and 98 more files"). */
    private String in;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Corrected spectra (" + SpectraFiles.WRITTEN + ").")
    String out;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model file (default: the shipped model whose axis the input covers best; see 'descatter models').")
    Path model;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, one network replica each (default: all cores).")
    Integer threads;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1024", description = "Spectra per network call (default: ${DEFAULT-VALUE}); smaller on its own when the batches in flight "
                    + "would not fit the Java heap (a note says so; e.g. JAVA_TOOL_OPTIONS=-Xmx256m descatter correct big.csv "
                    + "-o out.csv runs in batches of 256).")
    int batch;

    @Option(names = "--output-axis", paramLabel = "AXIS", defaultValue = "model",
            description = "model (default) or input: resample the corrected spectra back onto the input's own points "
                    + "(those inside the model's range).")
    String outputAxis;

    @Option(names = "--digits", paramLabel = "N",
            description = "Significant digits of the output (default: float precision, the network's own).")
    Integer digits;

    @Option(names = "--fallback", paramLabel = "METHOD",
            description = "memsc: correct the flagged spectra (ood_flag, scattering_flag or background_flag 1) by ME-EMSC "
                    + "instead of the network; needs --reference.")
    String fallback;

    @Option(names = "--refine",
            description = "Refine every spectrum's correction by ME-EMSC with the network's own correction of it as the reference: "
                    + "the network's broad shape, ME-EMSC's fine structure. Keeps band ratios closer to the truth on chemistry "
                    + "unlike the simulator's (docs/MODEL.md, \"Refinement\"), with no generic reference to pull towards; about "
                    + "17 ms per spectrum and core, about a thousand times the network's time. Adds corrected_by, refine_change "
                    + "(how far the refinement moved the network's correction), refine_rmse (the RMSE of the ME-EMSC fit, in "
                    + "the input's absorbance units) and refine_flag (1 where refine_rmse > 0.0024: a refined correction to doubt). "
                    + "Not with --fallback.")
    boolean refine;

    @Option(names = "--reference", paramLabel = "REF",
            description = "Reference spectrum for --fallback memsc (any layout, one spectrum), as for 'descatter emsc'.")
    String reference;

    @Option(names = "--baseline", paramLabel = "METHOD", defaultValue = "auto",
            description = "auto (default): band-free where the model's axis reaches both band-free windows (the default "
                    + "model's does), else none. band-free: subtract each correction's straight baseline through the windows "
                    + "1800-2000 and 3800-4000 cm-1, leaving it at zero there as ME-EMSC leaves its corrections (the model's "
                    + "training truths stand 1.5-2.5 %% of their maximum above zero there); band ratios are unchanged "
                    + "(docs/MODEL.md, \"Real chemistry\"). none: the network's output as it is.")
    String baseline;

    @Mixin
    InputOptions input;

    @Option(names = "--max-missing", paramLabel = "SHARE", defaultValue = "0.1",
            description = "With --allow-nan: the largest share of a spectrum's points (0-1) that may be missing and are "
                    + "filled; a spectrum with more is written as NaN (default: ${DEFAULT-VALUE}).")
    double maxMissing;

    @Mixin
    InputUnitOption inputUnit;

    @Mixin
    OutputDecimalOption outputDecimal;

    @Override
    public Integer call() throws Exception {
        int n = UsageException.threads(threads); // usage errors before any work
        InputSource source = UsageException.inputs(inputs);
        in = source.name();
        OutputTarget target = OutputTarget.of(out);
        UsageException.requireDistinct(source, target);
        BatchCorrection.OutputAxis axis = switch (outputAxis.toLowerCase(Locale.ROOT)) {
            case "model" -> BatchCorrection.OutputAxis.MODEL;
            case "input" -> BatchCorrection.OutputAxis.INPUT;
            default -> throw new UsageException("--output-axis must be model or input, not '" + outputAxis + "'");
        };
        if (batch < 1) throw new UsageException("--batch must be at least 1");
        if (!(maxMissing >= 0 && maxMissing <= 1)) throw new UsageException("--max-missing must be a share from 0 to 1, not " + maxMissing);
        Character decimalMark = outputDecimal.mark();
        var read = input.toReadOptions();
        var unit = inputUnit.unit();
        DoubleFormatter format = UsageException.digits(digits);
        if (fallback != null && !fallback.equalsIgnoreCase("memsc")) throw new UsageException("--fallback must be memsc, not '" + fallback + "'");
        if (fallback != null && reference == null) throw new UsageException("--fallback memsc needs --reference REF");
        if (fallback == null && reference != null) throw new UsageException("--reference is for --fallback memsc; give both");
        BandFreeBaseline.Choice baselineChoice;
        try {
            baselineChoice = BandFreeBaseline.Choice.parse(baseline);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (refine && fallback != null) {
            throw new UsageException("--refine and --fallback do not go together: --refine already corrects every spectrum with ME-EMSC");
        }
        try (SpectraReader reader = SpectraReader.open(source, read)) {
            // without --model, the input's axis chooses among the shipped models; read once, as standard input can be
            Path modelFile = model != null ? model : ShippedModels.choose(source.name(), reader.schema().axis());
            CorrectionModel m = ModelStore.load(modelFile);
            PrintWriter err = spec.commandLine().getErr();
            if (m.confidence() == null) {
                if (fallback != null) {
                    throw new UsageException(modelFile + " has no confidence data, so no spectrum can be flagged for --fallback; "
                            + "retrain it with this version of descatter");
                }
                if (refine && !MemscRefinement.canRefine(m)) {
                    throw new UsageException(modelFile + " has no confidence data, which --refine needs; retrain it with this version of descatter");
                }
                err.printf("descatter: %s has no confidence data: spectra are not scored (retrain it with this version to get "
                        + "confidence_ood)%n", modelFile.getFileName());
            }
            BatchCorrection.Fallback memsc = fallback != null ? memsc(m) : refine ? MemscRefinement.forEveryRow(m) : null;
            Leftovers.remove(err, target);
            long start = System.nanoTime();
            BatchCorrection.Result r;
            try (ConsoleProgress progress = ConsoleProgress.bytes("correct")) {
                r = BatchCorrection.run(reader, new BatchCorrection.Request(source, read, target, m, n, batch, axis, format, unit, memsc,
                        decimalMark, maxMissing, baselineChoice.subtractsOn(m.axis())),
                        progress);
            }
            double s = (System.nanoTime() - start) / 1e9;
            if (!target.isStdout()) {
                spec.commandLine().getErr().printf(Locale.ROOT, "descatter: corrected %s in %.1f s (%.0f spectra/s) with %s%s -> %s%s%n",
                        Counted.spectra(r.spectra()), s, r.spectra() / s, modelFile.getFileName(), r.resampled() ? " (input resampled onto the model's axis)" : "", out,
                        r.tooManyMissing() == 0 ? "" : String.format(Locale.ROOT, "; %s with more than %s %% missing written as NaN",
                                Counted.spectra(r.tooManyMissing()), DoubleFormatter.exact().format(100 * maxMissing)));
            }
            if (baselineChoice == BandFreeBaseline.Choice.AUTO && !baselineChoice.subtractsOn(m.axis())) {
                err.printf(Locale.ROOT, "descatter: note: no band-free baseline subtracted: %s's axis (%s-%s cm-1) does not reach both "
                        + "band-free windows (1800-2000 and 3800-4000 cm-1), so the corrections are the network's output as it is%n", modelFile.getFileName(),
                        DoubleFormatter.significantDigits(6).format(m.axis().min()), DoubleFormatter.significantDigits(6).format(m.axis().max()));
            }
            if (!r.droppedMeta().isEmpty()) {
                var image = io.descatter.spectra.image.ImageFormats.writingFormatOf(out);
                err.printf("descatter: note: %s: %s not written to %s (a .h5, .mat, .parquet or wide .csv output keeps them)%n",
                        image != null ? image.name() + " keeps no metadata columns" : "the columnar layout keeps only the id column",
                        String.join(", ", r.droppedMeta()), out);
            }
            if (r.batch() < batch) {
                err.printf(Locale.ROOT, "descatter: note: corrected in batches of %d spectra, not %d, to fit the Java heap of %d MB%n",
                        r.batch(), batch, io.descatter.util.OutOfHeap.heapMb());
            }
            if (r.filledPoints() > 0) {
                err.printf(Locale.ROOT, "descatter: note: filled the missing values of %s of %s (%s) by linear interpolation along the axis%n",
                        Counted.spectra(r.filledSpectra()), in, Counted.points(r.filledPoints()));
            }
            if (r.held().any()) {
                spec.commandLine().getErr().printf(Locale.ROOT, "descatter: note: the axis of %s stops %s of the model's "
                        + "%s-%s cm-1 (within %d of its steps): its edge values are held there%n", in, shortfall(r.held()),
                        m.axis().min(), m.axis().max(), CorrectionModel.MAX_HELD_STEPS);
            }
            if (r.scored()) reportConfidence(r, m, err);
            if (fallback == null && !refine && MemscRefinement.canRefine(m) && r.spectra() <= REFINE_TIP_UP_TO) {
                // where refining costs a minute or so, say once that it keeps the ratios the network alone moves
                err.printf(Locale.ROOT, "descatter: tip: the network alone moves the 1000-1300 cm-1 height ratios (PO2- 1080/1240, "
                        + "glycogen 1025/1080) and the ester band; --refine keeps them as measured (about %.0f s for these "
                        + "spectra on %d threads; docs/MODEL.md, \"Refinement\")%n",
                        Math.ceil(r.spectra() * MemscRefinement.SECONDS_PER_SPECTRUM / n), n);
            }
            int leftOut = r.input().axis().size() - r.output().axis().size();
            if (axis == BatchCorrection.OutputAxis.INPUT && leftOut > 0) {
                spec.commandLine().getErr().printf(Locale.ROOT, "descatter: %s of the input's axis %s outside the model's range "
                        + "%s-%s cm-1 and %s left out of the output%n", Counted.points(leftOut), leftOut == 1 ? "lies" : "lie",
                        m.axis().min(), m.axis().max(), leftOut == 1 ? "is" : "are");
            }
            return ExitCode.OK;
        }
    }

    /** Up to how many spectra a plain run suggests --refine: about five minutes of refinement on two cores. */
    static final long REFINE_TIP_UP_TO = 20_000;

    private static String shortfall(CorrectionModel.EdgeShortfall held) {
        String low = String.format(Locale.ROOT, "%.3g cm-1 short at the low end", held.low());
        String high = String.format(Locale.ROOT, "%.3g cm-1 short at the high end", held.high());
        return held.low() > 0 && held.high() > 0 ? low + " and " + high : held.low() > 0 ? low : high;
    }

    /** ME-EMSC with the emsc command's defaults on the model's axis, for the flagged spectra. */
    private BatchCorrection.Fallback memsc(CorrectionModel m) throws java.io.IOException {
        double[][] ref = EmscCommand.readReference(reference, input.toReadOptions());
        MeEmscCorrector c;
        try {
            c = EmscCommand.meEmscCorrector(m.axis().values(), ref[0], ref[1], MeEmscOptions.defaults(), reference, in);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return BatchCorrection.Fallback.memsc(c);
    }


    /** One line of flagged spectra, and one more when most are: the network is not the tool for this file. */
    private void reportConfidence(BatchCorrection.Result r, CorrectionModel m, PrintWriter err) {
        double share = r.spectra() == 0 ? 0 : (double) r.flagged() / r.spectra();
        err.printf(Locale.ROOT, "descatter: %d of %d spectra (%.1f %%) flagged as unlike the model's training inputs (confidence_ood > %s)%s%n",
                r.flagged(), r.spectra(), 100 * share, DoubleFormatter.exact().format(m.confidence().threshold()),
                fallback == null ? "" : String.format(Locale.ROOT, "; %d re-corrected by ME-EMSC%s", r.replaced(),
                        r.fallbackFailed() == 0 ? "" : ", " + r.fallbackFailed() + " that ME-EMSC could not correct keep the network's correction"));
        if (refine) {
            err.printf(Locale.ROOT, "descatter: %d of %d spectra refined by ME-EMSC with the network's correction as reference%s%n", r.replaced(),
                    r.spectra(), r.fallbackFailed() == 0 ? "" : "; " + r.fallbackFailed() + " that ME-EMSC could not fit keep the network's correction (corrected_by network)");
            err.printf(Locale.ROOT, "descatter: %d of %d refined spectra (%.1f %%) flagged as poorly fitted (refine_rmse > %s absorbance): "
                    + "their refined corrections are the least certain%n", r.poorlyFitted(), r.replaced(),
                    r.replaced() == 0 ? 0.0 : 100.0 * r.poorlyFitted() / r.replaced(), MemscRefinement.RMSE_THRESHOLD);
        }
        if (m.metadata().detail() != null && m.metadata().scatteringShare() != null) {
            err.printf(Locale.ROOT, "descatter: %d of %d spectra (%.1f %%) flagged as strongly scattering (scattering_share > %s): their "
                    + "corrections are the least certain%s%n", r.strongScattering(), r.spectra(),
                    r.spectra() == 0 ? 0.0 : 100.0 * r.strongScattering() / r.spectra(),
                    DoubleFormatter.significantDigits(4).format(m.metadata().scatteringShare().threshold()),
                    fallback == null ? "" : " (ME-EMSC re-corrected them with the others flagged)");
        }
        if (m.metadata().detail() != null && m.metadata().scatteringShare() != null) {
            err.printf(Locale.ROOT, "descatter: %d of %d spectra (%.1f %%) flagged as noisy (signal_to_noise < %s): the noise they keep "
                    + "alone holds their agreement with the noise-free spectrum under r = %s; weak bands follow the noise%n", r.noisy(),
                    r.spectra(), r.spectra() == 0 ? 0.0 : 100.0 * r.noisy() / r.spectra(), SignalToNoise.THRESHOLD, SignalToNoise.AGREEMENT);
        }
        if (r.output().meta().stream().anyMatch(c -> c.name().equals(BatchCorrection.BACKGROUND_COLUMN))) {
            err.printf(Locale.ROOT, "descatter: %d of %d spectra (%.1f %%) flagged as keeping a background where cells have no bands "
                    + "(background_level > %s at %s-%s cm-1): scattering the network did not remove%s%n", r.background(), r.spectra(),
                    r.spectra() == 0 ? 0.0 : 100.0 * r.background() / r.spectra(), ResidualBackground.THRESHOLD,
                    DoubleFormatter.exact().format(ResidualBackground.FROM), DoubleFormatter.exact().format(ResidualBackground.TO),
                    fallback == null ? "" : " (ME-EMSC re-corrected them with the others flagged)");
        }
        if (share > 0.5) {
            err.printf(Locale.ROOT, "descatter: most spectra are unlike the model's training inputs, so the network may have rewritten their "
                    + "chemistry: check that they are absorbance (not transmittance), adapt a model to them (descatter adapt)%s%n",
                    fallback == null ? " or correct the flagged ones by ME-EMSC (--fallback memsc --reference REF)" : " (ME-EMSC corrected the flagged ones)");
        }
    }
}
