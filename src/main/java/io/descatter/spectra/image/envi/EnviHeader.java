package io.descatter.spectra.image.envi;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.PixelGrid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ENVI header ({@code .hdr}): {@code key = value} lines after the word ENVI, a value in braces may span lines.
 * What descatter uses: the image's size, data type, interleave, byte order and header offset; the band centres
 * ({@code wavelength} with {@code wavelength units}: wavenumbers, or nm / um turned into cm-1); the pixels' place
 * ({@code map info}, else {@code x start} / {@code y start}, else pixel indices).
 */
record EnviHeader(int samples, int lines, int bands, long offset, EnviDataType type, Interleave interleave, boolean bigEndian,
        WavenumberAxis axis, PixelGrid grid) {

    /** Map info's unit names and the short ones a {@link PixelGrid} carries. */
    private static final Map<String, String> UNITS = Map.of("micrometers", "um", "microns", "um", "um", "um", "µm", "um",
            "millimeters", "mm", "mm", "mm", "meters", "m", "m", "m", "nanometers", "nm", "nm", "nm");

    long dataBytes() { return (long) samples * lines * bands * type.bytes; }

    /** Whether a file's first bytes are an ENVI header's. */
    static boolean isHeader(byte[] head) {
        String s = new String(head, 0, Math.min(head.length, 8), StandardCharsets.ISO_8859_1);
        if (s.startsWith("\uFEFF")) s = s.substring(1);
        return s.startsWith("ENVI") && (s.length() == 4 || Character.isWhitespace(s.charAt(4)));
    }

    /**
     * Reads a header.
     *
     * @param name the header as the user would name it, for messages
     * @throws BadInputException naming the header (and its line) for anything descatter cannot read
     */
    static EnviHeader read(Path file, String name) throws IOException {
        List<String> text = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        if (text.isEmpty() || !isHeader(text.get(0).getBytes(StandardCharsets.ISO_8859_1))) {
            throw new BadInputException(name, 1, 0, "not an ENVI header: the first line is not ENVI");
        }
        Map<String, String> fields = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 1; i < text.size(); i++) {
            String line = text.get(i);
            int eq = line.indexOf('=');
            if (line.isBlank() || line.trim().startsWith(";") || eq < 0) continue;
            String key = line.substring(0, eq).trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            StringBuilder value = new StringBuilder(line.substring(eq + 1).trim());
            int start = i;
            if (value.toString().startsWith("{")) {
                while (value.indexOf("}") < 0) {
                    if (++i >= text.size()) throw new BadInputException(name, start + 1, 0, "'" + key + "': the '{' is never closed");
                    value.append('\n').append(text.get(i));
                }
                value = new StringBuilder(value.substring(1, value.indexOf("}")));
            }
            fields.put(key, value.toString().trim());
            lineOf.put(key, start + 1);
        }
        Fields f = new Fields(name, fields, lineOf);
        int samples = f.positive("samples");
        int lines = f.positive("lines");
        int bands = f.positive("bands");
        long offset = f.has("header offset") ? f.integer("header offset", 0) : 0;
        int code = (int) f.integer("data type", 0);
        EnviDataType type = EnviDataType.of(code);
        if (type == null) {
            throw f.bad("data type", "data type " + code + " is not read by descatter (1, 2, 3, 4, 5, 12 or 13: integers of 8 to 32 bits,"
                    + " float32, float64)");
        }
        String il = f.has("interleave") ? fields.get("interleave") : "bsq";
        Interleave interleave = Interleave.of(il);
        if (interleave == null) throw f.bad("interleave", "interleave '" + il + "' is none of bsq, bil, bip");
        long order = f.has("byte order") ? f.integer("byte order", 0) : 0;
        if (order != 0 && order != 1) throw f.bad("byte order", "byte order " + order + " is neither 0 (little-endian) nor 1 (big-endian)");
        WavenumberAxis axis = axis(f, bands);
        return new EnviHeader(samples, lines, bands, offset, type, interleave, order == 1, axis, grid(f));
    }

    /** The band centres in cm-1: wavenumbers as they are, wavelengths in nm or um turned into wavenumbers. */
    private static WavenumberAxis axis(Fields f, int bands) {
        if (!f.has("wavelength")) {
            throw new BadInputException(f.name, 0, 0, "no 'wavelength' list: descatter needs the wavenumber of each band");
        }
        List<String> cells = f.list("wavelength");
        if (cells.size() != bands) {
            throw f.bad("wavelength", "the wavelength list has " + cells.size() + " values for " + bands + " bands");
        }
        String unit = f.has("wavelength units") ? f.fields.get("wavelength units").trim().toLowerCase(Locale.ROOT) : "";
        double scale = switch (unit) {
            case "nanometers", "nanometer", "nm" -> 1e7;
            case "micrometers", "micrometer", "microns", "um", "µm" -> 1e4;
            default -> 0; // wavenumbers (cm-1, "Wavenumber"), or no unit: taken as cm-1
        };
        double[] v = new double[bands];
        for (int k = 0; k < bands; k++) {
            double x = f.number("wavelength", cells.get(k));
            v[k] = scale == 0 ? x : scale / x;
        }
        try {
            return WavenumberAxis.of(v);
        } catch (IllegalArgumentException e) {
            throw f.bad("wavelength", "the wavelength list is not a wavenumber axis: " + e.getMessage());
        }
    }

    /**
     * Where the pixels lie. {@code map info} = {projection, reference x, reference y (1-based pixel), its easting,
     * its northing, pixel width, pixel height, ..., units=...}: as in ENVI, the northing ({@code map_y}) decreases
     * down the rows by the pixel height, so row 0 is drawn at the top. Without map info, {@code x start}/{@code y start}
     * (image coordinates of the first pixel, rows counting down) give {@code map_x} = x start + column and
     * {@code map_y} = −(y start + row): row 0 at the top again.
     */
    private static PixelGrid grid(Fields f) {
        if (f.has("map info")) {
            List<String> m = f.list("map info");
            if (m.size() < 7) throw f.bad("map info", "map info has " + m.size() + " values, at least 7 expected");
            double refX = f.number("map info", m.get(1));
            double refY = f.number("map info", m.get(2));
            double x = f.number("map info", m.get(3));
            double y = f.number("map info", m.get(4));
            double dx = f.number("map info", m.get(5));
            double dy = f.number("map info", m.get(6));
            String unit = "";
            for (String cell : m) {
                String c = cell.trim();
                if (c.toLowerCase(Locale.ROOT).startsWith("units=")) {
                    String u = c.substring(6).trim();
                    unit = UNITS.getOrDefault(u.toLowerCase(Locale.ROOT), u);
                }
            }
            return new PixelGrid(x - (refX - 1) * dx, y + (refY - 1) * dy, dx, -dy, unit);
        }
        double x0 = f.has("x start") ? f.number("x start", f.fields.get("x start")) : 0;
        double y0 = f.has("y start") ? f.number("y start", f.fields.get("y start")) : 0;
        return new PixelGrid(x0, 0 - y0, 1, -1, ""); // 0 - y: never -0.0
    }

    /** Writes a header; see {@link EnviWriter} for what it holds. */
    static String text(int samples, int lines, double[] wavenumbers, PixelGrid grid) {
        StringBuilder sb = new StringBuilder("ENVI\n");
        sb.append("description = {written by descatter}\n");
        sb.append("samples = ").append(samples).append('\n');
        sb.append("lines = ").append(lines).append('\n');
        sb.append("bands = ").append(wavenumbers.length).append('\n');
        sb.append("header offset = 0\nfile type = ENVI Standard\ndata type = 4\ninterleave = bip\nbyte order = 0\n");
        if (grid != null) {
            // what reads back to the same positions: x start/y start only for indices whose rows count down
            boolean indices = grid.unit().isEmpty() && grid.xSize() == 1 && grid.ySize() == -1;
            if (indices) {
                sb.append("x start = ").append(number(grid.xStart())).append('\n');
                sb.append("y start = ").append(number(0 - grid.yStart())).append('\n');
            } else {
                String unit = switch (grid.unit()) {
                    case "um" -> "Micrometers";
                    case "mm" -> "Millimeters";
                    case "m" -> "Meters";
                    case "nm" -> "Nanometers";
                    default -> grid.unit();
                };
                sb.append("map info = {Arbitrary, 1, 1, ").append(number(grid.xStart())).append(", ").append(number(grid.yStart()))
                        .append(", ").append(number(grid.xSize())).append(", ").append(number(-grid.ySize())) // negative: rows counting upwards
                        .append(unit.isEmpty() ? "" : ", units=" + unit).append("}\n");
            }
        }
        sb.append("wavelength units = Wavenumber\nwavelength = {");
        for (int k = 0; k < wavenumbers.length; k++) sb.append(k == 0 ? "" : ",").append(k % 8 == 0 ? "\n " : " ").append(number(wavenumbers[k]));
        return sb.append("}\n").toString();
    }

    private static String number(double v) {
        return io.descatter.spectra.io.DoubleFormatter.exact().format(v);
    }

    /** A header's fields, with messages naming the header and the field's line. */
    private record Fields(String name, Map<String, String> fields, Map<String, Integer> lineOf) {
        boolean has(String key) { return fields.containsKey(key); }

        BadInputException bad(String key, String problem) {
            return new BadInputException(name, lineOf.getOrDefault(key, 0), 0, problem);
        }

        long integer(String key, long min) {
            if (!has(key)) throw new BadInputException(name, 0, 0, "the header has no '" + key + "'");
            try {
                long v = Long.parseLong(fields.get(key).trim());
                if (v < min) throw bad(key, "'" + key + "' is " + v + ", below " + min);
                return v;
            } catch (NumberFormatException e) {
                throw bad(key, "'" + key + "' is not a whole number: \"" + fields.get(key) + "\"");
            }
        }

        int positive(String key) {
            long v = integer(key, 1);
            if (v > Integer.MAX_VALUE) throw bad(key, "'" + key + "' is too large: " + v);
            return (int) v;
        }

        double number(String key, String cell) {
            try {
                double v = Double.parseDouble(cell.trim());
                if (Double.isFinite(v)) return v;
            } catch (NumberFormatException e) {
                // said below
            }
            throw bad(key, "'" + key + "' holds \"" + cell.trim() + "\", not a number");
        }

        List<String> list(String key) {
            List<String> cells = new ArrayList<>();
            for (String c : fields.get(key).split(",")) if (!c.isBlank()) cells.add(c.trim());
            return cells;
        }
    }
}
