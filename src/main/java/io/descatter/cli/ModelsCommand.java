package io.descatter.cli;

import io.descatter.model.ShippedModels;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.SpectraReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Lists the shipped models (the descatter-*.zip files of the models folder): file, axis range and points, "
                    + "network, validation r (mean Pearson r on the held-out split); with --for FILE, which one correct, "
                    + "evaluate and bench would use for that file (marked *).",
            "",
            "The choice: among the models whose axis the file's axis covers (up to two of its own steps short at an edge "
                    + "are filled), the widest range (the most chemistry), ties by the most points; --model on those commands "
                    + "wins. A file that covers none gets exit 4 with the commands that train a model on its own axis.",
            "",
            "The models folder is models/ beside the installation (or in the working folder); "
                    + ShippedModels.DIR_VARIABLE + " or -D" + ShippedModels.DIR_PROPERTY + "=DIR names another. "
                    + "DESCATTER_MODEL or -Ddescatter.model=FILE names one model that replaces the choice.",
            "",
            "Examples:",
            "  descatter models",
            "  descatter models --for cells.csv",
            "  DESCATTER_MODELS_DIR=/opt/lab-models descatter models --for fingerprint.csv"
        })
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--for", paramLabel = "FILE", description = "Spectra file (CSV, .gz, or - for standard input): say which model it would use.")
    String file;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        List<ShippedModels.Shipped> models = ShippedModels.list();
        ShippedModels.Shipped chosen = null;
        WavenumberAxis axis = null;
        if (file != null) {
            try (SpectraReader reader = SpectraReader.open(InputSource.of(file), input.toReadOptions())) {
                axis = reader.schema().axis();
            }
            if (ShippedModels.override() == null) chosen = ShippedModels.choose(file, axis, models); // exit 4 when none
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("shipped models in %s (widest first):%n", ShippedModels.folder());
        String row = "%1s %-28s %-18s %6s  %-46s %s%n";
        out.printf(Locale.ROOT, row, "", "file", "range (cm-1)", "points", "network", "validation r");
        for (ShippedModels.Shipped m : models) {
            Double r = m.metadata().validation() == null ? null : m.metadata().validation().get("meanPearsonR");
            out.printf(Locale.ROOT, row, m == chosen ? "*" : "", m.file().getFileName(), range(m.axis()),
                    m.axis().size(), m.metadata().architecture().description(), r == null ? "-" : String.format(Locale.ROOT, "%.4f", r));
        }
        Path named = ShippedModels.override();
        if (named != null) {
            out.printf("DESCATTER_MODEL (or -Ddescatter.model) names %s: commands without --model use it, not these%n", named);
        }
        if (file != null) {
            out.printf(Locale.ROOT, "%s (%s cm-1, %d points) would use %s%n", file, range(axis), axis.size(),
                    named != null ? named : chosen.file().getFileName());
        }
        return ExitCode.OK;
    }

    /** The range to 0.01 cm⁻¹, as instruments state it (the axis values themselves are kept in full). */
    private static String range(WavenumberAxis axis) {
        return String.format(Locale.ROOT, "%.2f–%.2f", axis.min(), axis.max());
    }
}
