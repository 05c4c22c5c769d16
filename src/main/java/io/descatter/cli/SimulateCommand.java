package io.descatter.cli;

import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscOptions;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.Layout;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.SpectraWriter;
import io.descatter.spectra.io.TableSchema;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.synth.Component;
import io.descatter.synth.DistortionRanges;
import io.descatter.synth.PureSpectrumGenerator;
import io.descatter.synth.SimulationJob;
import io.descatter.synth.Simulator;
import io.descatter.synth.TissueType;
import io.descatter.report.BoxPlots;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.OutputFolder;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraTable;
import io.descatter.synth.Calibration;
import io.descatter.util.Counted;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Simulates FTIR spectra of cells and tissue with known ground truth: pure absorbance spectra built from "
                    + "biochemical band libraries, distorted by resonant Mie extinction computed from each spectrum's own "
                    + "refractive index (Kramers-Kronig + Van de Hulst), scaling, offset, baseline, noise and optionally "
                    + "atmospheric lines.",
            "",
            "The raw file carries each spectrum's generating parameters as metadata columns; the truth file holds the "
                    + "pure spectra (maximum 1, the scale ME-EMSC works on). The same seed gives the same files, whatever "
                    + "the number of threads.",
            "",
            "Examples:",
            "  descatter simulate --list-types",
            "  descatter simulate --n 10000 --seed 7 -o raw.csv --truth truth.csv",
            "  descatter simulate --n 500 --types stroma,lipid-rich --axis 1000:3800:2 -o raw.csv.gz --truth truth.csv.gz",
            "  descatter simulate --n 200 --target memsc -o raw.csv --truth truth.csv --memsc-output memsc.csv",
            "  descatter simulate --typical epithelial -o epithelial.csv    (a reference for emsc --reference)",
            "  descatter simulate --n 100 -o raw.csv --output-decimal comma   (';', 0,1234)"
        })
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--list-types", description = "List the tissue types and their composition, then exit.")
    boolean listTypes;

    @Option(names = "--typical", paramLabel = "TYPE",
            description = "Write the tissue type's typical pure spectrum (mean composition, literature band positions and widths, "
                    + "maximum 1) to -o in the columnar layout (wavenumber,TYPE), then exit. The epithelial one is the reference "
                    + "that evaluate and --target memsc give ME-EMSC on simulated data.")
    String typical;

    @Option(names = "--n", paramLabel = "N", description = "Number of spectra (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
    long count;

    @Option(names = "--types", paramLabel = "T1,T2", split = ",",
            description = "Tissue types to draw from, equally likely (default: all tissue types, not the augmentation type 'broad'). See --list-types.")
    List<String> types;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the data set (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--axis", paramLabel = "MIN:MAX:STEP",
            description = "Regular axis in cm-1 (default: the 1556-point 1000.89-3999.71 grid of measured cell spectra).")
    String axis;

    @Option(names = {"-o", "--output"}, paramLabel = "RAW", description = "Raw (distorted) spectra with parameters.")
    String output;

    @Option(names = "--truth", paramLabel = "TRUTH", description = "Pure (true) spectra, same ids and order.")
    String truth;

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = "truth",
            description = "truth, or memsc to also write each raw spectrum's ME-EMSC correction (slow: ~20 ME-EMSC iterations per spectrum).")
    String target;

    @Option(names = "--memsc-output", paramLabel = "FILE", description = "Where --target memsc writes (default: RAW with .memsc before the extension).")
    String memscOutput;

    @Option(names = "--templates", paramLabel = "FILE",
            description = "Template the pure spectra on these (e.g. measured or reference spectra, any layout, covering the axis) "
                    + "instead of the tissue types: each spectrum is a random template with one library component added or depleted.")
    String templates;

    @Option(names = "--memsc-model-class",
            description = "Stay inside ME-EMSC's model: spheres from its default grid, h = 0.25, no baseline, noise or atmosphere.")
    boolean modelClass;

    @Option(names = "--radius", paramLabel = "MIN:MAX", description = "Sphere radius range in um (default 1.5:8).")
    String radius;

    @Option(names = "--n0", paramLabel = "MIN:MAX", description = "Real refractive index range (default 1.1:1.45).")
    String n0;

    @Option(names = "--snr", paramLabel = "MIN:MAX", description = "Signal-to-noise range, log-uniform (default 20:300).")
    String snr;

    @Option(names = "--size-spread", paramLabel = "SIGMA", defaultValue = "0",
            description = "Log-normal spread of a size distribution of spheres (0: one radius per spectrum).")
    double sizeSpread;

    @Option(names = "--region-warp", paramLabel = "MAX", defaultValue = "0",
            description = "Multiply each pure spectrum by a smooth random factor exp(w), w a 12-term Fourier series over the axis "
                    + "with a pointwise s.d. drawn from U(0, MAX): the strength of one spectral region against another varies "
                    + "beyond the band library's compositions: chemistry unlike the library's, e.g. for a test set (default: ${DEFAULT-VALUE}, none; "
                    + "not with --templates).")
    double regionWarp;

    @Option(names = "--atmosphere", paramLabel = "P", defaultValue = "0",
            description = "Probability of CO2 and water-vapour lines in a spectrum (default: ${DEFAULT-VALUE}).")
    double atmosphere;

    @Option(names = "--digits", paramLabel = "N",
            description = "Significant digits written, 0 for shortest exact (default: float precision, about 7 digits: far below "
                    + "the noise, the precision the network computes in, and the fastest to write).")
    Integer digits;

    @picocli.CommandLine.Mixin
    OutputDecimalOption outputDecimal;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;
    /** --threads checked and resolved, at the start of call(). */
    private int threadCount;

    @Option(names = "--compare", paramLabel = "MEASURED",
            description = "Calibration: fit ME-EMSC to these measured spectra and to N simulated ones (on the measured axis) and "
                    + "compare the distributions of the fitted parameters and spectral statistics. Needs --reference and --report.")
    String compare;

    @Option(names = "--reference", paramLabel = "REF", description = "Reference spectrum for the --compare fits (e.g. Matrigel), any layout.")
    String reference;

    @Option(names = "--report", paramLabel = "DIR", description = "Folder for the --compare report: calibration.md, calibration.csv, calibration.png.")
    String report;

    @Override
    public Integer call() throws Exception {
        threadCount = UsageException.threads(threads); // usage errors before any work
        PrintWriter out = spec.commandLine().getOut();
        if (listTypes) {
            listTypes(out);
            return ExitCode.OK;
        }
        if (count < 1) throw new UsageException("--n must be at least 1");
        if (regionWarp < 0 || !Double.isFinite(regionWarp)) throw new UsageException("--region-warp must be 0 or positive, not " + regionWarp);
        if (regionWarp > 0 && (templates != null || compare != null || typical != null)) {
            throw new UsageException("--region-warp warps the tissue types' spectra: it does not go with --templates, --compare or --typical");
        }
        if (compare != null) return compare(out);
        if (output == null) throw new UsageException("give the raw output file with -o (or --list-types, --compare)");
        if (typical != null) return writeTypical();
        boolean memsc = switch (target.toLowerCase(Locale.ROOT)) {
            case "truth" -> false;
            case "memsc" -> true;
            default -> throw new UsageException("--target must be truth or memsc, not '" + target + "'");
        };
        Simulator simulator;
        try {
            WavenumberAxis simAxis = requestedAxis();
            simulator = new Simulator(new Simulator.Settings(simAxis, templates == null ? parseTypes() : List.of(), ranges(),
                    PureSpectrumGenerator.Jitter.defaults().withRegionWarp(regionWarp), seed, readTemplates(simAxis)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        MeEmscCorrector corrector = null;
        OutputTarget memscTarget = null;
        if (memsc) {
            double[] wn = simulator.settings().axis().values();
            double[] reference = new PureSpectrumGenerator(simulator.settings().axis(), PureSpectrumGenerator.Jitter.defaults())
                    .typical(TissueType.EPITHELIAL);
            corrector = new MeEmscCorrector(wn, wn, reference, MeEmscOptions.defaults());
            memscTarget = OutputTarget.of(memscOutput != null ? memscOutput : withSuffix(output, ".memsc"));
        }
        OutputTarget rawTarget = OutputTarget.of(output);
        OutputTarget truthTarget = truth == null ? null : OutputTarget.of(truth);
        Leftovers.remove(spec.commandLine().getErr(), rawTarget, truthTarget, memscTarget);
        long start = System.nanoTime();
        try (ConsoleProgress progress = ConsoleProgress.items("simulate", "spectra")) {
            SimulationJob.run(simulator, count, threadCount, rawTarget, truthTarget, corrector, memscTarget, outputFormat(), progress);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getErr().printf(Locale.ROOT, "descatter: simulated %s in %.1f s (%.0f spectra/s, %s)%n",
                Counted.spectra(count), seconds, count / seconds, Counted.of(threadCount, "thread", "threads"));
        return ExitCode.OK;
    }

    /** --digits and --output-decimal; with no input to follow, the decimal mark is '.' unless asked. */
    private DoubleFormatter outputFormat() {
        Character mark = outputDecimal.mark();
        return UsageException.digits(digits).withDecimalMark(mark == null ? '.' : mark);
    }

    private int compare(PrintWriter out) throws Exception {
        if (reference == null || report == null) throw new UsageException("--compare needs --reference REF and --report DIR");
        try (OutputFolder folder = OutputFolder.create(Path.of(report))) { // an unusable --report is said before the work
            Leftovers.report(spec.commandLine().getErr(), folder.removedLeftovers());
            return compare(out, folder);
        }
    }

    /** The calibration itself, its report written into {@code folder}. */
    private int compare(PrintWriter out, OutputFolder folder) throws Exception {
        SpectraTable measured = SpectraTable.read(InputSource.of(compare), ReadOptions.defaults());
        SpectraTable ref = SpectraTable.read(InputSource.of(reference), ReadOptions.defaults());
        WavenumberAxis dataAxis = measured.schema().axis();
        Simulator simulator;
        try {
            simulator = new Simulator(new Simulator.Settings(dataAxis, parseTypes(), ranges(), PureSpectrumGenerator.Jitter.defaults(), seed));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<double[]> simulated = new ArrayList<>();
        for (long i = 0; i < count; i++) simulated.add(simulator.spectrum(i).raw());
        double[] wn = dataAxis.values();
        MeEmscCorrector corrector = EmscCommand.meEmscCorrector(wn, ref.schema().axis().values(), ref.single(),
                MeEmscOptions.defaults(), reference, compare);
        List<double[]> m = Calibration.statistics(measured.spectra(), wn, corrector, threadCount);
        List<double[]> s = Calibration.statistics(simulated, wn, corrector, threadCount);
        String table = Calibration.markdown(m, s);
        Path dir = folder.path();
        Files.writeString(dir.resolve("calibration.md"), "# Simulated vs measured: ME-EMSC fits with reference " + reference + "\n\n"
                + "measured: " + compare + " (" + m.size() + " spectra); simulated: " + count + " spectra, seed " + seed + "\n\n" + table);
        Files.writeString(dir.resolve("calibration.csv"), Calibration.csv(m, s));
        Map<String, Map<String, double[]>> panels = new LinkedHashMap<>();
        for (Calibration.Statistic st : Calibration.Statistic.values()) {
            Map<String, double[]> groups = new LinkedHashMap<>();
            groups.put("measured", Calibration.column(m, st));
            groups.put("simulated", Calibration.column(s, st));
            panels.put(st.description(), groups);
        }
        BoxPlots.save(panels, 4, dir.resolve("calibration.png"));
        folder.commit();
        out.print(table);
        return ExitCode.OK;
    }

    /** {@code --typical}: one spectrum, columnar, shortest exact decimals (a reference should not lose digits). */
    private int writeTypical() throws java.io.IOException {
        TissueType type = tissueType(typical);
        WavenumberAxis wavenumbers;
        try {
            wavenumbers = requestedAxis();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        double[] spectrum = new PureSpectrumGenerator(wavenumbers, PureSpectrumGenerator.Jitter.defaults()).typical(type);
        TableSchema schema = new TableSchema("simulate", Layout.COLUMNAR, ',', wavenumbers, List.of(MetaColumn.named("id")), null)
                .withDecimalMark(outputFormat().decimalMark());
        try (SpectraWriter writer = SpectraWriter.open(OutputTarget.of(output), schema, DoubleFormatter.exact())) {
            SpectraChunk chunk = new SpectraChunk(1, spectrum.length, 1);
            chunk.addRow(spectrum, 0, new String[] {type.label()}, 0);
            writer.write(chunk);
            writer.commit();
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "descatter: wrote the typical %s spectrum (%d points) to %s%n",
                type.label(), spectrum.length, output);
        return ExitCode.OK;
    }

    private List<double[]> readTemplates(WavenumberAxis simAxis) throws java.io.IOException {
        if (templates == null) return List.of();
        SpectraTable t = SpectraTable.read(InputSource.of(templates), ReadOptions.defaults());
        io.descatter.spectra.Resampler r = io.descatter.spectra.Resampler.linear(t.schema().axis(), simAxis);
        return t.spectra().stream().map(r::apply).toList();
    }

    private List<TissueType> parseTypes() {
        if (types == null || types.isEmpty()) return TissueType.tissues();
        List<TissueType> list = new ArrayList<>();
        for (String t : types) list.add(tissueType(t));
        return list;
    }

    private static TissueType tissueType(String name) {
        try {
            return TissueType.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown tissue type '" + name + "': see descatter simulate --list-types");
        }
    }

    /** --axis, or the default 1556-point grid (IllegalArgumentException for a malformed range). */
    private WavenumberAxis requestedAxis() {
        return axis == null ? Simulator.defaultAxis() : WavenumberAxis.parseRange(axis);
    }

    private DistortionRanges ranges() {
        if (modelClass && (radius != null || n0 != null || snr != null || sizeSpread != 0 || atmosphere != 0)) {
            // the model class is ME-EMSC's own grid without noise, size spread or atmosphere: these would leave it
            throw new UsageException("--memsc-model-class fixes the spheres, noise and atmosphere: leave out --radius, --n0, "
                    + "--snr, --size-spread and --atmosphere");
        }
        DistortionRanges r = modelClass ? DistortionRanges.memscModelClass() : DistortionRanges.defaults();
        if (radius != null) {
            double[] v = UsageException.range("--radius", radius);
            r = r.withRadius(v[0], v[1]);
        }
        if (n0 != null) {
            double[] v = UsageException.range("--n0", n0);
            r = r.withN0(v[0], v[1]);
        }
        if (snr != null) {
            double[] v = UsageException.range("--snr", snr);
            r = r.withSnr(v[0], v[1]);
        }
        return r.withSizeSpread(sizeSpread).withAtmosphere(atmosphere);
    }

    static String withSuffix(String file, String suffix) {
        String gz = file.endsWith(".gz") ? ".gz" : "";
        String base = file.substring(0, file.length() - gz.length());
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) + suffix + base.substring(dot) + gz : base + suffix + gz;
    }

    private static void listTypes(PrintWriter out) {
        out.println("Tissue types (mean mass fractions; each spectrum draws its own around them):");
        for (TissueType t : TissueType.values()) {
            if (t.isAugmentation()) {
                out.printf(Locale.ROOT, "%nTraining augmentation (not a tissue type: only with --types, never in held-out tests; "
                        + "fractions vary far more, Dirichlet concentration %.0f instead of %.0f):%n", t.concentration(), TissueType.CONCENTRATION);
            }
            out.printf(Locale.ROOT, "%n  %-14s %s%n", t.label(), t.description());
            StringBuilder sb = new StringBuilder("                 ");
            t.meanFractions().forEach((c, f) -> {
                if (f > 0) sb.append(String.format(Locale.ROOT, "%s %.0f%%  ", c == Component.PROTEIN_HELIX ? "protein" : c.name().toLowerCase(Locale.ROOT).replace('_', ' '), 100 * f));
            });
            out.println(sb.toString().stripTrailing());
            out.printf(Locale.ROOT, "                 alpha-helix share of protein %.0f-%.0f%%%n", 100 * t.helixMin(), 100 * t.helixMax());
        }
    }
}
