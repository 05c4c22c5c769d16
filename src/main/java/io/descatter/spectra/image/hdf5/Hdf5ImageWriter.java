package io.descatter.spectra.image.hdf5;

import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.image.SpectralImageWriter;
import io.descatter.spectra.io.StagedFile;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes spectra in descatter's HDF5 layout ({@link Hdf5Layout}, docs/FORMATS.md) as float32: an image as
 * {@code /cube} (rows x columns x bands, pixel grid as its attributes), a plain list as {@code /spectra}, with
 * {@code /wavenumbers} (float64) and {@code /meta/NAME} string datasets. The values stream to a raw file beside the
 * target, so memory does not grow with the image (metadata strings excepted); on {@link #commit()} jHDF writes the
 * file's structure (it writes a dataset only from an array in memory: here a zero row shared by every pixel, a
 * reference each) and the values are copied into the dataset's contiguous bytes.
 */
public final class Hdf5ImageWriter implements SpectralImageWriter {
    private final StagedFile staged;
    private final StagedFile raw;
    private final FileChannel rawChannel;
    private final WavenumberAxis axis;
    private final int width;
    /** Image rows; for a list whose count comes at the commit, 0 until then. */
    private int height;
    private final boolean countKnown;
    private final PixelGrid grid;
    private final List<String> metaNames;
    private final List<String[]> meta = new ArrayList<>();
    private final ByteBuffer buffer;
    private long written;

    private Hdf5ImageWriter(StagedFile staged, StagedFile raw, WavenumberAxis axis, int width, int height,
                            boolean countKnown, PixelGrid grid, List<String> metaNames) throws IOException {
        this.staged = staged;
        this.raw = raw;
        this.rawChannel = FileChannel.open(raw.temp(), StandardOpenOption.WRITE, StandardOpenOption.READ);
        this.axis = axis;
        this.width = width;
        this.height = height;
        this.countKnown = countKnown;
        this.grid = grid;
        this.metaNames = List.copyOf(metaNames);
        this.buffer = ByteBuffer.allocate(Math.max(1 << 16, axis.size() * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A writer for {@code width x height} spectra on {@code axis}: a {@code /cube} when {@code grid} is given, else
     * (width 1) a {@code /spectra} list.
     */
    public static Hdf5ImageWriter create(Path target, WavenumberAxis axis, int width, int height, PixelGrid grid,
                                         List<String> metaNames) throws IOException {
        if (width < 1 || height < 1) throw new IllegalArgumentException("an image needs pixels, got " + width + " x " + height);
        return create(target, axis, width, height, true, grid, metaNames);
    }

    /**
     * A writer for a {@code /spectra} list whose count is known only at the commit (spectra passing through a table):
     * the values stream to the raw file as always, and the dataset takes its size at the commit.
     */
    public static Hdf5ImageWriter createList(Path target, WavenumberAxis axis, List<String> metaNames) throws IOException {
        return create(target, axis, 1, 0, false, null, metaNames);
    }

    private static Hdf5ImageWriter create(Path target, WavenumberAxis axis, int width, int height, boolean countKnown,
                                          PixelGrid grid, List<String> metaNames) throws IOException {
        StagedFile staged = StagedFile.beside(target, "");
        StagedFile raw = null;
        try {
            raw = StagedFile.beside(target, ".values");
            return new Hdf5ImageWriter(staged, raw, axis, width, height, countKnown, grid, metaNames);
        } catch (IOException | RuntimeException e) {
            if (raw != null) raw.close();
            staged.close();
            throw e;
        }
    }

    private boolean isImage() { return grid != null; }

    private long pixels() { return (long) width * height; }

    @Override
    public void write(double[] values, String[][] meta, int pixels) throws IOException {
        if (countKnown && written + pixels > pixels()) {
            throw new IllegalStateException("more pixels than the " + width + " x " + height + " the writer was made for");
        }
        for (int i = 0; i < pixels * axis.size(); i++) {
            if (buffer.remaining() < Float.BYTES) drain();
            buffer.putFloat((float) values[i]);
        }
        drain();
        if (!metaNames.isEmpty()) this.meta.addAll(Arrays.asList(meta).subList(0, pixels));
        written += pixels;
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) rawChannel.write(buffer);
        buffer.clear();
    }

    @Override
    public void commit() throws IOException {
        if (!countKnown) {
            if (written == 0 || written > Integer.MAX_VALUE) throw new IllegalStateException(staged.name() + ": " + written + " spectra written");
            height = (int) written;
        }
        if (written != pixels()) throw new IllegalStateException(written + " of " + pixels() + " pixels written before commit");
        String dataPath = isImage() ? Hdf5Layout.CUBE : Hdf5Layout.SPECTRA;
        try (WritableHdfFile out = HdfFile.write(staged.temp())) {
            out.putDataset(Hdf5Layout.WAVENUMBERS.substring(1), axis.values());
            WritableDataset data = out.putDataset(dataPath.substring(1), placeholder());
            if (isImage()) {
                PixelGrid g = grid;
                data.putAttribute(Hdf5Layout.X_START, g.xStart());
                data.putAttribute(Hdf5Layout.Y_START, g.yStart());
                data.putAttribute(Hdf5Layout.X_SIZE, g.xSize());
                data.putAttribute(Hdf5Layout.Y_SIZE, g.ySize());
                if (!g.unit().isEmpty()) data.putAttribute(Hdf5Layout.UNIT, g.unit());
            }
            if (!metaNames.isEmpty()) {
                WritableGroup group = out.putGroup(Hdf5Layout.META);
                for (int k = 0; k < metaNames.size(); k++) {
                    String[] column = new String[meta.size()];
                    for (int i = 0; i < column.length; i++) column[i] = meta.get(i)[k];
                    group.putDataset(metaNames.get(k), column);
                }
            }
        }
        copyValuesInto(dataPath);
        rawChannel.close();
        raw.close();
        staged.commit();
    }

    /** Zeros of the dataset's shape with one row shared by all pixels: jHDF lays the bytes out, we fill them. */
    private Object placeholder() {
        float[] zero = new float[axis.size()];
        if (!isImage()) {
            float[][] list = new float[(int) pixels()][];
            Arrays.fill(list, zero);
            return list;
        }
        float[][][] cube = new float[height][width][];
        for (float[][] row : cube) Arrays.fill(row, zero);
        return cube;
    }

    private void copyValuesInto(String dataPath) throws IOException {
        long address;
        long bytes = pixels() * axis.size() * Float.BYTES;
        try (HdfFile written = new HdfFile(staged.temp())) {
            Dataset d = written.getDatasetByPath(dataPath);
            if (!(d instanceof ContiguousDataset c) || d.getSizeInBytes() != bytes) {
                throw new IOException(staged.name() + ": the HDF5 library laid out " + dataPath + " otherwise than expected");
            }
            address = c.getDataAddress();
        }
        try (FileChannel out = FileChannel.open(staged.temp(), StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < bytes) done += rawChannel.transferTo(done, bytes - done, out.position(address + done));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            rawChannel.close();
        } finally {
            try {
                raw.close();
            } finally {
                staged.close();
            }
        }
    }
}
