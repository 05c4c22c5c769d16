package io.descatter.spectra.io;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes doubles as text. By default the shortest decimal that reads back to the same double (Schubfach,
 * which Java 17's Double.toString is not), so files round-trip bit-exactly; or rounded to N significant digits.
 */
public final class DoubleFormatter {
    private static final double[] POW10 = new double[700];

    static {
        for (int i = 0; i < POW10.length; i++) POW10[i] = Double.parseDouble("1e" + (i - 350));
    }

    private final int digits;
    private final MathContext context;
    private final long limit;
    private final boolean asFloat;
    /** Writes ',' as the decimal mark (European spreadsheets) instead of '.'. */
    private final boolean decimalComma;

    private DoubleFormatter(int digits) {
        this(digits, false);
    }

    private DoubleFormatter(int digits, boolean decimalComma) {
        this.digits = digits;
        this.decimalComma = decimalComma;
        this.context = digits > 0 ? new MathContext(digits, RoundingMode.HALF_EVEN) : null;
        this.limit = digits > 0 ? (long) POW10[350 + digits] : 0;
        this.asFloat = digits == FLOAT;
    }

    /** Shortest exact representation. */
    public static DoubleFormatter exact() {
        return new DoubleFormatter(0);
    }

    /**
     * The shortest decimal that reads back to the same float: for values computed in single precision (the
     * correction network's output), where more digits would only print float rounding noise.
     */
    public static DoubleFormatter floatPrecision() {
        return new DoubleFormatter(FLOAT);
    }

    private static final int FLOAT = -1;

    /** N significant digits (1–17); 0 means exact. */
    public static DoubleFormatter significantDigits(int n) {
        if (n < 0 || n > 17) throw new IllegalArgumentException("digits must be 1–17 (or 0 for exact), got " + n);
        return new DoubleFormatter(n);
    }

    /** The same precision with '.' or ',' as the decimal mark. */
    public DoubleFormatter withDecimalMark(char mark) {
        if (mark != '.' && mark != ',') throw new IllegalArgumentException("decimal mark must be '.' or ','");
        return (mark == ',') == decimalComma ? this : new DoubleFormatter(digits, mark == ',');
    }

    public char decimalMark() { return decimalComma ? ',' : '.'; }

    /** Significant digits, 0 for shortest exact, -1 for float precision. */
    public int digits() { return digits; }

    public String format(double v) {
        String s = formatWithPoint(v);
        return decimalComma ? s.replace('.', ',') : s;
    }

    private String formatWithPoint(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        if (asFloat) return trim(FloatToDecimal.toString((float) v));
        if (digits > 0 && digits <= FAST_DIGITS && v != 0) {
            byte[] text = new byte[MAX_ROUNDED_CHARS];
            int end = writeRounded(v, text, 0);
            if (end >= 0) return new String(text, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
        }
        if (context != null && v != 0) v = round(v);
        return trim(DoubleToDecimal.toString(v));
    }

    /**
     * v rounded half-even to the formatter's significant digits, as BigDecimal rounds it: scaled to an integer
     * mantissa and back where that is exact, BigDecimal (20× slower) elsewhere.
     */
    private double round(double v) {
        if (digits >= 17) return v; // 17 digits always read back to the same double: its shortest text is that rounding
        Scaled s = scaled(Math.abs(v));
        if (s == null) {
            double r = new BigDecimal(v).round(context).doubleValue();
            // rounding up past the largest double (1.797…e308 to 3 digits): round towards zero instead
            return Double.isInfinite(r) ? new BigDecimal(v).round(new MathContext(digits, RoundingMode.DOWN)).doubleValue() : r;
        }
        // m and 10^shift exact (see scaled), so this one division or product is the double nearest to m·10^−shift
        double r = s.shift >= 0 ? s.mantissa / POW10[350 + s.shift] : s.mantissa * POW10[350 - s.shift];
        return v < 0 ? -r : r;
    }

    /** a = mantissa·10^−shift, the mantissa an integer of the formatter's digits. */
    private record Scaled(double mantissa, int shift) {
    }

    /**
     * a (> 0, finite) scaled to an integer of the formatter's digits and rounded half-even, exactly as BigDecimal would;
     * null where BigDecimal is needed: more than {@link #EXACT_DIGITS} digits (the mantissa would not be an exact
     * double), a scale beyond 10^±22 (not an exact double), or a scaled value within an ulp of a tie, where the
     * rounding of the scaling itself could decide the side.
     */
    private Scaled scaled(double a) {
        if (digits > EXACT_DIGITS) return null;
        // floor(log10 a) from the binary exponent (a in [2^b, 2^(b+1)) puts it at floor(b·log10 2) or one above):
        // a table look-up instead of Math.log10, which cost more than all the rest of the formatting
        int e = FloatText.flog10pow2(Math.getExponent(a));
        if (a >= POW10[351 + e]) e++;
        int shift = digits - 1 - e; // mantissa = a · 10^shift has `digits` integer digits
        for (int attempt = 0; attempt < 2; attempt++, shift--) { // a second time when log10 was one too low
            if (shift < -EXACT_POWER || shift > EXACT_POWER) return null;
            double p = shift >= 0 ? a * POW10[350 + shift] : a / POW10[350 - shift];
            if (Math.abs(p - Math.floor(p) - 0.5) <= Math.ulp(p)) return null; // a near-tie
            double m = Math.rint(p);
            if (m >= limit) continue;
            return m >= 1 ? new Scaled(m, shift) : null; // below 1 only if log10 were off by more than one
        }
        return null;
    }

    /** Digits whose integer mantissas (< 10^15) are exact doubles, and whose decimals every double reads back. */
    private static final int EXACT_DIGITS = 15;
    /** The largest power of ten that is an exact double. */
    private static final int EXACT_POWER = 22;

    /**
     * Appends {@link #format(double)}'s text; in float precision and for up to {@link #FAST_DIGITS} significant
     * digits without creating a String.
     */
    public void append(TextBuffer out, double v) {
        int start = out.length();
        appendWithPoint(out, v);
        if (decimalComma) out.decimalCommasFrom(start);
    }

    private void appendWithPoint(TextBuffer out, double v) {
        if (asFloat) { // FloatText spells NaN and infinities (a double beyond the float range too) as format does
            out.advance(FloatText.write((float) v, out.reserve(FloatText.MAX_CHARS), out.length()));
            return;
        }
        if (digits > 0 && digits <= FAST_DIGITS && v != 0 && Double.isFinite(v)) {
            int end = writeRounded(v, out.reserve(MAX_ROUNDED_CHARS), out.length());
            if (end >= 0) {
                out.advance(end);
                return;
            }
        }
        out.append(formatWithPoint(v));
    }

    /**
     * Appends the n values {@code v[from..from+n)} separated by the delimiter, with one more delimiter before them
     * when {@code leading}: the spectrum block of a wide row. In float precision (what {@code correct} writes) the
     * room for the whole run is reserved once and the position kept in a local, instead of a bounds check and a
     * field store per value and per delimiter.
     */
    public void appendRun(TextBuffer out, double[] v, int from, int n, char delimiter, boolean leading) {
        int start = out.length();
        appendRunWithPoint(out, v, from, n, delimiter, leading);
        if (decimalComma) out.decimalCommasFrom(start); // the delimiter is no '.': only the numbers change
    }

    private void appendRunWithPoint(TextBuffer out, double[] v, int from, int n, char delimiter, boolean leading) {
        if (!asFloat || delimiter >= 0x80) {
            for (int i = 0; i < n; i++) {
                if (i > 0 || leading) out.append(delimiter);
                appendWithPoint(out, v[from + i]);
            }
            return;
        }
        if (n == 0) return;
        byte[] buf = out.reserve(n * (FloatText.MAX_CHARS + 1) + 1);
        int pos = out.length();
        byte d = (byte) delimiter;
        if (leading) buf[pos++] = d;
        pos = FloatText.write((float) v[from], buf, pos);
        for (int i = from + 1; i < from + n; i++) {
            buf[pos++] = d;
            pos = FloatText.write((float) v[i], buf, pos);
        }
        out.advance(pos);
    }

    /** Significant digits up to which the rounded mantissa fits an int and is written directly. */
    static final int FAST_DIGITS = 9;
    /** Longest such text: "-1.23456789E-300". */
    private static final int MAX_ROUNDED_CHARS = 16;

    /**
     * Writes finite, non-zero v rounded to the formatter's digits at {@code buf[pos]}: the integer mantissa m of
     * {@link #round}, less its trailing zeros, laid out as Double.toString lays out a double
     * ({@link FloatText#layout}). That is the shortest text of the decimal m·10^−shift itself, not of the double
     * nearest to it, which for scales beyond 10^±22 (not exact in a double) can print a stray last digit. Returns
     * the position after the text, or −1 (nothing written) where round needs BigDecimal.
     */
    private int writeRounded(double v, byte[] buf, int pos) {
        Scaled s = scaled(Math.abs(v));
        if (s == null) return -1;
        if (v < 0) buf[pos++] = '-';
        return FloatText.layout((int) s.mantissa, -s.shift, buf, pos);
    }

    /** "1000.0" → "1000", "1.0E-5" → "1E-5": shorter, and read the same by every CSV consumer. */
    static String trim(String s) {
        int e = s.indexOf('E');
        int mantissaEnd = e < 0 ? s.length() : e;
        if (mantissaEnd >= 2 && s.charAt(mantissaEnd - 1) == '0' && s.charAt(mantissaEnd - 2) == '.') {
            return s.substring(0, mantissaEnd - 2) + s.substring(mantissaEnd);
        }
        return s;
    }
}
