package io.descatter.cli;

import io.descatter.dynamics.SgdConfig;
import io.descatter.dynamics.SgdSweep;
import io.descatter.report.GalleryWriter;
import io.descatter.report.SgdGallery;
import io.descatter.report.TheoryCheck;
import io.descatter.spectra.io.OutputFolder;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sgd --sweep} and {@code sgd --preset}: the gallery runs of {@link SgdCommand}, kept apart from its single run. */
final class SgdGalleryRun {
    private SgdGalleryRun() {
    }

    /** The options a single run or a sweep needs (a preset brings its own). */
    static void requireBase(Integer dim, String samples, Integer batch, Double lr, Long steps) {
        List<String> missing = new ArrayList<>();
        if (dim == null) missing.add("--dim");
        if (samples == null) missing.add("--samples");
        if (batch == null) missing.add("--batch");
        if (lr == null) missing.add("--lr");
        if (steps == null) missing.add("--steps");
        if (!missing.isEmpty())
            throw new IllegalArgumentException("missing " + String.join(", ", missing) + " (needed unless --preset names a gallery figure)");
    }

    static int sweep(CommandSpec spec, SgdConfig base, String sweepSpec, Path output) throws Exception {
        SgdSweep sweep;
        long total;
        try {
            sweep = SgdSweep.parse(sweepSpec);
            total = sweep.configs(base).stream().mapToLong(SgdConfig::steps).sum(); // every value checked before any run
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        return write(spec, output, "sgd --sweep " + sweepSpec, () -> SgdGallery.sweep(base, sweep, done -> {
            if (done % Math.max(1, total / 10) < Math.max(1, total / 100))
                err.printf("sgd: %d%% of %,d steps%n", Math.round(100.0 * done / total), total);
        }));
    }

    static int preset(CommandSpec spec, String name, long seed, Path output) throws Exception {
        SgdGallery.Preset preset;
        try {
            preset = SgdGallery.Preset.of(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("sgd: preset " + preset.key() + ": " + preset.description());
        return write(spec, output, "sgd --preset " + preset.key() + " --seed " + seed,
                () -> SgdGallery.preset(preset, seed, line -> err.println("sgd: " + line)));
    }

    private interface Job {
        SgdGallery.Result run();
    }

    private static int write(CommandSpec spec, Path output, String command, Job job) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SgdGallery.Result r;
        long wall = System.nanoTime();
        long cpu = processCpuNanos();
        try (OutputFolder folder = OutputFolder.create(output)) {
            Leftovers.report(spec.commandLine().getErr(), folder.removedLeftovers());
            r = job.run();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("command", "descatter " + command);
            extra.put("wall_seconds", (System.nanoTime() - wall) * 1e-9);
            extra.put("cpu_seconds", (processCpuNanos() - cpu) * 1e-9);
            GalleryWriter.write(r, extra, folder.path());
            folder.commit();
        }
        for (TheoryCheck c : r.checks()) {
            out.printf(Locale.ROOT, "%-28s %-36s x = %-8.4g theory %-11.5g measured %.5g [%.5g, %.5g]  %s%n", c.figure(), c.quantity(),
                    c.x(), c.theory(), c.measured().value(), c.measured().low(), c.measured().high(),
                    c.inside() ? "inside" : c.approximation() ? "outside (approximation: O(η) expected)" : "OUTSIDE");
        }
        long exact = r.checks().stream().filter(c -> !c.approximation()).count();
        long inside = r.checks().stream().filter(c -> !c.approximation() && c.inside()).count();
        out.printf(Locale.ROOT, "%d of %d theory points inside the measured 95 %% intervals (%.0f s wall, %.0f s CPU)%n", inside, exact,
                (System.nanoTime() - wall) * 1e-9, (processCpuNanos() - cpu) * 1e-9);
        out.println("wrote " + output);
        return ExitCode.OK;
    }

    /** CPU time of the whole process (all threads), so a run on a shared machine can be judged by its own work. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
