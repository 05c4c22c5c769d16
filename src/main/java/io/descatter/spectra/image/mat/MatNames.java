package io.descatter.spectra.image.mat;

import java.util.List;
import java.util.Set;

/** The variable names of descatter's MAT layout (docs/FORMATS.md, "MATLAB MAT"), shared by reader and writer. */
final class MatNames {
    /** The spectra, one per row (n x points): the largest numeric variable, as Quasar expects. */
    static final String SPECTRA = "spectra";
    /** The wavenumbers (1 x points). */
    static final String WAVENUMBERS = "wavenumbers";
    /** Per-pixel positions (n x 1), Quasar's names. */
    static final String MAP_X = "map_x";
    static final String MAP_Y = "map_y";
    /** A struct with the image's shape and pixel grid; absent for a plain list of spectra. */
    static final String IMAGE = "image";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String X_START = "x_start";
    static final String Y_START = "y_start";
    static final String X_SIZE = "x_size";
    static final String Y_SIZE = "y_size";
    static final String UNIT = "unit";

    /** Names of a wavenumber vector, in the order they are looked for (case-insensitive). */
    static final List<String> AXIS_NAMES = List.of("wavenumbers", "wavenumber", "wn", "wavenums", "xaxis", "axis", "x",
            "v", "w");

    /** Names the writer uses itself, which metadata columns must not take. */
    static final Set<String> RESERVED = Set.of(SPECTRA, WAVENUMBERS, MAP_X, MAP_Y, IMAGE);

    /** MATLAB's longest variable name. */
    static final int MAX_NAME = 63;

    private MatNames() {
    }
}
