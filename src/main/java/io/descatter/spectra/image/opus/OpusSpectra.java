package io.descatter.spectra.image.opus;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.image.SpectralImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The absorbance of a Bruker OPUS file: its absorbance (AB) data block, described by the data-status block of the
 * same type (NPT points from FXV to LXV, x unit DXU = WN, scale CSF, DPF 1 float32 or 2 int32). A single spectrum is
 * a list of one spectrum; a series block (extended type 2: six int32 - version, spectrum count, offset of the first
 * spectrum, bytes per spectrum, bytes of the record after each, stored-range count - then the spectra) is a list of
 * its spectra. The positions of map spectra are not read (no documented layout): there is no {@link #grid()}.
 *
 * <p>When a file holds several absorbance blocks (OPUS appends processed copies), the last result block is read, as
 * OPUS shows it. Other result kinds (transmittance, reflectance, ATR) are refused rather than read as absorbance.
 */
public final class OpusSpectra implements SpectralImage {
    private final OpusFile file;
    private final WavenumberAxis axis;
    private final OpusBlock data;
    private final double scale;
    private final boolean integers;
    private final int spectra;
    /** Byte offsets in the file of each spectrum's first value (one for a single spectrum). */
    private final long firstSpectrum;
    private final long stride;

    private OpusSpectra(OpusFile file, WavenumberAxis axis, OpusBlock data, double scale, boolean integers,
            int spectra, long firstSpectrum, long stride) {
        this.file = file;
        this.axis = axis;
        this.data = data;
        this.scale = scale;
        this.integers = integers;
        this.spectra = spectra;
        this.firstSpectrum = firstSpectrum;
        this.stride = stride;
    }

    /** Whether the file starts with the OPUS magic bytes {@code 0A 0A FE FE} (OPUS names files .0, .1, ...). */
    public static boolean recognises(Path path, byte[] firstBytes) {
        return OpusFile.hasMagic(firstBytes);
    }

    /**
     * Opens the absorbance of an OPUS file.
     *
     * @param nameForMessages the file as the user named it
     * @throws BadInputException when the file is not OPUS, is truncated, or has no absorbance block (the message
     *     lists the blocks it has)
     */
    public static OpusSpectra open(Path path, String nameForMessages) throws IOException {
        return open(path, nameForMessages, OpusBlock.ABSORBANCE);
    }

    /** Opens the data block of another kind (the block-type codes of {@link OpusBlock}); for tests of real files. */
    static OpusSpectra open(Path path, String nameForMessages, int kind) throws IOException {
        OpusFile file = OpusFile.open(path, nameForMessages);
        try {
            return open(file, kind);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static OpusSpectra open(OpusFile file, int kind) throws IOException {
        String name = file.name();
        OpusBlock data = dataBlock(file, kind);
        String what = "the absorbance block at byte " + data.offset();
        ByteBuffer block = file.read(data, what);
        Map<String, Object> status = file.parameters(dataStatus(file, data, block));
        int points = integer(status, "NPT", name);
        double first = number(status, "FXV", name);
        double last = number(status, "LXV", name);
        Object unit = status.getOrDefault("DXU", "WN");
        if (!"WN".equals(unit)) {
            throw new BadInputException(name, 0, 0, "the absorbance's x values are in " + unit + ", not wavenumbers"
                    + " (DXU = WN); convert the x axis to wavenumbers in OPUS and save again");
        }
        if (points < 2 || !(first != last)) {
            throw new BadInputException(name, 0, 0, "the absorbance has " + points + " points from " + first + " to "
                    + last + " (NPT, FXV, LXV); descatter needs at least 2 distinct wavenumbers");
        }
        double scale = status.get("CSF") instanceof Double csf ? csf : 1.0;
        boolean integers = Integer.valueOf(2).equals(status.get("DPF"));
        long valueBytes = 4L * points;
        if (data.extended() == OpusBlock.SERIES) {
            if (block.limit() < 24) throw new BadInputException(name, 0, 0, what + " is too short for a series header");
            int count = block.getInt(4);
            long offset = Integer.toUnsignedLong(block.getInt(8));
            long spectrumBytes = Integer.toUnsignedLong(block.getInt(12));
            long recordBytes = Integer.toUnsignedLong(block.getInt(16));
            if (count < 1 || spectrumBytes < valueBytes) {
                throw new BadInputException(name, 0, 0, what + " is a series of " + count + " spectra of "
                        + spectrumBytes + " bytes, which cannot hold NPT = " + points + " values each");
            }
            long stride = spectrumBytes + recordBytes;
            long needed = offset + (count - 1) * stride + valueBytes;
            if (needed > data.bytes()) {
                throw new BadInputException(name, 0, 0, what + " holds " + data.bytes() + " bytes but its series of "
                        + count + " spectra needs " + needed + " (the file is damaged)");
            }
            return new OpusSpectra(file, linear(first, last, points), data, scale, integers, count,
                    data.offset() + offset, stride);
        }
        if (data.bytes() < valueBytes) {
            throw new BadInputException(name, 0, 0, what + " holds " + data.bytes() / 4 + " values but its data status"
                    + " says NPT = " + points + " (the file is damaged)");
        }
        // compact copies keep a header before the values: the last NPT values are the spectrum
        long start = data.extended() == OpusBlock.COMPACT ? data.end() - valueBytes : data.offset();
        return new OpusSpectra(file, linear(first, last, points), data, scale, integers, 1, start, 0);
    }

    /** The last result block of {@code kind} (else the last of any role); bad input when there is none. */
    private static OpusBlock dataBlock(OpusFile file, int kind) {
        List<OpusBlock> absorbance = new ArrayList<>();
        for (OpusBlock b : file.blocks()) {
            if (b.isData() && b.dataKind() == kind && b.part() != 2 && b.derivative() == 0
                    && (b.extended() == 0 || b.extended() == OpusBlock.SERIES || b.extended() == OpusBlock.COMPACT)) {
                absorbance.add(b);
            }
        }
        if (absorbance.isEmpty()) {
            Set<String> kinds = new LinkedHashSet<>();
            for (OpusBlock b : file.blocks()) if (b.isData()) kinds.add(b.describe());
            throw new BadInputException(file.name(), 0, 0, "no absorbance (AB) block; the file holds "
                    + (kinds.isEmpty() ? "no spectra" : String.join(", ", kinds))
                    + ": convert the spectrum to absorbance in OPUS and save it (or export the absorbance)");
        }
        return absorbance.stream()
                .max(Comparator.comparing((OpusBlock b) -> b.role() == 3).thenComparing(OpusBlock::offset))
                .orElseThrow();
    }

    /**
     * The data-status block of {@code data}: of the blocks of the matching type, the one whose MNY/MXY equal the
     * block's own extremes (a single spectrum), else the first after the data block, else the last before it.
     */
    private static OpusBlock dataStatus(OpusFile file, OpusBlock data, ByteBuffer block) throws IOException {
        List<OpusBlock> matches = file.blocks().stream().filter(data::describedBy).toList();
        if (matches.isEmpty()) {
            throw new BadInputException(file.name(), 0, 0, "the absorbance block at byte " + data.offset()
                    + " has no data-status block (NPT, FXV, LXV): the file is damaged");
        }
        if (matches.size() > 1 && data.extended() == 0) {
            for (OpusBlock status : matches) {
                Map<String, Object> p = file.parameters(status);
                if (extremesMatch(block, p)) return status;
            }
        }
        return matches.stream().filter(s -> s.offset() > data.offset()).findFirst()
                .orElse(matches.get(matches.size() - 1));
    }

    private static boolean extremesMatch(ByteBuffer block, Map<String, Object> status) {
        if (!(status.get("NPT") instanceof Integer n) || !(status.get("MNY") instanceof Double min)
                || !(status.get("MXY") instanceof Double max) || n < 1 || 4L * n > block.limit()) {
            return false;
        }
        double scale = status.get("CSF") instanceof Double csf ? csf : 1.0;
        boolean integers = Integer.valueOf(2).equals(status.get("DPF"));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = (integers ? (double) block.getInt(4 * i) : block.getFloat(4 * i)) * scale;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double tolerance = 1e-6 * Math.max(Math.abs(hi), Math.abs(lo));
        return Math.abs(lo - min) <= tolerance && Math.abs(hi - max) <= tolerance;
    }

    private static WavenumberAxis linear(double first, double last, int points) {
        double[] x = new double[points];
        double step = (last - first) / (points - 1);
        for (int i = 0; i < points; i++) x[i] = first + i * step;
        x[points - 1] = last;
        return WavenumberAxis.of(x);
    }

    private static int integer(Map<String, Object> status, String key, String name) {
        if (status.get(key) instanceof Integer value) return value;
        throw missing(key, name);
    }

    private static double number(Map<String, Object> status, String key, String name) {
        if (status.get(key) instanceof Double value && Double.isFinite(value)) return value;
        throw missing(key, name);
    }

    private static BadInputException missing(String key, String name) {
        return new BadInputException(name, 0, 0, "the absorbance's data status has no valid " + key
                + " (points NPT, first and last x FXV/LXV): the file is damaged");
    }

    @Override
    public String source() { return file.name(); }

    @Override
    public WavenumberAxis axis() { return axis; }

    /** A list: one spectrum per row. */
    @Override
    public int width() { return 1; }

    /** The number of spectra: 1, or the spectra of a series. */
    @Override
    public int height() { return spectra; }

    /** Null: a list of spectra without positions. */
    @Override
    public PixelGrid grid() { return null; }

    /** What was read, for {@code info}: "absorbance (result)", "absorbance series (result)". */
    public String block() { return data.describe(); }

    @Override
    public boolean readRows(int firstRow, int rows, double[] values, String[][] meta) throws IOException {
        if (firstRow < 0 || rows < 0 || firstRow + rows > spectra) {
            throw new IndexOutOfBoundsException("rows " + firstRow + ".." + (firstRow + rows - 1) + " of " + spectra);
        }
        int points = axis.size();
        for (int s = 0; s < rows; s++) {
            ByteBuffer b = file.read(firstSpectrum + (firstRow + s) * stride, 4L * points, "the absorbance block at byte "
                    + data.offset());
            for (int i = 0; i < points; i++) {
                values[s * points + i] = (integers ? (double) b.getInt(4 * i) : b.getFloat(4 * i)) * scale;
            }
        }
        return false; // not looked at: the reader checks them
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
