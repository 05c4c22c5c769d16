package io.descatter.cli;

import io.descatter.report.SpectraFigure;
import io.descatter.report.SpectrumPlot;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.OutputTarget;
import io.descatter.spectra.io.SpectraTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Plots spectra as PNG with the infrared convention (wavenumber in cm⁻¹ decreasing to the right): one panel "
                    + "per chosen spectrum, in a grid, titled with its id. Each file (IN, then each --compare file) has one "
                    + "colour of the colour-blind-safe Okabe-Ito palette (black, orange, sky blue, bluish green, blue, "
                    + "vermillion, reddish purple, yellow), named in the legend; each is drawn on its own axis. A compared "
                    + "file's spectrum is the one of the same id where it has an id column, else the same row.",
            "",
            "Examples:",
            "  descatter plot raw.csv --compare corr.csv truth.csv --rows 1,2,5 -o fig.png",
            "      three panels (2 columns), raw, corrected and truth in each",
            "  descatter plot a.csv --compare corr.csv --rows c12,c40 --columns 1 -o b.png",
            "      spectra c12 and c40 by id, one panel above the other",
            "  descatter plot c.csv --rows 1,2,3 --overlay --offset 0.5 --normalise -o s.png",
            "      three spectra in one panel, each peaking at 1, stacked 0.5 apart",
            "  descatter plot cells.csv --compare corr.csv --mean -o mean.png",
            "      each file's mean ± s.d. over all its spectra"
        })
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IN", description = "Spectra file.")
    String in;

    @Option(names = "--compare", arity = "1..*", paramLabel = "OTHER", description = "Further spectra files, drawn with IN's.")
    List<String> compare = new ArrayList<>();

    @Option(names = "--rows", split = ",", paramLabel = "R1,R2",
            description = "Spectra to draw, by id or by 1-based row number (an id that matches wins; one that is "
                    + "neither is exit 3). Default: the first spectrum; with --mean all of them.")
    List<String> rows = new ArrayList<>();

    @Option(names = "--columns", paramLabel = "N",
            description = "Panels per row of the grid (default: as square as can be: 2 for 2-4 panels, 3 for 5-9).")
    Integer columns;

    @Option(names = "--overlay", description = "All chosen spectra in one panel instead of one panel each.")
    boolean overlay;

    @Option(names = "--mean", description = "One panel: each file's mean with a ± standard deviation band, over the "
            + "--rows chosen or all spectra.")
    boolean mean;

    @Option(names = "--offset", paramLabel = "STEP", defaultValue = "0",
            description = "Stack the curves STEP apart: with --overlay each spectrum above the one before; otherwise each "
                    + "file above the one before (default: ${DEFAULT-VALUE}, no stacking).")
    double offset;

    @Option(names = {"--normalise", "--normalize"},
            description = "Divide each spectrum by its maximum (peak at 1); the y axis reads \"normalised absorbance\".")
    boolean normalise;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PNG", description = "The PNG image to write (this exact name; .png is not added).")
    Path output;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        if (columns != null && columns < 1) throw new UsageException("--columns must be at least 1, not " + columns);
        if (overlay && mean) throw new UsageException("--overlay and --mean both draw one panel: choose one");
        if (!Double.isFinite(offset)) throw new UsageException("--offset must be a finite number");
        List<String> files = new ArrayList<>(List.of(in));
        files.addAll(compare);
        for (String f : files) UsageException.requireDistinct(InputSource.of(f), OutputTarget.of(output.toString()));
        List<SpectraFigure.Source> sources = new ArrayList<>();
        for (String f : files) {
            // a plot shows gaps as gaps, so missing values are read without the --allow-nan that other commands need
            sources.add(new SpectraFigure.Source(f, SpectraTable.read(InputSource.of(f), input.toReadOptions().withAllowMissing(true))));
        }
        SpectraFigure.Mode mode = mean ? SpectraFigure.Mode.MEAN : overlay ? SpectraFigure.Mode.OVERLAY : SpectraFigure.Mode.GRID;
        List<SpectrumPlot.Panel> panels = SpectraFigure.panels(sources, new SpectraFigure.Options(rows, mode, offset, normalise));
        SpectrumPlot.write(output, panels, columns != null ? columns : SpectrumPlot.defaultColumns(panels.size()),
                SpectraFigure.yLabel(normalise));
        return ExitCode.OK;
    }
}
