package io.descatter.spectra.image.envi;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.image.ImageFormats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two files of an ENVI image: the header ({@code NAME.hdr}, or {@code NAME.img.hdr}) and the data file beside
 * it with the same stem ({@code NAME}, {@code NAME.img}, {@code .dat}, {@code .raw}, {@code .bsq}, {@code .bil},
 * {@code .bip}); names match in any case where the exact one is absent (instrument software mixes them).
 */
record EnviFiles(Path header, String headerName, Path data, String dataName) {
    static final String[] DATA_EXTENSIONS = {"", ".img", ".dat", ".raw", ".bsq", ".bil", ".bip"};

    /** Whether a path is an ENVI header, or a data file with one beside it. */
    static boolean recognises(Path file, byte[] head) {
        if (ImageFormats.hasExtension(file.toString(), ".hdr")) return EnviHeader.isHeader(head);
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean dataName = false;
        for (String ext : DATA_EXTENSIONS) dataName |= ext.isEmpty() ? lower.indexOf('.') < 0 : lower.endsWith(ext);
        if (!dataName) return false;
        Path h = headerOf(file);
        return h != null && startsLikeHeader(h);
    }

    static EnviFiles of(Path file, String name) throws IOException {
        Path given = Path.of(name);
        if (ImageFormats.hasExtension(file.toString(), ".hdr")) {
            String stem = stem(file.getFileName().toString());
            List<String> tried = new ArrayList<>();
            for (String ext : DATA_EXTENSIONS) {
                Path d = sibling(file, stem + ext);
                tried.add(stem + ext);
                if (d != null && !d.equals(file) && Files.isRegularFile(d)) return new EnviFiles(file, name, d, given.resolveSibling(d.getFileName()).toString());
            }
            throw new BadInputException(name, 0, 0, "no data file beside this ENVI header (looked for " + String.join(", ", tried) + ")");
        }
        Path h = headerOf(file);
        return new EnviFiles(h, given.resolveSibling(h.getFileName()).toString(), file, name);
    }

    private static Path headerOf(Path data) {
        String file = data.getFileName().toString();
        for (String candidate : new String[] {stem(file) + ".hdr", file + ".hdr"}) {
            Path h = sibling(data, candidate);
            if (h != null && Files.isRegularFile(h)) return h;
        }
        return null;
    }

    private static boolean startsLikeHeader(Path h) {
        try (InputStream in = Files.newInputStream(h)) {
            return EnviHeader.isHeader(in.readNBytes(8));
        } catch (IOException e) {
            return false;
        }
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot <= 0 ? file : file.substring(0, dot);
    }

    /** The file of this name beside {@code file}: the exact name, else one that differs only in case, else null. */
    private static Path sibling(Path file, String name) {
        Path exact = file.resolveSibling(name);
        if (Files.exists(exact)) return exact;
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) return null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (p.getFileName().toString().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return file.resolveSibling(p.getFileName());
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
