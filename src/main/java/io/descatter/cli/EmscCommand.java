package io.descatter.cli;

import io.descatter.emsc.Emsc;
import io.descatter.emsc.EmscResult;
import io.descatter.emsc.MeEmscCorrector;
import io.descatter.emsc.MeEmscOptions;
import io.descatter.emsc.MeEmscResult;
import io.descatter.emsc.ReferenceSpectrum;
import io.descatter.emsc.ReferenceWeighting;
import io.descatter.emsc.ReturnedIterate;
import io.descatter.emsc.SingularFitException;
import io.descatter.emsc.StopRule;
import io.descatter.physics.MieGrid;
import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.BadInputException;
import io.descatter.spectra.InputUnit;
import io.descatter.spectra.MeanSpectrum;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.UnitCheck;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.Progress;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.SpectraWriter;
import io.descatter.spectra.io.TableSchema;
import io.descatter.util.Parallel;
import io.descatter.util.Counted;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "emsc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Corrects spectra by ME-EMSC (resonant Mie scattering, Solheim et al. 2019; the default) or by plain EMSC.",
            "",
            "The reference (any layout, one spectrum, or 'mean': the mean of the input spectra) is divided by its maximum "
                    + "and interpolated linearly onto the "
                    + "data axis; data points outside its range are left out (the output is on the overlap, with a note). "
                    + "With --passes 2 the spectra are corrected twice: the second pass takes the mean of the first pass's "
                    + "corrected spectra as its reference, and only its output is written. "
                    + "Any axis works, 4 and 8 cm-1 ones included: where 200 points of edge padding at the axis' spacing "
                    + "would reach 0 cm-1, ME-EMSC's Kramers-Kronig step runs on a 2 cm-1 grid over the same range "
                    + "(docs/EMSC.md). "
                    + "The output keeps the input's layout, ids and metadata and adds "
                    + "the fitted parameters as metadata columns (emsc_b, emsc_g1.., emsc_c, emsc_iterations, "
                    + "emsc_rmse, emsc_failure); a spectrum that cannot be corrected is written as NaN with the reason "
                    + "in emsc_failure.",
            "",
            "Examples:",
            "  descatter emsc --reference matrigel.csv cells.csv -o corrected.csv",
            "  descatter emsc --reference matrigel.csv section.hdr -o section_emsc.hdr   (ENVI image in and out)",
            "  descatter emsc --reference matrigel.csv tissue.dmt -o tissue_emsc.h5     (Agilent mosaic -> HDF5)",
            "  descatter emsc --reference matrigel.csv cells.csv -o corrected.csv --components 14 --max-iter 30 "
                    + "--residuals res.csv",
            "  descatter emsc --method emsc --reference mean.csv cells.csv -o corrected.csv --poly-order 2",
            "  descatter emsc --reference mean --passes 2 cells.csv -o corrected.csv    (the cells' own mean, then the "
                    + "mean of that correction)",
            "  descatter emsc --reference matrigel.csv transmittance.csv -o corrected.csv --input-unit transmittance "
                    + "(converts the spectra, not the reference)",
            "  descatter emsc --reference matrigel.csv excel_export.csv -o corrected.csv --output-decimal comma "
                    + "(';' and 0,1234 detected in, written back so)"
        })
