package io.descatter.cli;

import java.util.Locale;

/** Durations on the command line: a number with a unit s, m or h ("90s", "8m", "1.5h"). */
final class Durations {
    private Durations() {
    }

    static long parseNanos(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() >= 2) {
            char unit = t.charAt(t.length() - 1);
            double seconds = switch (unit) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                default -> Double.NaN;
            };
            try {
                double v = Double.parseDouble(t.substring(0, t.length() - 1));
                if (v > 0 && Double.isFinite(seconds) && v * seconds < 1e7) return (long) (v * seconds * 1e9);
            } catch (NumberFormatException e) {
                // said below
            }
        }
        throw new IllegalArgumentException("--time-limit must be a positive number with a unit s, m or h (e.g. 8m), got '" + text + "'");
    }

    /** "1m05s" style. */
    static String format(long nanos) {
        long s = Math.round(nanos * 1e-9);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
