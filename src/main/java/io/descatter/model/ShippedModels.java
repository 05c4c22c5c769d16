package io.descatter.model;

import io.descatter.spectra.AxisMismatchException;
import io.descatter.spectra.WavenumberAxis;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The shipped models: the {@code descatter-*.zip} files of the models folder, and the choice among them for an input.
 *
 * <p>The folder is the {@value #DIR_PROPERTY} property or else the {@value #DIR_VARIABLE} environment variable when set
 * (it must then be a folder), else the first {@code models} folder holding a {@code descatter-*.zip} beside the
 * installation (the jar's folder or its parent, so both {@code target/descatter.jar} and an unpacked distribution
 * work), else in the working folder.
 *
 * <p>The {@code descatter.model} property or else the {@code DESCATTER_MODEL} environment variable, when set, names one
 * model (an existing file) that replaces the choice, as {@code --model} does.
 */
public final class ShippedModels {
    /** The full-range model: the one for commands that have no input axis to choose by (adapt, bench). */
    public static final String FILE_NAME = "descatter-default.zip";
    /** The system property naming the models folder. */
    public static final String DIR_PROPERTY = "descatter.models.dir";
    /** The environment variable naming the models folder (the property wins). */
    public static final String DIR_VARIABLE = "DESCATTER_MODELS_DIR";

    /** One shipped model: its file and what its metadata say (read without the network). */
    public record Shipped(Path file, ModelMetadata metadata, WavenumberAxis axis) {
        /** The range it corrects, cm-1: the wider, the more chemistry. */
        public double range() { return axis.max() - axis.min(); }

        /** How an input's axis relates to it, as {@link CorrectionModel#nearlyCovers}. */
        public boolean coveredBy(WavenumberAxis input) { return CorrectionModel.nearlyCovers(input, axis); }

        /** "file 1000.89–3999.71 cm-1, 1556 points" */
        public String describe() {
            return String.format(Locale.ROOT, "%s %s–%s cm-1, %d points", file.getFileName(), axis.min(), axis.max(), axis.size());
        }
    }

    private ShippedModels() {
    }

    /** The model named by descatter.model or DESCATTER_MODEL, or null when neither is set. */
    public static Path override() {
        // a model named explicitly must be there: falling back to the shipped one would hide the mistake
        for (String[] named : new String[][] {{"descatter.model", System.getProperty("descatter.model")},
                {"DESCATTER_MODEL", System.getenv("DESCATTER_MODEL")}}) {
            if (named[1] == null) continue;
            if (!Files.isRegularFile(Path.of(named[1]))) throw new ModelFormatException(named[0] + "=" + named[1] + ": no such model file");
            return Path.of(named[1]);
        }
        return null;
    }

    /** The full-range default model (the override when set), for commands without an input axis to choose by. */
    public static Path locate() {
        Path named = override();
        if (named != null) return named;
        Path file = folder().resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException("no default model " + file + "; give one with --model or set DESCATTER_MODEL");
        }
        return file;
    }

    /**
     * The model for spectra (read from {@code file}) on {@code input}: the override when set, else the shipped model
     * whose axis the input covers, allowing {@link CorrectionModel#MAX_HELD_STEPS} short at an edge, with the widest
     * range (the most chemistry), ties by the most points.
     *
     * @throws AxisMismatchException when the input covers none, listing them and the commands for a model of its own
     */
    public static Path choose(String file, WavenumberAxis input) throws IOException {
        Path named = override();
        if (named != null) return named;
        return choose(file, input, list()).file();
    }

    /** {@link #choose(String, WavenumberAxis)} among {@code models}. */
    public static Shipped choose(String file, WavenumberAxis input, List<Shipped> models) {
        return models.stream().filter(m -> m.coveredBy(input)).max(BEST).orElseThrow(() -> noneCovers(file, input, models));
    }

    /** The shipped models, widest first (then most points, then by name). */
    public static List<Shipped> list() throws IOException {
        Path dir = folder();
        List<Shipped> models = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "descatter-*.zip")) {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) continue;
                ModelMetadata m = ModelStore.readMetadata(f);
                WavenumberAxis axis;
                try {
                    axis = WavenumberAxis.of(m.axis());
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new ModelFormatException(f + ": damaged model metadata: its axis is not one (" + e.getMessage() + ")", e);
                }
                models.add(new Shipped(f, m, axis));
            }
        }
        if (models.isEmpty()) throw new ModelFormatException("no shipped model (descatter-*.zip) in " + dir + "; give one with --model");
        models.sort(BEST.reversed().thenComparing(s -> s.file().getFileName().toString()));
        return models;
    }

    /** Wider range first, then more points. */
    private static final Comparator<Shipped> BEST = Comparator.comparingDouble(Shipped::range).thenComparingInt(s -> s.axis().size());

    private static AxisMismatchException noneCovers(String file, WavenumberAxis input, List<Shipped> models) {
        return new AxisMismatchException(file, String.format(Locale.ROOT,
                "the spectra's axis %s–%s cm-1 covers none of the shipped models' (%s; up to %d of the spectra's steps "
                        + "short at an edge would be filled): %s", input.min(), input.max(),
                String.join("; ", models.stream().map(Shipped::describe).toList()), CorrectionModel.MAX_HELD_STEPS,
                CorrectionModel.trainForAxis(input)));
    }

    /** The models folder (see the class comment). */
    public static Path folder() {
        for (String[] named : new String[][] {{DIR_PROPERTY, System.getProperty(DIR_PROPERTY)}, {DIR_VARIABLE, System.getenv(DIR_VARIABLE)}}) {
            if (named[1] == null) continue;
            if (!Files.isDirectory(Path.of(named[1]))) throw new ModelFormatException(named[0] + "=" + named[1] + ": no such folder");
            return Path.of(named[1]);
        }
        List<Path> candidates = candidates();
        for (Path dir : candidates) if (holdsModels(dir)) return dir;
        throw new ModelFormatException("no models folder with descatter-*.zip found (looked at " + candidates
                + "); give a model with --model, or set " + DIR_VARIABLE + " or DESCATTER_MODEL");
    }

    private static boolean holdsModels(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "descatter-*.zip")) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    static List<Path> candidates() {
        List<Path> c = new ArrayList<>();
        try {
            Path code = Path.of(ShippedModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(code) ? code : code.getParent(); // target/classes or the jar's folder
            for (int up = 0; dir != null && up < 3; up++, dir = dir.getParent()) c.add(dir.resolve("models"));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code location: fall back to the working folder
        }
        c.add(Path.of("models"));
        return c;
    }
}
