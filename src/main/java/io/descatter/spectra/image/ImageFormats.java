package io.descatter.spectra.image;

import io.descatter.spectra.image.agilent.AgilentFormat;
import io.descatter.spectra.image.envi.EnviFormat;
import io.descatter.spectra.image.hdf5.Hdf5Format;
import io.descatter.spectra.image.mat.MatFormat;
import io.descatter.spectra.image.opus.OpusFormat;
import io.descatter.spectra.image.parquet.ParquetFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The binary spectra formats descatter reads and writes, asked in order: {@link io.descatter.spectra.io.SpectraReader}
 * opens a file with the first reading format that recognises it (CSV text when none does), and
 * {@link io.descatter.spectra.io.SpectraWriter} writes an output whose name the first writing format claims (CSV
 * otherwise). A format is added with one line in {@link #READING} or {@link #WRITING}; a more specific format comes
 * before a more general one that would also claim its files (a format whose data file sits beside an ENVI header
 * before ENVI).
 */
public final class ImageFormats {
    /** How many of a file's first bytes {@link Reading#recognises} sees. */
    public static final int HEAD_BYTES = 512;

    /**
     * A format that reads images.
     *
     * @param name the format's name in messages and docs ("ENVI")
     */
    public record Reading(String name, Recogniser recogniser, Opener opener) {
        /** Tells whether a file is in the format. */
        public interface Recogniser {
            boolean recognises(Path file, byte[] head);
        }

        /** Opens a file of the format. */
        public interface Opener {
            SpectralImage open(Path file, String name) throws IOException;
        }

        /**
         * Whether {@code file} is in this format, told by its name, its first bytes or its companion files.
         *
         * @param head up to {@link #HEAD_BYTES} first bytes of the file (fewer for a shorter file)
         */
        public boolean recognises(Path file, byte[] head) { return recogniser.recognises(file, head); }

        /**
         * Opens the file, reading its header; the values are read later, block by block.
         *
         * @param name the file as the user named it, for every message
         * @throws io.descatter.spectra.BadInputException when the file is not what its header says (one line naming it)
         */
        public SpectralImage open(Path file, String name) throws IOException { return opener.open(file, name); }
    }

    /**
     * A format that writes images.
     *
     * @param extensions the output names it claims (each with its dot, lower case; matched in any case)
     * @param values the type the values are written as, for messages ("float32")
     * @param keepsMetadata whether the format holds per-spectrum metadata (ids, labels); where not, a writer gets no
     *     metadata names
     * @param keepsImages whether the format holds an image's shape and pixel grid (ENVI, MAT, HDF5); a table format
     *     (Parquet) gets no shape, and the pixel position as the metadata {@code map_x} and {@code map_y}
     */
    public record Writing(String name, List<String> extensions, String values, boolean keepsMetadata, boolean keepsImages,
                          Creator creator) {
        /** Makes a writer whose output appears under {@code outputName} (and its companions) only at its commit. */
        public interface Creator {
            SpectralImageWriter create(String outputName, ImageSpec spec) throws IOException;
        }

        public Writing {
            extensions = List.copyOf(extensions);
        }

        /** Whether an output of this name is written in this format (by its extension, any case). */
        public boolean writes(String outputName) { return hasExtension(outputName, extensions.toArray(String[]::new)); }

        /** A writer whose output appears under {@code outputName} (and its companions) only at its commit. */
        public SpectralImageWriter create(String outputName, ImageSpec spec) throws IOException {
            return creator.create(outputName, spec);
        }
    }

    /**
     * Reading formats, in the order they are asked. Agilent before ENVI: an Agilent {@code .dat} has a valid ENVI
     * header beside it, but only the Agilent header gives the pixel size. MAT before HDF5: a MATLAB v7.3 file is HDF5
     * inside, and MAT recognises it by its text header to say how to save it instead (HDF5 leaves it alone).
     */
    private static final List<Reading> READING = List.of(
            AgilentFormat.READING,
            EnviFormat.READING,
            OpusFormat.READING,
            MatFormat.READING,
            Hdf5Format.READING,
            ParquetFormat.READING);

    /** Writing formats, in the order they are asked. */
    private static final List<Writing> WRITING = List.of(
            EnviFormat.WRITING,
            MatFormat.WRITING,
            Hdf5Format.WRITING,
            ParquetFormat.WRITING);

    private ImageFormats() {
    }

    /** The reading formats, in the order they are asked. */
    public static List<Reading> reading() { return READING; }

    /** The writing formats, in the order they are asked. */
    public static List<Writing> writing() { return WRITING; }

    /**
     * Opens {@code file} as an image if a registered format recognises it.
     *
     * @return the image, or null for a file no format claims (a missing or unreadable one too: the text reader says why)
     */
    public static SpectralImage open(Path file, String name) throws IOException {
        Reading format = readingFormatOf(file);
        return format == null ? null : format.open(file, name);
    }

    /** The format that recognises {@code file}, or null. */
    public static Reading readingFormatOf(Path file) {
        // a folder is a table in part files (as Spark writes Parquet) or nothing a format reads
        if (Files.isDirectory(file)) return ParquetFormat.READING.recognises(file, new byte[0]) ? ParquetFormat.READING : null;
        if (!Files.isRegularFile(file)) return null;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        } catch (IOException unreadable) {
            return null;
        }
        for (Reading f : READING) if (f.recognises(file, head)) return f;
        return null;
    }

    /** The format that writes an output of this name, or null (CSV, or standard output). */
    public static Writing writingFormatOf(String outputName) {
        if (outputName.equals("-")) return null;
        for (Writing f : WRITING) if (f.writes(outputName)) return f;
        return null;
    }

    /** Whether a file name ends in one of the extensions (each with its dot, lower case), in any case. */
    public static boolean hasExtension(String name, String... extensions) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String e : extensions) if (lower.endsWith(e)) return true;
        return false;
    }
}
