package io.descatter.spark;

import java.util.Locale;

/**
 * What a job does with a row it cannot correct (no spectrum, a spectrum of another length than the axis, a value
 * that is not a finite number): fail with the file and row named, leave the row out, or write it with a null
 * spectrum. Skipped and nulled rows are counted and reported.
 */
public enum BadRows {
    FAIL, SKIP, NULL;

    public static BadRows parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--on-bad-row must be fail, skip or null, not '" + s + "'");
        }
    }
}
