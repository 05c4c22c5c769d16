package io.descatter.spectra.io;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Writes doubles as text. By default the shortest decimal that reads back to the same double (Schubfach,
 * which Java 17's Double.toString is not), so files round-trip bit-exactly; or rounded to N significant digits.
 */
public final class DoubleFormatter {
    private final int digits;
    private final MathContext context;

    private DoubleFormatter(int digits) {
        this.digits = digits;
        this.context = digits > 0 ? new MathContext(digits) : null;
    }

    /** Shortest exact representation. */
    public static DoubleFormatter exact() {
        return new DoubleFormatter(0);
    }

    /** N significant digits (1–17); 0 means exact. */
    public static DoubleFormatter significantDigits(int n) {
        if (n < 0 || n > 17) throw new IllegalArgumentException("digits must be 1–17 (or 0 for exact), got " + n);
        return new DoubleFormatter(n);
    }

    /** Significant digits, 0 for shortest exact. */
    public int digits() { return digits; }

    public String format(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        if (context != null && v != 0) {
            v = new BigDecimal(v).round(context).doubleValue();
        }
        return trim(DoubleToDecimal.toString(v));
    }

    public void append(StringBuilder sb, double v) {
        sb.append(format(v));
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
