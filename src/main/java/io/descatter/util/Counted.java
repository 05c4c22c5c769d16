package io.descatter.util;

/** A count with its noun in the right number, for messages: "1 spectrum", "2 spectra", "0 spectra". */
public final class Counted {
    private Counted() {
    }

    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    public static String spectra(long n) {
        return of(n, "spectrum", "spectra");
    }

    public static String points(long n) {
        return of(n, "point", "points");
    }
}
