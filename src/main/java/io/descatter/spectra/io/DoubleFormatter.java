package io.descatter.spectra.io;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import java.math.BigDecimal;
import java.math.MathContext;

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

    private DoubleFormatter(int digits) {
        this.digits = digits;
        this.context = digits > 0 ? new MathContext(digits) : null;
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

    /** Significant digits, 0 for shortest exact, -1 for float precision. */
    public int digits() { return digits; }

    public String format(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        if (asFloat) return trim(FloatToDecimal.toString((float) v));
        if (context != null && v != 0) v = round(v);
        return trim(DoubleToDecimal.toString(v));
    }

    /**
     * v rounded to the formatter's significant digits: scaled to an integer mantissa and back, exact to the last
     * digit except at ties within double rounding (1e-16 relative); BigDecimal, 20× slower, only where needed.
     */
    private double round(double v) {
        double a = Math.abs(v);
        int e = (int) Math.floor(Math.log10(a));
        int shift = digits - 1 - e; // mantissa = a · 10^shift has `digits` integer digits
        if (shift < -300 || shift > 300 || e < -300) return new BigDecimal(v).round(context).doubleValue();
        double m = Math.rint(shift >= 0 ? a * POW10[350 + shift] : a / POW10[350 - shift]);
        if (m >= limit) { // log10 rounded down across a power of ten
            m = Math.rint(m / 10);
            shift--;
        }
        double r = shift >= 0 ? m / POW10[350 + shift] : m * POW10[350 - shift];
        return v < 0 ? -r : r;
    }

    /** Appends {@link #format(double)}'s text; in float precision without creating a String. */
    public void append(TextBuffer out, double v) {
        if (asFloat) { // FloatText spells NaN and infinities (a double beyond the float range too) as format does
            out.advance(FloatText.write((float) v, out.reserve(FloatText.MAX_CHARS), out.length()));
        } else {
            out.append(format(v));
        }
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