final class EmscCommand implements Callable<Integer> {
    private static final int CHUNK_ROWS = 256;
    /** Comma-separated, quoted only where needed, '\n' line ends like the spectra writer's output. */
    private static final CSVFormat PARAMETER_FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN", arity = "1..*", description = "Input spectra (" + SpectraFiles.READ + "; or - for standard input). Several files are read as one table, in "
                    + "the order given, each spectrum with its file's name in the column file (a folder of OPUS files: *.0); "
                    + "they must share one axis and the same metadata columns.")
    List<String> inputs;

    /** The input's name in messages (several files: "a.0, b.0 and 98 more files"). */
    private String in;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Corrected spectra (" + SpectraFiles.WRITTEN + ").")
    String out;

    /** The value of --reference that asks for the mean of the input spectra. */
    private static final String MEAN = "mean";

    @Option(names = "--reference", required = true, paramLabel = "REF",
            description = "Reference spectrum file, or 'mean' for the mean of the input spectra (write ./mean for a file "
                    + "of that name).")
    String reference;

    @Option(names = "--passes", paramLabel = "N", defaultValue = "1",
            description = "Correct N times; each pass after the first takes the mean of the previous pass's corrected "
                    + "spectra as its reference (spectra that could not be corrected are left out of the mean). "
                    + "Reads the input N times (a file, not standard input). Default: ${DEFAULT-VALUE}.")
    int passes;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "me-emsc",
            description = "me-emsc or emsc. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--params", paramLabel = "P.csv",
            description = "Also write the parameters alone, one spectrum per row (id and the emsc_* columns).")
    String params;

    @Option(names = "--residuals", paramLabel = "R.csv", description = "Also write the fit residuals as spectra.")
    String residuals;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-iter", paramLabel = "N", defaultValue = "45",
            description = "ME-EMSC: most iterations (MATLAB 45; the Python ports use 30). Default: ${DEFAULT-VALUE}.")
    int maxIterations;

    @Option(names = "--components", paramLabel = "N", defaultValue = "0",
            description = "ME-EMSC: number of Mie components; 0 chooses by --explained-variance. Default: ${DEFAULT-VALUE}.")
    int components;

    @Option(names = "--explained-variance", paramLabel = "PERCENT", defaultValue = "99.96",
            description = "ME-EMSC: variance the chosen components must explain. Default: ${DEFAULT-VALUE}.")
    double explainedVariance;

    @Option(names = "--stop", paramLabel = "RULE", defaultValue = "matlab",
            description = "ME-EMSC stop rule: matlab (4-decimal RMSE rises or stalls 3 times) or tolerance. "
                    + "Default: ${DEFAULT-VALUE}.")
    String stop;

    @Option(names = "--tolerance", paramLabel = "X", defaultValue = "1e-4",
            description = "ME-EMSC, --stop tolerance: RMSE improvement that counts. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "1",
            description = "ME-EMSC, --stop tolerance: iterations without improvement allowed. Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--return", paramLabel = "WHICH", defaultValue = "last",
            description = "ME-EMSC: return the last iterate (MATLAB) or the best (biospectools). Default: ${DEFAULT-VALUE}.")
    String returned;

    @Option(names = "--weights", paramLabel = "W", defaultValue = "none",
            description = "ME-EMSC reference weights: none or matlab (the MATLAB default). Default: ${DEFAULT-VALUE}.")
    String weights;

    @Option(names = "--no-positive-reference", negatable = false,
            description = "ME-EMSC: keep negative parts of the reference estimate.")
    boolean allowNegativeReference;

    @Option(names = "--radius", paramLabel = "MIN:MAX", defaultValue = "" + MieGrid.DEFAULT_RADIUS_MIN + ":" + MieGrid.DEFAULT_RADIUS_MAX,
            description = "ME-EMSC: sphere radii in µm. Default: ${DEFAULT-VALUE}.")
    String radius;

    @Option(names = "--n0", paramLabel = "MIN:MAX", defaultValue = "" + MieGrid.DEFAULT_N0_MIN + ":" + MieGrid.DEFAULT_N0_MAX,
            description = "ME-EMSC: real refractive indices. Default: ${DEFAULT-VALUE}.")
    String n0;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + MieGrid.DEFAULT_STEPS,
            description = "ME-EMSC: number of (radius, n0) pairs; the curves use N² combinations. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--h", paramLabel = "H", defaultValue = "" + MieGrid.DEFAULT_H,
            description = "ME-EMSC: absorption parameter of the curves. Default: ${DEFAULT-VALUE}.")
    double h;

    @Option(names = "--poly-order", paramLabel = "N", defaultValue = "2",
            description = "EMSC: polynomial baseline order (-1 for none). Default: ${DEFAULT-VALUE}.")
    int polyOrder;

    @Option(names = "--interferent", paramLabel = "FILE",
            description = "EMSC: spectra to remove (each spectrum of FILE becomes a model term); repeatable.")
    List<String> interferents = new ArrayList<>();

    @Mixin
    InputOptions input;

    @Mixin
    InputUnitOption inputUnit;

    @Mixin
    OutputDecimalOption outputDecimal;

    @Override
    public Integer call() throws Exception {
        InputSource source = UsageException.inputs(inputs);
        in = source.name();
        checkOutput(source, out);
        if (params != null) checkOutput(source, params);
        if (residuals != null) checkOutput(source, residuals);
        threads = UsageException.threads(threads); // refuses 0 and negative counts
        boolean classical = switch (method.toLowerCase(Locale.ROOT)) { // checked before any file is read
            case "me-emsc" -> false;
            case "emsc" -> true;
            default -> throw new UsageException("--method must be me-emsc or emsc, got '" + method + "'");
        };
        if (passes < 1) throw new UsageException("--passes must be 1 or more, got " + passes);
        boolean meanReference = MEAN.equals(reference);
        if ((meanReference || passes > 1) && source.isStandardInput()) {
            throw new UsageException("--reference mean and --passes 2 read the input more than once: give a file, "
                    + "not standard input");
        }
        InputUnit unit = inputUnit.unit();
        double[][] ref;
        if (meanReference) {
            try (SpectraReader reader = SpectraReader.open(source, input.toReadOptions())) {
                ref = meanOfInput(reader, reader.schema(), unit);
            }
        } else {
            ref = readSingle(reference);
        }
        String referenceName = meanReference ? "the mean of " + in : reference;
        for (int pass = 1; pass <= passes; pass++) {
            try (SpectraReader reader = SpectraReader.open(source, input.toReadOptions())) {
                TableSchema schema = reader.schema();
                WavenumberAxis corrected = overlap(schema.axis(), ref[0], referenceName, pass == 1);
                double[] axis = corrected.values();
                Corrector corrector = classical ? emsc(axis, ref, referenceName) : meEmsc(axis, ref, referenceName);
                if (pass == passes) {
                    correct(reader, schema, corrected, corrector, unit);
                } else {
                    ref = meanOfCorrected(reader, schema, corrected, corrector, unit, pass);
                    referenceName = "the mean of pass " + pass + "'s corrected spectra";
                }
            }
        }
        return ExitCode.OK;
    }

    /** The mean of the input spectra as a reference: {axis, values}; refused (exit 3) when no spectrum is usable. */
    private double[][] meanOfInput(SpectraReader reader, TableSchema schema, InputUnit unit) throws IOException {
        int points = schema.axis().size();
        MeanSpectrum mean = new MeanSpectrum(points);
        SpectraChunk chunk = reader.newChunk(CHUNK_ROWS);
        boolean firstChunk = true;
        int n;
        while ((n = reader.read(chunk)) > 0) {
            double[][] spectra = absorbance(chunk, n, schema.axis(), 0, points, unit, firstChunk);
            firstChunk = false;
            for (double[] spectrum : spectra) mean.add(spectrum);
        }
        if (mean.count() == 0) throw new BadInputException(in, 0, 0, "has no spectrum without missing values to average "
                + "for --reference mean");
        spec.commandLine().getErr().printf(Locale.ROOT, "descatter: the reference is the mean of %s of %s%s%n",
                Counted.spectra(mean.count()), in, skippedNote(mean));
        return new double[][] {schema.axis().values(), mean.mean()};
    }

    /** Corrects every spectrum without writing it; returns the mean of the corrected ones as the next reference. */
    private double[][] meanOfCorrected(SpectraReader reader, TableSchema input, WavenumberAxis axis, Corrector corrector,
            InputUnit unit, int pass) throws IOException {
        int first = indexOf(input.axis(), axis.get(0));
        MeanSpectrum mean = new MeanSpectrum(axis.size());
        long total = 0;
        try (ConsoleProgress progress = ConsoleProgress.items("emsc pass " + pass + " of " + passes, "spectra")) {
            SpectraChunk chunk = reader.newChunk(CHUNK_ROWS);
            int n;
            while ((n = reader.read(chunk)) > 0) {
                long before = total;
                long expected = reader.expectedSpectra();
                Row[] rows = corrector.correct(absorbance(chunk, n, input.axis(), first, axis.size(), unit, total == 0), threads,
                        (done, all) -> progress.update(before + done, expected));
                for (Row row : rows) if (row.failure() == null) mean.add(row.corrected());
                total += n;
            }
        }
        if (mean.count() == 0) {
            throw new BadInputException(in, 0, 0, "no spectrum could be corrected in pass " + pass + ", so there is no mean "
                    + "to take as the next pass's reference");
        }
        spec.commandLine().getErr().printf(Locale.ROOT,
                "descatter: pass %d of %d corrected %s; the next pass's reference is the mean of %s%s%n", pass, passes,
                Counted.spectra(total), Counted.spectra(mean.count()), skippedNote(mean));
        return new double[][] {axis.values(), mean.mean()};
    }

    private static String skippedNote(MeanSpectrum mean) {
        return mean.skipped() == 0 ? "" : " (" + mean.skipped() + " with missing or infinite values left out)";
    }

    /**
     * The chunk's {@code n} spectra as absorbance, {@code points} values from position {@code first} of the input's
     * axis: transmittance is refused (from the first chunk) unless --input-unit says what the values are.
     */
    private double[][] absorbance(SpectraChunk chunk, int n, WavenumberAxis inputAxis, int first, int points, InputUnit unit,
            boolean firstChunk) {
        if (unit == null && firstChunk) UnitCheck.requireAbsorbance(in, inputAxis, chunk);
        (unit == null ? InputUnit.ABSORBANCE : unit).toAbsorbance(chunk, inputAxis, in);
        double[][] spectra = new double[n][];
        for (int r = 0; r < n; r++) {
            int from = chunk.offset(r) + first;
            spectra[r] = Arrays.copyOfRange(chunk.values(), from, from + points);
        }
        return spectra;
    }

    /**
     * The data's points that the reference covers: ME-EMSC.md §6 crops the data to the overlap. All of them when the
     * reference covers the whole axis, or when its axis is unusable (the corrector then says what is wrong with it).
     */
    private WavenumberAxis overlap(WavenumberAxis data, double[] referenceAxis, String referenceName, boolean note) {
        WavenumberAxis ref;
        try {
            ref = WavenumberAxis.of(referenceAxis);
        } catch (IllegalArgumentException unusable) {
            return data;
        }
        if (ref.covers(data)) return data;
        WavenumberAxis inside;
        try {
            inside = data.within(ref);
        } catch (AxisMismatchException e) {
            return data; // no overlap to speak of: the corrector refuses the reference, naming it
        }
        if (note) {
            spec.commandLine().getErr().printf(Locale.ROOT, "descatter: %s covers %s-%s cm-1: the %s of %s outside it are left out%n",
                    referenceName, ref.min(), ref.max(), Counted.points(data.size() - inside.size()), in);
        }
        return inside;
    }

    private static void checkOutput(InputSource source, String name) {
        UsageException.requireDistinct(source, OutputTarget.of(name));
    }

    /** @param unit what the input's values are (converted to absorbance), or null to refuse transmittance */
    private void correct(SpectraReader reader, TableSchema input, WavenumberAxis axis, Corrector corrector, InputUnit unit)
            throws IOException {
        List<String> columns = corrector.parameterNames();
        // the corrected points are one run of the input's (an axis is monotonic, the overlap an interval)
        int first = indexOf(input.axis(), axis.get(0));
        TableSchema schema = outputDecimal.applyTo(input.withPoints(first, axis));
        TableSchema outSchema = schema.withMetaColumns(columns.stream().map(MetaColumn::named).toList());
        boolean decimalComma = schema.decimalMark() == ',';
        int idColumn = schema.idColumn();
        long total = 0;
        long failed = 0;
        OutputTarget target = OutputTarget.of(out);
        OutputTarget resTarget = residuals == null ? null : OutputTarget.of(residuals);
        OutputTarget parTarget = params == null ? null : OutputTarget.of(params);
        Leftovers.remove(spec.commandLine().getErr(), target, resTarget, parTarget);
        try (target;
             SpectraWriter writer = SpectraWriter.open(target, outSchema, DoubleFormatter.exact());
             resTarget;
             SpectraWriter resWriter = resTarget == null ? null : SpectraWriter.open(resTarget, schema, DoubleFormatter.exact());
             parTarget;
             CSVPrinter parPrinter = parTarget == null ? null : parameterTable(parTarget, columns);
             ConsoleProgress progress = ConsoleProgress.items("emsc", "spectra")) {
            SpectraChunk chunk = reader.newChunk(CHUNK_ROWS);
            SpectraChunk outChunk = new SpectraChunk(CHUNK_ROWS, schema.axis().size(), outSchema.meta().size());
            SpectraChunk resChunk = new SpectraChunk(CHUNK_ROWS, schema.axis().size(), schema.meta().size());
            int n;
            while ((n = reader.read(chunk)) > 0) {
                double[][] spectra = absorbance(chunk, n, input.axis(), first, axis.size(), unit, total == 0);
                long before = total;
                long expected = reader.expectedSpectra();
                Row[] rows = corrector.correct(spectra, threads, (done, all) -> progress.update(before + done, expected));
                outChunk.clear();
                resChunk.clear();
                for (int r = 0; r < n; r++) {
                    String[] meta = chunk.meta(r);
                    String[] extra = rows[r].cells();
                    String[] outMeta = Arrays.copyOf(meta, meta.length + extra.length);
                    System.arraycopy(extra, 0, outMeta, meta.length, extra.length);
                    if (decimalComma) { // the parameters are numbers too: written as the spectra are
                        for (int i = meta.length; i < outMeta.length; i++) {
                            if (PLAIN_NUMBER.matcher(outMeta[i]).matches()) outMeta[i] = outMeta[i].replace('.', ',');
                        }
                    }
                    outChunk.addRow(rows[r].corrected(), 0, outMeta, chunk.line(r));
                    if (resWriter != null) resChunk.addRow(rows[r].residuals(), 0, meta, chunk.line(r));
                    if (parPrinter != null) {
                        String id = idColumn >= 0 ? meta[idColumn] : Long.toString(total + r + 1);
                        parPrinter.print(id);
                        parPrinter.printRecord((Object[]) extra);
                    }
                    if (rows[r].failure() != null) failed++;
                }
                writer.write(outChunk);
                if (resWriter != null) resWriter.write(resChunk);
                total += n;
                progress.update(total, expected);
            }
            writer.commit();
            if (resWriter != null) resWriter.commit();
            if (parPrinter != null) {
                parPrinter.flush();
                parTarget.commit();
            }
        }
        if (!OutputTarget.of(out).isStdout()) {
            spec.commandLine().getErr().printf("descatter: corrected %s by %s (%d could not be corrected) into %s%n",
                    Counted.spectra(total), method, failed, out);
        }
    }

    private static int indexOf(WavenumberAxis axis, double value) {
        for (int i = 0; i < axis.size(); i++) if (axis.get(i) == value) return i;
        throw new IllegalStateException(value + " is not a point of " + axis.describe());
    }

    /**
     * The parameter table, a small metadata-only CSV (id, then the parameter columns; RFC 4180 quoting, e.g. for
     * failure reasons with commas). Not the spectra writer: that one needs a wavenumber axis.
     */
    private static CSVPrinter parameterTable(OutputTarget target, List<String> names) throws IOException {
        CSVPrinter printer = new CSVPrinter(target.open(), PARAMETER_FORMAT);
        printer.print("id");
        printer.printRecord(names);
        return printer;
    }

    /** The one spectrum of a reference file: {axis, values}. */
    private double[][] readSingle(String file) throws IOException {
        return readReference(file, input.toReadOptions());
    }

    /** The one spectrum of a reference file (any layout): {axis, values}; refused (exit 3) unless it holds exactly one. */
    static double[][] readReference(String file, io.descatter.spectra.io.ReadOptions options) throws IOException {
        try (SpectraReader reader = SpectraReader.open(InputSource.of(file), options.forCompanion())) {
            SpectraChunk chunk = reader.newChunk(2);
            int n = reader.read(chunk);
            if (n != 1) {
                throw new BadInputException(file, 0, 0, n == 0 ? "holds no spectrum" : "holds more than one spectrum; give one");
            }
            return new double[][] {reader.schema().axis().values(),
                Arrays.copyOfRange(chunk.values(), 0, chunk.points())};
        }
    }

    private Corrector meEmsc(double[] axis, double[][] ref, String referenceName) {
        MeEmscOptions options;
        try {
            double[] r = UsageException.range("--radius", radius);
            double[] n = UsageException.range("--n0", n0);
            options = MeEmscOptions.builder().radius(r[0], r[1]).n0(n[0], n[1]).steps(steps).h(h)
                    .components(components).explainedVariance(explainedVariance).maxIterations(maxIterations)
                    .stopRule(choice("--stop", stop, StopRule.class)).tolerance(tolerance).patience(patience)
                    .returned(choice("--return", returned, ReturnedIterate.class))
                    .weighting("matlab".equalsIgnoreCase(weights) ? ReferenceWeighting.MATLAB_DEFAULT
                            : choice("--weights", weights, ReferenceWeighting.class))
                    .positiveReference(!allowNegativeReference).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        MeEmscCorrector c;
        try {
            c = meEmscCorrector(axis, ref[0], ref[1], options, referenceName, in);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<String> names = new ArrayList<>();
        names.add("emsc_b");
        for (int a = 1; a <= c.components(); a++) names.add("emsc_g" + a);
        names.addAll(List.of("emsc_c", "emsc_iterations", "emsc_rmse", "emsc_failure"));
        return new Corrector() {
            public List<String> parameterNames() {
                return names;
            }

            public Row[] correct(double[][] spectra, int threads, Progress progress) {
                MeEmscResult[] results = c.correctAll(spectra, threads, progress);
                Row[] rows = new Row[results.length];
                for (int i = 0; i < results.length; i++) {
                    MeEmscResult r = results[i];
                    List<String> cells = new ArrayList<>();
                    cells.add(num(r.b()));
                    for (double g : r.mieScores()) cells.add(num(g));
                    cells.add(num(r.c()));
                    cells.add(Integer.toString(r.iterations()));
                    cells.add(num(r.rmse()));
                    cells.add(r.failure() == null ? "" : r.failure());
                    rows[i] = new Row(r.corrected(), r.residuals(), cells.toArray(new String[0]), r.failure());
                }
                return rows;
            }
        };
    }

    /**
     * ME-EMSC prepared for spectra read from {@code dataFile} and a reference read from {@code referenceFile}: its
     * problems with either are said of the file (the library names them "reference" and "spectra").
     */
    static MeEmscCorrector meEmscCorrector(double[] axis, double[] refAxis, double[] reference, MeEmscOptions options,
            String referenceFile, String dataFile) {
        try {
            return new MeEmscCorrector(axis, refAxis, reference, options);
        } catch (BadInputException e) {
            throw e.renamed("reference", referenceFile).renamed("spectra", dataFile);
        } catch (AxisMismatchException e) {
            throw e.renamed("reference", referenceFile).renamed("spectra", dataFile);
        }
    }

    private Corrector emsc(double[] axis, double[][] ref, String referenceName) throws IOException {
        double[] r0 = ReferenceSpectrum.onAxis(referenceName, ref[0], ref[1], axis, true);
        List<double[]> extra = new ArrayList<>();
        for (String file : interferents) {
            try (SpectraReader reader = SpectraReader.open(InputSource.of(file), input.toReadOptions().forCompanion())) {
                SpectraChunk chunk = reader.newChunk(64);
                double[] fileAxis = reader.schema().axis().values();
                int n;
                while ((n = reader.read(chunk)) > 0) {
                    for (int i = 0; i < n; i++) {
                        double[] v = Arrays.copyOfRange(chunk.values(), chunk.offset(i), chunk.offset(i) + chunk.points());
                        extra.add(ReferenceSpectrum.onAxis(file, fileAxis, v, axis, false));
                    }
                }
            }
        }
        if (polyOrder < -1) throw new UsageException("--poly-order must be -1 or more, got " + polyOrder);
        Emsc e;
        try {
            e = new Emsc(axis, r0, polyOrder, extra.toArray(new double[0][]), null);
        } catch (SingularFitException ex) {
            throw new BadInputException(referenceName, 0, 0, "the EMSC model is singular: " + ex.getMessage());
        }
        List<String> names = new ArrayList<>();
        names.add("emsc_b");
        for (int i = 1; i <= extra.size(); i++) names.add("emsc_h" + i);
        for (int p = 0; p <= polyOrder; p++) names.add("emsc_c" + p);
        names.addAll(List.of("emsc_rmse", "emsc_failure"));
        return new Corrector() {
            public List<String> parameterNames() {
                return names;
            }

            public Row[] correct(double[][] spectra, int threads, Progress progress) { // fast: progress per block
                Row[] rows = new Row[spectra.length];
                Parallel.forEachIndex(spectra.length, threads, "emsc", () -> i -> {
                    EmscResult r = e.correct(spectra[i]);
                    List<String> cells = new ArrayList<>();
                    for (double c : r.coefficients()) cells.add(num(c));
                    cells.add(num(r.rmse()));
                    cells.add(r.failure() == null ? "" : r.failure());
                    rows[i] = new Row(r.corrected(), r.residuals(), cells.toArray(new String[0]), r.failure());
                });
                return rows;
            }
        };
    }

    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?");

    private static String num(double v) {
        return DoubleFormatter.exact().format(v);
    }

    private static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(value)) return e;
        throw new IllegalArgumentException(option + ": unknown value '" + value + "'; one of "
                + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }

    /** One corrected spectrum and its parameter cells. */
    private record Row(double[] corrected, double[] residuals, String[] cells, String failure) {
    }

    /** ME-EMSC or EMSC behind one interface, prepared for the data axis. */
    private interface Corrector {
        List<String> parameterNames();

        /** @param progress the spectra of this block done, out of the block's (ME-EMSC, slow, tells it per spectrum) */
        Row[] correct(double[][] spectra, int threads, Progress progress);
    }
}
