package io.descatter.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the default model: the {@code descatter.model} property or else the {@code DESCATTER_MODEL} environment
 * variable when set (it must then name an existing file), else {@code models/descatter-default.zip} beside the
 * installation (the jar's folder or its parent, so both {@code target/descatter.jar} and an unpacked distribution
 * work), else in the working folder.
 */
public final class DefaultModel {
    public static final String FILE_NAME = "descatter-default.zip";

    private DefaultModel() {
    }

    public static Path locate() {
        // a model named explicitly must be there: falling back to the shipped one would hide the mistake
        for (String[] named : new String[][] {{"descatter.model", System.getProperty("descatter.model")},
                {"DESCATTER_MODEL", System.getenv("DESCATTER_MODEL")}}) {
            if (named[1] == null) continue;
            if (!Files.isRegularFile(Path.of(named[1]))) throw new ModelFormatException(named[0] + "=" + named[1] + ": no such model file");
            return Path.of(named[1]);
        }
        List<Path> candidates = candidates();
        for (Path p : candidates) if (Files.isRegularFile(p)) return p;
        throw new ModelFormatException("no default model found (looked at " + candidates
                + "); give one with --model or set DESCATTER_MODEL");
    }

    static List<Path> candidates() {
        List<Path> c = new ArrayList<>();
        String env = System.getenv("DESCATTER_MODEL");
        String prop = System.getProperty("descatter.model");
        if (prop != null) c.add(Path.of(prop));
        if (env != null) c.add(Path.of(env));
        try {
            Path code = Path.of(DefaultModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(code) ? code : code.getParent(); // target/classes or the jar's folder
            if (dir != null) {
                c.add(dir.resolve("models").resolve(FILE_NAME));
                if (dir.getParent() != null) c.add(dir.getParent().resolve("models").resolve(FILE_NAME));
                if (dir.getParent() != null && dir.getParent().getParent() != null) {
                    c.add(dir.getParent().getParent().resolve("models").resolve(FILE_NAME));
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code location: fall back to the working folder
        }
        c.add(Path.of("models", FILE_NAME));
        return c;
    }
}
