package io.descatter.spectra.image.envi;

/**
 * How an ENVI file orders its values: band after band (bsq), per image row band after band (bil), or per pixel
 * band after band (bip, the order of spectra, which is why the writer uses it: pixels stream out in order).
 */
enum Interleave {
    BSQ, BIL, BIP;

    static Interleave of(String s) {
        for (Interleave i : values()) if (i.name().equalsIgnoreCase(s.trim())) return i;
        return null;
    }
}
