package io.descatter.spectra.image.opus;

/**
 * One entry of an OPUS file's directory: the 32-bit type word, where the block lies and how long it is. The type word
 * packs six fields: bits 0-1 the part (1 real, 2 imaginary, 3 plain), 2-3 the role (1 sample, 2 reference, 3 result),
 * 4-9 the parameter group (0 for data, 1 data status, 2 and up other parameters), 10-16 the data kind (low 5 bits;
 * the higher bits number an extra channel), 17-18 the derivative, 19-21 the extended type (2 series, 4 compact).
 * Bit 30 is set on some blocks and not on others of one file, with no known meaning; it is ignored.
 */
record OpusBlock(int typeWord, long offset, long bytes) {
    static final int ABSORBANCE = 4;
    static final int DATA_STATUS = 1;
    static final int SERIES = 2;
    static final int COMPACT = 4;
    private static final int KNOWN_BITS = (1 << 22) - 1;
    private static final String[] KINDS = {"", "single channel", "interferogram", "phase", "absorbance",
        "transmittance", "Kubelka-Munk", "trace", "GC interferograms", "GC spectra", "Raman", "emission", "reflectance",
        "directory", "power", "log reflectance", "ATR", "photoacoustic", "arithmetic result (transmittance-like)",
        "arithmetic result (absorbance-like)"};
    private static final String[] ROLES = {"", "sample", "reference", "result"};

    int part() { return typeWord & 3; }

    int role() { return (typeWord >>> 2) & 3; }

    int parameterGroup() { return (typeWord >>> 4) & 63; }

    int dataKind() { return (typeWord >>> 10) & 31; }

    int derivative() { return (typeWord >>> 17) & 3; }

    int extended() { return (typeWord >>> 19) & 7; }

    boolean isData() { return parameterGroup() == 0 && dataKind() != 0 && dataKind() != 13; }

    /** Whether {@code status} is the data-status block of this data block: the same type but for the group. */
    boolean describedBy(OpusBlock status) {
        int groupMask = 63 << 4;
        return status.parameterGroup() == DATA_STATUS
                && (status.typeWord & KNOWN_BITS & ~groupMask) == (typeWord & KNOWN_BITS & ~groupMask);
    }

    long end() { return offset + bytes; }

    /** What a data block holds, for messages: "reflectance (result)", "interferogram (sample)". */
    String describe() {
        String kind = dataKind() < KINDS.length ? KINDS[dataKind()] : "data of kind " + dataKind();
        StringBuilder s = new StringBuilder(kind);
        if (derivative() > 0) s.append(" derivative");
        if (extended() == SERIES) s.append(" series");
        if (role() > 0) s.append(" (").append(ROLES[role()]).append(')');
        return s.toString();
    }
}
