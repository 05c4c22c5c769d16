package io.descatter.cli;

import io.descatter.spectra.Resampler;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.Layout;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.SpectraConverter;
import io.descatter.spectra.io.UnknownColumnException;
import io.descatter.util.Counted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Converts a spectra file to another layout, delimiter, precision or wavenumber axis. "
                    + "Wide and Quasar files stream in constant memory, whatever their size.",
            "",
            "Numbers are written as the shortest decimal that reads back to the same double, so a conversion "
                    + "loses nothing unless --digits or --axis asks for it.",
            "",
            "Examples:",
            "  descatter convert cells.csv -o cells_columnar.csv --layout columnar",
            "  descatter convert cells.csv.gz -o cells_2cm.csv --axis 1000:4000:2 --digits 6",
            "  zcat big.csv.gz | descatter convert - -o - --layout quasar > big.quasar.csv",
            "  descatter convert excel_export.csv -o plain.csv --output-delimiter ,   (';' and 0,1234 -> ',' and 0.1234)",
            "  descatter convert cells.csv -o for_excel.csv --output-decimal comma    (',' and 0.1234 -> ';' and 0,1234)",
            "  descatter convert raw.csv -o for_quasar.csv --layout quasar --class tissue --meta id",
            "  descatter convert section.hdr -o section.csv     (ENVI image -> Quasar CSV, map_x and map_y per pixel)",
            "  descatter convert cells.csv -o cells.hdr         (-> ENVI, float32: cells.hdr + cells.img, a spectrum per image row)",
            "  descatter convert tissue.dmt -o tissue.h5        (Agilent mosaic -> HDF5 cube, pixel size kept)",
            "  descatter convert cells.csv -o cells.mat         (-> MATLAB: spectra, wavenumbers and each metadata column)",
            "  descatter convert cells.csv.gz -o cells.parquet  (-> Parquet as descatter-spark reads it; docs/SPARK.md)",
            "  descatter convert corrected.parquet -o out.csv   (a Parquet file or Spark's folder of part files -> CSV)",
            "  descatter convert spectra/*.0 -o cells.csv       (a folder of OPUS files -> one table, a row per file, its name in column file)",
            "",
            "European spreadsheet exports (';' or tab between cells, ',' as the decimal mark) are detected; "
                    + "--decimal-comma forces it. Output keeps the input's style unless --output-delimiter or --output-decimal changes it.",
            "",
            "Wavenumbers with at most 10 decimals are written as they came; an axis that needs more (a computed one) with the fewest decimals "
                    + "(at most 6) that keep each point within 1e-4 of a spacing of its exact value.",
            "",
            "In a Quasar (Orange) file the third header row gives each column's role: --class marks the column to "
                    + "predict (typed discrete unless it is continuous), --meta one kept beside the spectra but not used "
                    + "as a feature; other columns keep their roles (metadata read from a wide file: meta)."
        })
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN", arity = "1..*", description = "Input spectra (" + SpectraFiles.READ + "; or - for standard input). Several files are read as one table, in "
                    + "the order given, each spectrum with its file's name in the column file (a folder of OPUS files: *.0); "
                    + "they must share one axis and the same metadata columns.")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Output file (" + SpectraFiles.WRITTEN + "). Written only if the whole conversion succeeds.")
    String out;

    @Option(names = "--layout", paramLabel = "LAYOUT", converter = LayoutConverter.class,
            description = "Output layout: wide, quasar or columnar (default: the input's). Columnar keeps only the id column.")
    Layout layout;

    @Option(names = "--output-delimiter", paramLabel = "CHAR", converter = DelimiterConverter.class,
            description = "Output delimiter: ',', ';', 'tab' or 'whitespace' (one space; default: the input's).")
    Character outputDelimiter;

    @Option(names = "--axis", paramLabel = "MIN:MAX:STEP",
            description = "Resample onto a regular axis in cm-1, e.g. 1000:4000:2. It must lie inside the input's range.")
    String axis;

    @Option(names = "--interpolation", paramLabel = "METHOD", defaultValue = "linear",
            description = "Resampling method for --axis: linear or cubic (natural spline). Default: ${DEFAULT-VALUE}.")
    String interpolation;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "0",
            description = "Significant digits of output values, 1-17 (default: shortest exact, 0).")
    int digits;

    @Option(names = "--class", paramLabel = "COLUMN",
            description = "With --layout quasar: flag this metadata column 'class' (the one to predict). Repeatable.")
    List<String> classColumns = new ArrayList<>();

    @Option(names = "--meta", paramLabel = "COLUMN",
            description = "With --layout quasar: flag this metadata column 'meta' (kept, not a feature). Repeatable.")
    List<String> metaColumns = new ArrayList<>();

    @Mixin
    InputOptions input;

    @Mixin
    OutputDecimalOption outputDecimal;

    @Override
    public Integer call() throws Exception {
        InputSource source = UsageException.inputs(inputs);
        OutputTarget target = OutputTarget.of(out);
        UsageException.requireDistinct(source, target);
        WavenumberAxis newAxis;
        Resampler.Method method;
        DoubleFormatter format;
        try {
            newAxis = axis == null ? null : WavenumberAxis.parseRange(axis);
            method = Resampler.Method.parse(interpolation);
            format = DoubleFormatter.significantDigits(digits);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Character decimalMark = outputDecimal.mark();
        if (decimalMark != null && decimalMark == ',' && outputDelimiter != null && outputDelimiter == ',') {
            throw new UsageException("--output-decimal comma needs a delimiter other than ',' (--output-delimiter ';' or tab)");
        }
        Map<String, String> roles = quasarRoles();
        Leftovers.remove(spec.commandLine().getErr(), target);
        SpectraConverter.Result result;
        try (ConsoleProgress progress = ConsoleProgress.bytes("convert")) {
            result = SpectraConverter.convert(new SpectraConverter.Request(source, input.toReadOptions(), target, layout,
                    outputDelimiter, format, newAxis, method, decimalMark, roles), progress);
        } catch (UnknownColumnException e) {
            throw new UsageException(e.getMessage());
        }
        io.descatter.spectra.image.ImageFormats.Writing image = io.descatter.spectra.image.ImageFormats.writingFormatOf(out);
        if (!result.droppedMeta().isEmpty()) {
            spec.commandLine().getErr().println("descatter: note: " + (image != null ? image.name() + " keeps no metadata columns"
                    : "the columnar layout keeps only the id column") + "; dropped " + String.join(", ", result.droppedMeta()));
        }
        if (!target.isStdout()) {
            spec.commandLine().getErr().printf("descatter: wrote %s (%s, %s) to %s%n", Counted.spectra(result.spectra()),
                    image != null ? image.name() + ", " + image.values() : result.output().layout().label(), result.output().axis().describe(), out);
        }
        return ExitCode.OK;
    }

    /** --class and --meta as column to Quasar flag; both need the Quasar layout, and a column takes one role. */
    private Map<String, String> quasarRoles() {
        if ((!classColumns.isEmpty() || !metaColumns.isEmpty()) && layout != Layout.QUASAR) {
            throw new UsageException("--class and --meta mark columns in a Quasar header: add --layout quasar");
        }
        Map<String, String> roles = new LinkedHashMap<>();
        for (String c : classColumns) roles.put(c, MetaColumn.CLASS);
        for (String c : metaColumns) {
            if (roles.put(c, MetaColumn.META) != null) throw new UsageException("column '" + c + "' is given both --class and --meta");
        }
        return roles;
    }
}
