package io.descatter.spectra.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Writes a float as the shortest decimal that reads back to it, as ASCII bytes into a caller's buffer, without
 * allocating: the same text as {@code DoubleFormatter.trim(FloatToDecimal.toString(v))} (jackson-core's Schubfach,
 * the algorithm of Java 19's Float.toString), which costs a String and a byte array per value and was a third of
 * the time of writing a corrected file. The digits come from Giulietti's Schubfach (rounding interval scaled by a
 * 64-bit approximation of a power of ten, then the shortest decimal inside it); the layout is Java's: plain
 * between 10^-3 and 10^7, else d.dddEn; "1.0" and "1.0E5" lose their ".0" as in {@code DoubleFormatter.trim}.
 * {@code FloatTextTest} compares it with jackson-core on millions of floats.
 */
final class FloatText {
    /** Longest text: "-1.2345678E-45". */
    static final int MAX_CHARS = 15;

    private static final int P = 24; // significand bits, the hidden one included
    private static final int Q_MIN = -149; // exponent of the smallest subnormal
    private static final int C_MIN = 1 << (P - 1);
    private static final int C_TINY = 8; // subnormals with a significand below this get one more digit (dk = -1)
    private static final int K_MIN = -45;
    private static final int K_MAX = 31;
    /** 63-bit approximations from above of 10^-k, k in [K_MIN, K_MAX], normalised to [2^62, 2^63). */
    private static final long[] G = new long[K_MAX - K_MIN + 1];

    static {
        // g = floor(10^-k / 2^r) + 1 with 2^125 <= 10^-k / 2^r < 2^126; the table holds its upper 63 bits.
        for (int k = K_MIN; k <= K_MAX; k++) {
            int r = flog2pow10(-k) - 125;
            BigInteger num = k <= 0 ? BigInteger.TEN.pow(-k) : BigInteger.ONE;
            BigInteger den = k <= 0 ? BigInteger.ONE : BigInteger.TEN.pow(k);
            if (r < 0) num = num.shiftLeft(-r);
            else den = den.shiftLeft(r);
            BigInteger g = num.divide(den).add(BigInteger.ONE);
            G[k - K_MIN] = g.shiftRight(63).longValueExact();
        }
    }

    private FloatText() {
    }

    /**
     * Writes v at {@code buf[pos]} (room for {@link #MAX_CHARS} bytes needed) and returns the position after it.
     * NaN and infinities are written as Java spells them.
     */
    static int write(float v, byte[] buf, int pos) {
        int bits = Float.floatToRawIntBits(v);
        int t = bits & (C_MIN - 1);
        int bq = (bits >>> (P - 1)) & 0xff;
        if (bq == 0xff) return ascii(t != 0 ? "NaN" : bits > 0 ? "Infinity" : "-Infinity", buf, pos);
        if (bits < 0) buf[pos++] = '-';
        if (bq != 0) {
            int mq = -Q_MIN + 1 - bq; // -q for the normal value c·2^q
            int c = C_MIN | t;
            if (0 < mq && mq < P) { // an integer below 2^24: exact, no search needed
                int f = c >> mq;
                if (f << mq == c) return layout(f, 0, buf, pos);
            }
            return decimal(-mq, c, 0, buf, pos);
        }
        if (t == 0) {
            buf[pos] = '0';
            return pos + 1;
        }
        return t < C_TINY ? decimal(Q_MIN, 10 * t, -1, buf, pos) : decimal(Q_MIN, t, 0, buf, pos);
    }

