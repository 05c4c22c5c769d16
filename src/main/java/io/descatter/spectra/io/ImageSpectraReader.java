package io.descatter.spectra.io;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.image.ConcurrentRows;
import io.descatter.spectra.image.SequentialRows;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.PixelGrid;
import io.descatter.spectra.image.SpectralImage;
import io.descatter.util.Futures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The spectra of a {@link SpectralImage}, pixel by pixel, row after row, as a table: each spectrum carries its
 * position as the metadata {@value #MAP_X} and {@value #MAP_Y} (Quasar's names; where the image has a grid), then the
 * image's own metadata. A batch of whole image rows is read by the worker that parses it ({@link #parse}), or, for
 * an image whose blocks may be read at once ({@link ConcurrentRows}) or are best read in order ({@link SequentialRows}),
 * ahead of the workers by a thread of its own; a batch smaller than one image row is read here.
 */
final class ImageSpectraReader extends SpectraReader {
    /** Quasar's metadata names of a pixel's position. */
    static final String MAP_X = "map_x";
    static final String MAP_Y = "map_y";

    private final SpectralImage image;
    private final ReadOptions options;
    private final int width;
    private final int height;
    private final int points;
    private final int ownMeta;
    private final boolean concurrent;
    /** Whether whole-row batches are read ahead, in order, on a thread of their own. */
    private final boolean readsAhead;
    /** The positions as written: per column and per row, formatted once. */
    private final String[] xs;
    private final String[] ys;
    private final long sourceBytes;
    /** The next pixel to read, counted row after row. */
    private long next;
    /** One image row, for batches smaller than a row (read on the reading thread only). */
    private double[] rowValues;
    private String[][] rowMeta;
    private int bufferedRow = -1;
    /** Whether the image found every value of {@link #rowValues} finite. */
    private boolean bufferedRowFinite;
    /**
     * Reads whole-row batches of a {@link ConcurrentRows} or {@link SequentialRows} image as soon as the reading
     * thread hands them out, in that order, so that a worker finds its batch read instead of waiting on the file with
     * its core idle (ENVI reads bypass the page cache: each 6 MB block is a wait on the device), and a sequential
     * table is never asked for a block behind one already read. Started on the first such batch.
     */
    private ExecutorService readAhead;

    ImageSpectraReader(SpectralImage image, ReadOptions options, long sourceBytes) {
        this.image = image;
        this.options = options;
        this.width = image.width();
        this.height = image.height();
        this.points = image.axis().size();
        this.ownMeta = image.metaNames().size();
        this.concurrent = image instanceof ConcurrentRows;
        this.readsAhead = concurrent || image instanceof SequentialRows;
        this.sourceBytes = sourceBytes;
        PixelGrid grid = image.grid();
        List<MetaColumn> meta = new ArrayList<>();
        if (grid != null) {
            meta.add(new MetaColumn(MAP_X, "continuous", MetaColumn.META));
            meta.add(new MetaColumn(MAP_Y, "continuous", MetaColumn.META));
            DoubleFormatter f = DoubleFormatter.exact();
            xs = new String[width];
            ys = new String[height];
            for (int c = 0; c < width; c++) xs[c] = f.format(grid.x(c));
            for (int r = 0; r < height; r++) ys[r] = f.format(grid.y(r));
        } else {
            xs = null;
            ys = null;
        }
        for (String name : image.metaNames()) meta.add(new MetaColumn(name, "string", MetaColumn.META));
        schema = new TableSchema(image.source(), Layout.QUASAR, ',', image.axis(), meta, null)
                .withImage(new ImageShape(width, height, grid));
    }

    private int metaColumns() { return (xs == null ? 0 : 2) + ownMeta; }

    @Override
    public int read(SpectraChunk chunk) throws IOException {
        RowBlock block = new RowBlock();
        int n = readRows(chunk, block);
        if (n > 0) parse(chunk, block);
        return n;
    }

    /** Whole image rows go to {@link #parse}; less than a row is read here from a buffered row. */
    @Override
    public int readRows(SpectraChunk chunk, RowBlock block) throws IOException {
        block.clear();
        chunk.clear();
        long total = (long) width * height;
        if (next >= total) return 0;
        int row = (int) (next / width);
        int column = (int) (next % width);
        int wholeRows = Math.min(chunk.capacity() / width, height - row);
        if (column == 0 && wholeRows > 0) {
            for (int p = 0; p < wholeRows * width; p++) chunk.addRow(new String[metaColumns()], 0);
            block.imageRow = row;
            if (readsAhead) readAhead(row, wholeRows, chunk, block);
            next += (long) wholeRows * width;
            return chunk.rows();
        }
        if (bufferedRow != row) {
            if (rowValues == null) {
                rowValues = new double[width * points];
                rowMeta = ownMeta == 0 ? null : new String[width][];
            }
            bufferedRowFinite = readImage(row, 1, rowValues, rowMeta);
            bufferedRow = row;
        }
        int n = Math.min(chunk.capacity(), width - column);
        for (int c = column; c < column + n; c++) {
            int r = chunk.addRow(new String[metaColumns()], 0);
            fillMeta(chunk.meta(r), c, row, rowMeta == null ? null : rowMeta[c]);
        }
        System.arraycopy(rowValues, column * points, chunk.values(), 0, n * points);
        if (!bufferedRowFinite) check(chunk, row, column);
        next += n;
        return n;
    }

    private void readAhead(int row, int rows, SpectraChunk chunk, RowBlock block) {
        if (readAhead == null) {
            readAhead = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        String[][] meta = ownMeta == 0 ? null : new String[chunk.rows()][];
        double[] values = chunk.values();
        block.imageMeta = meta;
        block.imageRead = readAhead.submit(() -> image.readRows(row, rows, values, meta));
    }

    @Override
    public void parse(SpectraChunk chunk, RowBlock block) {
        if (block.imageRow < 0) return; // filled in readRows
        int rows = chunk.rows() / width;
        int row = block.imageRow;
        String[][] meta = block.imageRead != null ? block.imageMeta : ownMeta == 0 ? null : new String[chunk.rows()][];
        boolean finite;
        try {
            finite = block.imageRead != null ? Futures.get(block.imageRead) : readImage(row, rows, chunk.values(), meta);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (int p = 0; p < chunk.rows(); p++) fillMeta(chunk.meta(p), p % width, row + p / width, meta == null ? null : meta[p]);
        if (!finite) check(chunk, row, 0);
    }

    /** Reads image rows; true where the image found every value finite. */
    private boolean readImage(int row, int rows, double[] values, String[][] meta) throws IOException {
        if (concurrent) return image.readRows(row, rows, values, meta);
        synchronized (image) {
            return image.readRows(row, rows, values, meta);
        }
    }

    private void fillMeta(String[] cells, int column, int row, String[] own) {
        int m = 0;
        if (xs != null) {
            cells[m++] = xs[column];
            cells[m++] = ys[row];
        }
        for (int k = 0; k < ownMeta; k++) cells[m++] = own == null || own[k] == null ? "" : own[k];
    }

    /**
     * Refuses NaN (unless missing values are allowed) and infinite values, naming the pixel and band; for blocks whose
     * image did not find them all finite as it decoded them.
     */
    private void check(SpectraChunk chunk, int row, int column) {
        double[] v = chunk.values();
        int n = chunk.rows() * points;
        for (int i = 0; i < n; i++) {
            double x = v[i];
            if (x - x == 0) continue; // finite
            if (Double.isNaN(x) && options.allowMissing()) continue;
            long pixel = (long) row * width + column + i / points;
            throw new BadInputException(image.source(), 0, 0, String.format(Locale.ROOT,
                    "%s value at pixel (column %d, row %d), band %d (%s cm-1)%s", Double.isNaN(x) ? "missing (NaN)" : "infinite",
                    pixel % width, pixel / width, i % points + 1, DoubleFormatter.exact().format(image.axis().get(i % points)),
                    Double.isNaN(x) ? ": allow missing values with --allow-nan" : ""));
        }
    }

    /** The share of the pixels read, scaled to the source's size, so progress against its size works as for text. */
    @Override
    public long bytesRead() {
        long total = (long) width * height;
        return sourceBytes <= 0 ? next : Math.round((double) next / total * sourceBytes);
    }

    @Override
    public long expectedSpectra() { return (long) width * height; }

    @Override
    public void close() throws IOException {
        if (readAhead != null) readAhead.shutdownNow();
        image.close();
    }
}
