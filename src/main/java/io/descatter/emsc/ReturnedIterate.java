package io.descatter.emsc;

/** Which iterate ME-EMSC returns. */
public enum ReturnedIterate {
    /** The last one computed (MATLAB and orange-spectroscopy). */
    LAST,
    /** The best one by the stop rule's measure (biospectools). */
    BEST
}