    /** The shortest decimal in the rounding interval of c·2^q (Schubfach), then laid out. */
    private static int decimal(int q, int c, int dk, byte[] buf, int pos) {
        int out = c & 1; // an even significand keeps the interval's ends (round half to even reads them back)
        long cb = (long) c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else { // at a power of two the interval below is half as wide
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 33;
        long g = G[k - K_MIN] + 1;
        int vb = rop(g, cb << h);
        int vbl = rop(g, cbl << h);
        int vbr = rop(g, cbr << h);
        int s = vb >> 2;
        if (s >= 100) { // one digit fewer, if exactly one of the two candidates is inside the interval
            int s10 = (int) (s * 1_717_986_919L >>> 34); // s / 10
            int sp10 = 10 * s10;
            int tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            // passed as s10·10^(k+1) rather than sp10·10^k: layout then rarely has a trailing zero to strip
            if (upin != wpin) return layout(upin ? s10 : s10 + 1, k + 1, buf, pos);
        }
        int t = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (t << 2) + out <= vbr;
        if (uin != win) return layout(uin ? s : t, k + dk, buf, pos);
        int cmp = vb - ((s + t) << 1); // both inside: the closer one, the even one on a tie
        return layout(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t, k + dk, buf, pos);
    }

    /** Rounds g·cp / 2^127 to odd, as Schubfach needs. */
    private static int rop(long g, long cp) {
        long x1 = Math.multiplyHigh(g, cp);
        long vbp = x1 >>> 31;
        return (int) (vbp | ((x1 & 0xffff_ffffL) + 0xffff_ffffL) >>> 32);
    }

    /**
     * Writes f·10^e (f > 0) in Java's layout (that of Float.toString and Double.toString), trailing zeros and a
     * lone ".0" removed.
     */
    static int layout(int f, int e, byte[] buf, int pos) {
        long digits; // the n digits as ASCII bytes, first digit lowest (bytes after the n-th are '0's or zero)
        int n;
        if (f < 100_000_000) {
            // leading and trailing zeros of f are zero bytes of the digits less '0': counted, not divided away
            long raw = eightDigits(f) - ZEROS;
            int lead = Long.numberOfTrailingZeros(raw) >>> 3;
            int trail = Long.numberOfLeadingZeros(raw) >>> 3;
            n = 8 - lead - trail;
            e += trail;
            digits = (raw >>> 8 * lead) + ZEROS;
        } else if (f < 1_000_000_000) { // nine digits (about half of the floats in spectra): the first apart
            int first = f / 100_000_000;
            long raw = eightDigits(f - 100_000_000 * first) - ZEROS;
            int trail = raw == 0 ? 8 : Long.numberOfLeadingZeros(raw) >>> 3;
            n = 9 - trail;
            e += trail;
            // the first digit, then the other eight less the last, which is a dropped trailing zero unless n = 9
            // (then writeDigits writes all nine from f)
            digits = (raw << 8 | first) + ZEROS;
        } else { // ten digits: not produced by the callers, the plain way
            while (f % 10 == 0) {
                f /= 10;
                e++;
            }
            if (f < 1_000_000_000) return layout(f, e, buf, pos);
            throw new IllegalArgumentException("a mantissa of more than 9 digits: " + f);
        }
        int exp = e + n; // value = 0.d1d2…dn · 10^exp
        if (0 < exp && exp <= 7) {
            if (n <= exp) { // an integer: digits, then zeros
                pos = writeDigits(digits, f, n, buf, pos);
                for (int i = n; i < exp; i++) buf[pos++] = '0';
                return pos;
            }
            int end = pos + n + 1;
            writeDigits(digits, f, n, buf, pos + 1);
            for (int i = 0; i < exp; i++) buf[pos + i] = buf[pos + 1 + i]; // open a gap for the point after exp digits
            buf[pos + exp] = '.';
            return end;
        }
        if (-3 < exp && exp <= 0) { // "0.", then -exp zeros (0–2): written unconditionally, the digits overwrite
            buf[pos] = '0';
            buf[pos + 1] = '.';
            buf[pos + 2] = '0';
            buf[pos + 3] = '0';
            return writeDigits(digits, f, n, buf, pos + 2 - exp);
        }
        if (n == 1) {
            buf[pos++] = (byte) (digits & 0xff);
        } else {
            writeDigits(digits, f, n, buf, pos + 1);
            buf[pos] = buf[pos + 1];
            buf[pos + 1] = '.';
            pos += n + 1;
        }
        buf[pos++] = 'E';
        int x = exp - 1;
        if (x < 0) {
            buf[pos++] = '-';
            x = -x;
        }
        return writeExponent(x, buf, pos);
    }

    private static final long ZEROS = 0x3030_3030_3030_3030L;

    /**
     * Writes a mantissa's n digits at pos and returns pos + n: up to 8 from {@code digits} (ASCII, first digit in
     * the lowest byte) as one long store, 9 from f. The store overwrites the bytes up to pos + 8 (pos + 9 for 9
     * digits), those after the digits with filler: a mantissa never starts later than 5 bytes into a text ("-0.00"),
     * and callers reserve room for the longest text (at least 15 bytes), which covers that.
     */
    private static int writeDigits(long digits, int f, int n, byte[] buf, int pos) {
        if (n <= 8) {
            LONGS.set(buf, pos, digits);
            return pos + n;
        }
        int first = f / 100_000_000; // n = 9; 10 digits do not occur (the widest mantissa has 9)
        buf[pos] = (byte) ('0' + first);
        LONGS.set(buf, pos + 1, eightDigits(f - 100_000_000 * first));
        return pos + 9;
    }

    /** Writes the decimal digits of an exponent x ≥ 0 (at most 3) byte by byte: it ends the text, no room after it. */
    private static int writeExponent(int x, byte[] buf, int pos) {
        int n = digits(x);
        int i = pos + n;
        while (i - pos >= 2) {
            int q = x / 100;
            int r = 2 * (x - 100 * q);
            buf[--i] = PAIRS[r + 1];
            buf[--i] = PAIRS[r];
            x = q;
        }
        if (i > pos) buf[pos] = (byte) ('0' + x);
        return pos + n;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The eight decimal digits of x (0 ≤ x < 10^8) as ASCII, the most significant in the lowest byte (first in a
     * little-endian store): x split into two 4-digit lanes, each lane into two 2-digit lanes (÷100 as ·10486 >> 20),
     * each of those into digits (÷10 as ·103 >> 10); the lanes are far enough apart that no product spills into the
     * next, and both reciprocals are exact below 10^4 and 10^2.
     */
    static long eightDigits(int x) {
        long hi = x / 10_000;
        long v = hi | (x - hi * 10_000) << 32;
        long q = (v * 10_486 >>> 20) & 0x0000_007F_0000_007FL;
        v = q | (v - q * 100) << 16;
        q = (v * 103 >>> 10) & 0x000F_000F_000F_000FL;
        v = q | (v - q * 10) << 8;
        return v + 0x3030_3030_3030_3030L;
    }

    /** "00", "01", … "99". */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    /** Decimal digits of f ≥ 0. */
    private static int digits(int f) {
        int n = flog10pow2(32 - Integer.numberOfLeadingZeros(f)); // 10^(n-1) ≤ f < 10^(n+1)
        return f >= POW10[n] ? n + 1 : Math.max(n, 1);
    }

    private static int ascii(String s, byte[] buf, int pos) {
        for (int i = 0; i < s.length(); i++) buf[pos++] = (byte) s.charAt(i);
        return pos;
    }

    /** floor(q·log10(2)), exact for |q| ≤ 1,000 or so (Schubfach's constants). */
    static int flog10pow2(int q) {
        return (int) (q * 661_971_961_083L >> 41);
    }

    /** floor(log10(3/4 · 2^q)). */
    static int flog10threeQuartersPow2(int q) {
        return (int) (q * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** floor(e·log2(10)). */
    static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }
}
