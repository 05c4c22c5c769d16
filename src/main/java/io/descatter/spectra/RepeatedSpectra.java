package io.descatter.spectra;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Finds spectra whose values repeat an earlier spectrum's exactly, as an export or copy error leaves them (a
 * validation set of 60 measured cells held five such pairs under different ids): each repeat counts once more in
 * every median and mean computed over the file. One 64-bit fingerprint of every value's bits per spectrum (half of
 * commons-codec's MurmurHash3 x64 128; 8 bytes per spectrum, whatever the number of points), compared after the pass;
 * two different spectra share one by chance with a probability of about n² / 2⁶⁵ (10⁻⁶ for four million). Spectra
 * with a missing (NaN) value are left out: they are counted as missing. Not thread-safe.
 */
public final class RepeatedSpectra {
    /** The fingerprint of a spectrum left out. */
    private static final long NONE = Long.MIN_VALUE;

    private long[] prints = new long[256];
    private byte[] bytes = new byte[0];
    private int count;

    /** One repeat: spectrum {@code later} has the values of spectrum {@code earlier} (0-based, in the order added). */
    public record Pair(long earlier, long later) {
    }

    /**
     * @param repeats  spectra whose values repeat an earlier one's
     * @param examples the first few repeats in file order
     */
    public record Result(long repeats, List<Pair> examples) {
        public boolean any() { return repeats > 0; }
    }

    /** Adds the next spectrum: {@code points} values of {@code v} from {@code off}. */
    public void add(double[] v, int off, int points) {
        boolean missing = false;
        for (int i = off, end = off + points; i < end; i++) missing |= v[i] != v[i];
        long print = NONE;
        if (!missing) {
            if (bytes.length < points * Double.BYTES) bytes = new byte[points * Double.BYTES];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(v, off, points);
            long h = MurmurHash3.hash128x64(bytes, 0, points * Double.BYTES, 0)[0];
            print = h == NONE ? NONE + 1 : h;
        }
        if (count == prints.length) prints = Arrays.copyOf(prints, prints.length * 2);
        prints[count++] = print;
    }

    /** The repeats among the spectra added so far, with at most {@code examples} of them. */
    public Result result(int examples) {
        long[] sorted = Arrays.copyOf(prints, count);
        Arrays.sort(sorted);
        long repeats = 0;
        long[] repeated = new long[16]; // each repeated fingerprint once, ascending
        int groups = 0;
        for (int i = 1; i < count; i++) {
            if (sorted[i] == NONE || sorted[i] != sorted[i - 1]) continue;
            repeats++;
            if (groups > 0 && repeated[groups - 1] == sorted[i]) continue;
            if (groups == repeated.length) repeated = Arrays.copyOf(repeated, groups * 2);
            repeated[groups++] = sorted[i];
        }
        List<Pair> pairs = new ArrayList<>();
        if (repeats > 0 && examples > 0) {
            long[] search = Arrays.copyOf(repeated, groups);
            Map<Long, Long> first = new HashMap<>();
            for (int i = 0; i < count && pairs.size() < examples; i++) {
                if (prints[i] == NONE || Arrays.binarySearch(search, prints[i]) < 0) continue;
                Long earlier = first.putIfAbsent(prints[i], (long) i);
                if (earlier != null) pairs.add(new Pair(earlier, i));
            }
        }
        return new Result(repeats, List.copyOf(pairs));
    }
}
