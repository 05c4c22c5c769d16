package io.descatter.spectra.io;

import io.descatter.spectra.BadInputException;
import java.util.Arrays;

/**
 * The cells of a chunk's rows as the tokenizer found them, so that their numbers can be parsed later and on
 * another thread ({@link SpectraReader#readCells}, then {@link SpectraReader#parse}): parsing is most of the
 * cost of reading, and the reading thread only has to find where cells start and end.
 */
public final class RowCells {
    char[] text = new char[1 << 16];
    int textLength;
    /** Start and end in {@link #text} of each cell, row after row. */
    int[] bounds = new int[1 << 12];
    int cells;
    /** A bad record after the rows held: thrown by {@link SpectraReader#parse} once the rows before it are checked. */
    BadInputException error;

    void clear() {
        textLength = 0;
        cells = 0;
        error = null;
    }

    /** Appends one record's cells, given as slices of {@code src}. */
    void add(char[] src, int srcLength, int[] starts, int[] ends, int count) {
        if (textLength + srcLength > text.length) text = Arrays.copyOf(text, Math.max(textLength + srcLength, 2 * text.length));
        if (2 * (cells + count) > bounds.length) bounds = Arrays.copyOf(bounds, Math.max(2 * (cells + count), 2 * bounds.length));
        System.arraycopy(src, 0, text, textLength, srcLength);
        for (int i = 0; i < count; i++) {
            bounds[2 * (cells + i)] = textLength + starts[i];
            bounds[2 * (cells + i) + 1] = textLength + ends[i];
        }
        textLength += srcLength;
        cells += count;
    }

    String cell(int i) {
        return new String(text, bounds[2 * i], bounds[2 * i + 1] - bounds[2 * i]);
    }
}
