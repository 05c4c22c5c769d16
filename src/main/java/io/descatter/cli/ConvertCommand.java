package io.descatter.cli;

import io.descatter.spectra.Resampler;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.DoubleFormatter;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.Layout;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.SpectraConverter;
import io.descatter.util.Counted;
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
            "",
            "European spreadsheet exports (';' or tab between cells, ',' as the decimal mark) are detected; "
                    + "--decimal-comma forces it. Output keeps the input's style unless --output-delimiter or --output-decimal changes it."
        })
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN", description = "Input spectra file (CSV, .gz, or - for standard input).")
    String in;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Output file (.gz compresses; - for standard output). Written only if the whole conversion succeeds.")
    String out;

    @Option(names = "--layout", paramLabel = "LAYOUT", converter = LayoutConverter.class,
            description = "Output layout: wide, quasar or columnar (default: the input's). Columnar keeps only the id column.")
    Layout layout;

    @Option(names = "--output-delimiter", paramLabel = "CHAR", converter = DelimiterConverter.class,
            description = "Output delimiter: ',', ';' or 'tab' (default: the input's).")
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

    @Mixin
    InputOptions input;

    @Mixin
    OutputDecimalOption outputDecimal;

    @Override
    public Integer call() throws Exception {
        InputSource source = InputSource.of(in);
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
        Leftovers.remove(spec.commandLine().getErr(), target);
        SpectraConverter.Result result;
        try (ConsoleProgress progress = ConsoleProgress.bytes("convert")) {
            result = SpectraConverter.convert(new SpectraConverter.Request(source, input.toReadOptions(), target, layout,
                    outputDelimiter, format, newAxis, method, decimalMark), progress);
        }
        if (!result.droppedMeta().isEmpty()) {
            spec.commandLine().getErr().println("descatter: note: the columnar layout keeps only the id column; dropped "
                    + String.join(", ", result.droppedMeta()));
        }
        if (!target.isStdout()) {
            spec.commandLine().getErr().printf("descatter: wrote %s (%s, %s) to %s%n", Counted.spectra(result.spectra()),
                    result.output().layout().label(), result.output().axis().describe(), out);
        }
        return ExitCode.OK;
    }
}
