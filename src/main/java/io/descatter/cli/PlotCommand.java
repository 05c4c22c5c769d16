package io.descatter.cli;

import io.descatter.report.SpectrumPlot;
import io.descatter.spectra.Resampler;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Plots spectra as PNG with the infrared convention (wavenumber decreasing to the right), for example raw "
                    + "vs corrected vs truth. Files given with --compare are drawn on the first file's axis, matched by row.",
            "",
            "Examples:",
            "  descatter plot raw.csv --compare corrected.csv truth.csv --rows 1,2 -o fig.png"
        })
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IN", description = "Spectra file.")
    String in;

    @Option(names = "--compare", arity = "1..*", paramLabel = "OTHER", description = "Further spectra files, same rows.")
    List<String> compare = new ArrayList<>();

    @Option(names = "--rows", split = ",", paramLabel = "R1,R2", defaultValue = "1",
            description = "1-based rows (spectra) to draw, one figure panel per call (default: ${DEFAULT-VALUE}).")
    List<Integer> rows;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PNG", description = "The PNG image to write (this exact name; .png is not added).")
    Path output;

    @Override
    public Integer call() throws Exception {
        List<String> files = new ArrayList<>(List.of(in));
        files.addAll(compare);
        for (String f : files) UsageException.requireDistinct(InputSource.of(f), OutputTarget.of(output.toString()));
        List<SpectraTable> tables = new ArrayList<>();
        for (String f : files) tables.add(SpectraTable.read(InputSource.of(f), ReadOptions.defaults().withAllowMissing(true)));
        WavenumberAxis axis = tables.get(0).schema().axis();
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int row : rows) {
            for (int t = 0; t < tables.size(); t++) {
                SpectraTable table = tables.get(t);
                if (row < 1 || row > table.size()) throw new UsageException("row " + row + " is outside " + files.get(t) + " (" + table.size() + " spectra)");
                double[] s = Resampler.linear(table.schema().axis(), axis).apply(table.spectra().get(row - 1));
                int id = table.schema().idColumn();
                String label = Path.of(files.get(t)).getFileName() + (id >= 0 ? " " + table.meta().get(row - 1)[id] : " row " + row);
                series.put(label, s);
            }
        }
        SpectrumPlot.write(output, Path.of(in).getFileName().toString(), axis.values(), series);
        return ExitCode.OK;
    }
}
