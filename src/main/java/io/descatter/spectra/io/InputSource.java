package io.descatter.spectra.io;

import io.descatter.spectra.BadInputException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Opens a spectra file, or standard input for {@code -}, as UTF-8 text: gzip is recognised by its magic bytes,
 * a UTF-8 byte-order mark is skipped, UTF-16 is refused (where cells are split: bytes that are neither UTF-8 nor
 * Windows-1252, a cell at a time). Counts the bytes read from the
 * file itself (compressed bytes for gzip) so long jobs can show progress against {@link #size()}.
 */
public final class InputSource {
    /** The name used for standard input. */
    public static final String STDIN = "-";

    private final String name;
    private final Path path;
    /** The files of a source made of several, in order; empty for one file or standard input. */
    private final List<InputSource> parts;

    private InputSource(String name, Path path) {
        this(name, path, List.of());
    }

    private InputSource(String name, Path path, List<InputSource> parts) {
        this.name = name;
        this.path = path;
        this.parts = parts;
    }

    /** {@code -} for standard input, otherwise a file path. */
    public static InputSource of(String name) {
        return STDIN.equals(name) ? new InputSource(name, null) : new InputSource(name, Path.of(name));
    }

    /**
     * One file as {@link #of(String)}; several as one table, read one after the other in this order, each spectrum
     * with its file's name ({@link CombinedSpectraReader}): a folder of OPUS files, one spectrum each.
     *
     * @throws IllegalArgumentException for no name, or for standard input among several (it cannot be told apart)
     */
    public static InputSource of(List<String> names) {
        if (names.isEmpty()) throw new IllegalArgumentException("no input file given");
        if (names.size() == 1) return of(names.get(0));
        if (names.contains(STDIN)) throw new IllegalArgumentException("standard input (-) cannot be read together with other files");
        List<InputSource> parts = names.stream().map(InputSource::of).toList();
        String name = names.size() <= 3 ? String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1)
                : names.get(0) + ", " + names.get(1) + " and " + (names.size() - 2) + " more files";
        return new InputSource(name, null, parts);
    }

    /** The files of a source made of several ({@link #of(List)}), in order; empty for one file or standard input. */
    public List<InputSource> parts() { return parts; }

    /** Whether this is standard input, which can be read only once. */
    public boolean isStandardInput() { return path == null && parts.isEmpty(); }

    public static InputSource of(Path path) {
        return new InputSource(path.toString(), path);
    }

    /** The name as the user gave it, used in every message. */
    public String name() { return name; }

    /** The file, or null for standard input and for several files ({@link #parts()}). */
    public Path path() { return path; }

    /** Size of the file in bytes (of all files, for several), or -1 for standard input. */
    public long size() {
        if (!parts.isEmpty()) {
            long total = 0;
            for (InputSource p : parts) {
                long size = p.size();
                if (size < 0) return -1;
                total += size;
            }
            return total;
        }
        try {
            return path == null ? -1 : Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /** An open byte stream and the count of raw bytes read so far. */
    public static final class Opened implements AutoCloseable {
        private final InputStream stream;
        private final CountingStream counter;
        private final boolean compressed;

        Opened(InputStream stream, CountingStream counter, boolean compressed) {
            this.stream = stream;
            this.counter = counter;
            this.compressed = compressed;
        }

        /** The text's bytes, after any byte-order mark; read in large blocks (a buffer in front would only copy). */
        public InputStream stream() { return stream; }

        public long bytesRead() { return counter.count; }

        /** Whether the file is gzip: {@link #bytesRead()} then counts compressed bytes. */
        public boolean compressed() { return compressed; }

        @Override
        public void close() throws IOException { stream.close(); }
    }

    /**
     * Opens the source for reading.
     *
     * @throws BadInputException for a missing, empty, UTF-16 or corrupt gzip file
     * @throws IOException for other read errors
     */
    public Opened open() throws IOException {
        if (!parts.isEmpty()) throw new IllegalStateException("several files are read one by one: open each of parts()");
        InputStream raw;
        if (path == null) {
            raw = System.in;
        } else {
            if (Files.isDirectory(path)) throw new BadInputException(name, 0, 0, "is a folder, not a spectra file");
            try {
                raw = Files.newInputStream(path);
            } catch (NoSuchFileException e) {
                throw BadInputException.noSuchFile(name);
            }
        }
        CountingStream counter = new CountingStream(raw);
        BufferedInputStream in = new BufferedInputStream(counter, 1 << 16);
        boolean gzip;
        try {
            int first = peek(in, 2);
            if (first == -1) throw new BadInputException(name, 0, 0, "the file is empty");
            gzip = first == 0x1f8b;
            if (gzip) {
                try {
                    in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
                } catch (IOException e) {
                    throw new BadInputException(name, 0, 0, "corrupt gzip data" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                }
                try {
                    if (peek(in, 2) == -1) throw new BadInputException(name, 0, 0, "the file is empty (after gzip decompression)");
                } catch (java.util.zip.ZipException | java.io.EOFException e) { // the first block is decompressed here
                    throw new BadInputException(name, 0, 0, "corrupt or truncated gzip data"
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                }
            } else if (name.endsWith(".gz")) {
                throw new BadInputException(name, 0, 0, "the name ends in .gz but the content is not gzip data");
            }
            int bom2 = peek(in, 2);
            if (bom2 == 0xfeff || bom2 == 0xfffe) {
                throw new BadInputException(name, 1, 1, "UTF-16 text (byte-order mark " + Integer.toHexString(bom2)
                        + "): save the file as UTF-8");
            }
            if (peek(in, 3) == 0xefbbbf) in.skipNBytes(3); // UTF-8 byte-order mark, as Excel writes it
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
        return new Opened(in, counter, gzip);
    }

    /** The first n (≤ 3) bytes as a big-endian int without consuming them; -1 if the stream is empty. */
    private static int peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        int v = 0;
        int got = 0;
        for (int i = 0; i < n; i++) {
            int b = in.read();
            if (b < 0) break;
            v = (v << 8) | b;
            got++;
        }
        in.reset();
        if (got == 0) return -1;
        return got < n ? -2 : v;
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
