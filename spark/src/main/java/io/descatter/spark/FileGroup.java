package io.descatter.spark;

import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The files one task reads as one table: a CSV file, or an image with its companion files (an ENVI header with its
 * data file, an Agilent tile header with its data, a mosaic header with its tiles), which must reach the task's disk
 * together. Grouped by name, so that files on any file system are grouped without reading them: files whose names
 * differ only in the extension (and, for Agilent mosaic tiles {@code STEM_XXXX_YYYY.dmd}, the tile number) form one
 * group when one of them is a header ({@code .hdr}, {@code .dmt}, {@code .bsp}, {@code .dmd}); every other file is a
 * group of its own.
 *
 * @param files the files, the one to open first (a header where there is one)
 */
record FileGroup(List<String> files) implements Serializable {
    /** Header and tile extensions, in the order their files are opened: the mosaic header before a tile header. */
    private static final List<String> HEADERS = List.of("dmt", "hdr", "bsp", "dmd");

    /** The file the reader opens, also the name of the group in messages and in the {@code image} column. */
    String primary() { return files.get(0); }

    /** {@code files} (sorted) in groups, in the order of their first file. */
    static List<FileGroup> of(List<String> files) {
        Map<String, List<String>> byStem = new LinkedHashMap<>();
        for (String f : files) byStem.computeIfAbsent(stem(f), k -> new ArrayList<>()).add(f);
        List<FileGroup> groups = new ArrayList<>();
        for (List<String> g : byStem.values()) {
            if (g.stream().anyMatch(f -> HEADERS.contains(extension(f)))) {
                List<String> ordered = new ArrayList<>(g);
                ordered.sort(java.util.Comparator.comparingInt(FileGroup::rank)); // stable: names stay sorted within a rank
                groups.add(new FileGroup(List.copyOf(ordered)));
            } else {
                for (String f : g) groups.add(new FileGroup(List.of(f)));
            }
        }
        return groups;
    }

    private static int rank(String file) {
        int i = HEADERS.indexOf(extension(file));
        return i < 0 ? HEADERS.size() : i;
    }

    private static String name(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    private static String extension(String file) {
        String n = name(file);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The path without its extension, and without an Agilent tile's _XXXX_YYYY; case-insensitive as Agilent's stems. */
    private static String stem(String file) {
        String dir = file.substring(0, file.lastIndexOf('/') + 1);
        String n = name(file);
        int dot = n.lastIndexOf('.');
        String s = dot < 0 ? n : n.substring(0, dot);
        if (extension(file).equals("dmd")) s = s.replaceFirst("_\\d+_\\d+$", "");
        return dir + s.toLowerCase(Locale.ROOT);
    }

    /** The group on the local disk: in place on a local file system, else copied into one temporary folder. */
    Local local(Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path first = new org.apache.hadoop.fs.Path(primary());
        FileSystem fs = first.getFileSystem(conf);
        if (fs.getUri().getScheme() == null || fs.getUri().getScheme().equals("file")) {
            return new Local(Path.of(first.toUri().getPath()), null);
        }
        Path dir = Files.createTempDirectory("descatter-input-");
        for (String f : files) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f);
            fs.copyToLocalFile(p, new org.apache.hadoop.fs.Path(dir.resolve(p.getName()).toUri()));
        }
        return new Local(dir.resolve(first.getName()), dir);
    }

    /** A group on the local disk: the file to open and the temporary folder to delete on close (null: none). */
    record Local(Path path, Path temporary) implements AutoCloseable {
        SpectraReader open(ReadOptions options) throws IOException {
            return SpectraReader.open(InputSource.of(path), options);
        }

        @Override
        public void close() throws IOException {
            if (temporary == null) return;
            try (var s = Files.list(temporary)) {
                for (Path p : s.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(temporary);
        }
    }
}
