package io.descatter.spectra.io;

import java.math.BigInteger;

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
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int n = digits(f);
        int exp = e + n; // value = 0.d1d2…dn · 10^exp
        if (0 < exp && exp <= 7) {
            if (n <= exp) { // an integer: digits, then zeros
                pos = writeDigits(f, n, buf, pos);
                for (int i = n; i < exp; i++) buf[pos++] = '0';
                return pos;
            }
            int end = pos + n + 1;
            writeDigits(f, n, buf, pos + 1);
            System.arraycopy(buf, pos + 1, buf, pos, exp); // open a gap for the point after exp digits
            buf[pos + exp] = '.';
            return end;
        }
        if (-3 < exp && exp <= 0) { // "0.", then -exp zeros (0–2): written unconditionally, the digits overwrite
            buf[pos] = '0';
            buf[pos + 1] = '.';
            buf[pos + 2] = '0';
            buf[pos + 3] = '0';
            return writeDigits(f, n, buf, pos + 2 - exp);
        }
        if (n == 1) {
            buf[pos++] = (byte) ('0' + f);
        } else {
            writeDigits(f, n, buf, pos + 1);
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
        return writeDigits(x, digits(x), buf, pos);
    }

    /** Writes the n decimal digits of f (f < 10^n) at pos, two at a time; returns pos + n. */
    private static int writeDigits(int f, int n, byte[] buf, int pos) {
        int i = pos + n;
        while (i - pos >= 2) {
            int q = f / 100;
            int r = 2 * (f - 100 * q);
            buf[--i] = PAIRS[r + 1];
            buf[--i] = PAIRS[r];
            f = q;
        }
        if (i > pos) buf[pos] = (byte) ('0' + f);
        return pos + n;
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
