package io.descatter.spectra;

/**
 * A block of consecutive spectra on one axis: values row-major in one array (so a block goes to a network or a
 * BLAS call without copying), the metadata cells of each row, and the source line of each row for messages.
 * Readers refill a chunk in place, so a streaming pass allocates no per-row arrays for values.
 */
public final class SpectraChunk {
    private final int points;
    private final int metaColumns;
    private final double[] values;
    private final String[][] meta;
    private final long[] lines;
    private int rows;

    public SpectraChunk(int capacity, int points, int metaColumns) {
        if (capacity < 1 || points < 1 || metaColumns < 0) throw new IllegalArgumentException("bad chunk shape");
        if ((long) capacity * points > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("chunk too large: " + capacity + " x " + points);
        this.points = points;
        this.metaColumns = metaColumns;
        this.values = new double[capacity * points];
        this.meta = new String[capacity][];
        this.lines = new long[capacity];
    }

    /** Rows per chunk that keep one chunk near {@code bytes} of values, at least 1. */
    public static int rowsFor(int points, long bytes) {
        return (int) Math.max(1, Math.min(1 << 16, bytes / (8L * points)));
    }

    public int capacity() { return lines.length; }

    public int rows() { return rows; }

    public int points() { return points; }

    public int metaColumns() { return metaColumns; }

    public boolean isFull() { return rows == lines.length; }

    public void clear() { rows = 0; }

    /** The row-major values; row r occupies {@code [r*points, (r+1)*points)}. Only the first rows() rows are valid. */
    public double[] values() { return values; }

    public double value(int row, int point) { return values[row * points + point]; }

    /** Offset of row r in {@link #values()}. */
    public int offset(int row) { return row * points; }

    /** The metadata cells of a row, in the schema's metadata column order (may be an empty array). */
    public String[] meta(int row) { return meta[row]; }

    /** 1-based source line of a row, 0 if unknown. */
    public long line(int row) { return lines[row]; }

    /** Appends a row whose values the caller then writes at {@code offset(row)}; returns the row index. */
    public int addRow(String[] metaCells, long line) {
        if (isFull()) throw new IllegalStateException("chunk is full");
        if (metaCells.length != metaColumns) throw new IllegalArgumentException("expected " + metaColumns + " metadata cells, got " + metaCells.length);
        meta[rows] = metaCells;
        lines[rows] = line;
        return rows++;
    }

    /** Appends a row with values copied from {@code src[srcOffset ..]}. */
    public int addRow(double[] src, int srcOffset, String[] metaCells, long line) {
        int r = addRow(metaCells, line);
        System.arraycopy(src, srcOffset, values, r * points, points);
        return r;
    }
}
