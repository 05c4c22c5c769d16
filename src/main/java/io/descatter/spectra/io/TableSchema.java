package io.descatter.spectra.io;

import io.descatter.spectra.WavenumberAxis;
import io.descatter.spectra.image.ImageShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a spectra file holds besides the values: its layout and delimiter, the wavenumber axis, the metadata
 * columns, and for wide files where each column stands, so metadata can be written back where it was; for the
 * spectra of an image, its shape, so that an image written from them keeps it.
 */
public final class TableSchema {
    private final String source;
    private final Layout layout;
    private final char delimiter;
    private final char decimalMark;
    private final WavenumberAxis axis;
    private final List<MetaColumn> meta;
    private final int[] plan;
    private final ImageShape image;
    /** Metadata columns, from the first, that came with the file: the ones that may stand in for a missing id column. */
    private final int idCandidates;

    /**
     * @param plan for each file column in order: a metadata index (≥ 0) or {@code -(point + 1)} for a wavenumber
     *     column; null to place metadata first and the spectrum after it
     */
    public TableSchema(String source, Layout layout, char delimiter, WavenumberAxis axis, List<MetaColumn> meta, int[] plan) {
        this(source, layout, delimiter, '.', axis, meta, plan, null, meta.size());
    }

    private TableSchema(String source, Layout layout, char delimiter, char decimalMark, WavenumberAxis axis, List<MetaColumn> meta,
            int[] plan, ImageShape image, int idCandidates) {
        if (decimalMark != '.' && decimalMark != ',') throw new IllegalArgumentException("decimal mark must be '.' or ','");
        if (decimalMark == ',' && delimiter == ',') throw new IllegalArgumentException("decimal commas need a delimiter other than ','");
        this.source = source;
        this.layout = layout;
        this.delimiter = delimiter;
        this.decimalMark = decimalMark;
        this.axis = axis;
        this.meta = List.copyOf(meta);
        this.plan = plan == null ? defaultPlan(this.meta.size(), axis.size()) : plan.clone();
        if (this.plan.length != this.meta.size() + axis.size()) throw new IllegalArgumentException("plan does not match columns");
        this.image = image;
        this.idCandidates = idCandidates;
    }

    private static int[] defaultPlan(int metaCount, int points) {
        int[] p = new int[metaCount + points];
        for (int i = 0; i < metaCount; i++) p[i] = i;
        for (int k = 0; k < points; k++) p[metaCount + k] = -(k + 1);
        return p;
    }

    public String source() { return source; }

    public Layout layout() { return layout; }

    public char delimiter() { return delimiter; }

    /** '.' or ',' (European spreadsheets: then the delimiter is ';' or tab). */
    public char decimalMark() { return decimalMark; }

    public WavenumberAxis axis() { return axis; }

    public List<MetaColumn> meta() { return meta; }

    /** Column order of a wide file; see the constructor. */
    public int[] plan() { return plan.clone(); }

    public int columns() { return plan.length; }

    /** The shape of the image the spectra come from (one per pixel, row by row), or null for a table. */
    public ImageShape image() { return image; }

    /** The same table as the pixels of an image of this shape (null: a table). */
    public TableSchema withImage(ImageShape shape) {
        return new TableSchema(source, layout, delimiter, decimalMark, axis, meta, plan, shape, idCandidates);
    }

    /**
     * Index of the metadata column named "id" (any case), else of the first metadata column that came with the file
     * (not one a command added, such as {@code correct}'s scores), else -1.
     */
    public int idColumn() {
        for (int i = 0; i < meta.size(); i++) if (meta.get(i).name().trim().equalsIgnoreCase("id")) return i;
        return idCandidates > 0 && !meta.isEmpty() ? 0 : -1;
    }

    public TableSchema withLayout(Layout l) {
        return new TableSchema(source, l, delimiter, decimalMark, axis, meta, plan, image, idCandidates);
    }

    /** Another delimiter; a comma with decimal commas is refused (IllegalArgumentException). */
    public TableSchema withDelimiter(char d) {
        return new TableSchema(source, layout, d, decimalMark, axis, meta, plan, image, idCandidates);
    }

    /**
     * The table written with '.' or ',' as the decimal mark. A comma-delimited table written with decimal commas
     * becomes semicolon-delimited, as European spreadsheets write it.
     */
    public TableSchema withDecimalMark(char mark) {
        char d = mark == ',' && delimiter == ',' ? ';' : delimiter;
        return new TableSchema(source, layout, d, mark, axis, meta, plan, image, idCandidates);
    }

    /** The same table with other values for the same points (the axis in another unit): every column keeps its place. */
    public TableSchema withAxisValues(WavenumberAxis values) {
        if (values.size() != axis.size()) throw new IllegalArgumentException("not the same points: " + values.size() + " vs " + axis.size());
        return new TableSchema(source, layout, delimiter, decimalMark, values, meta, plan, image, idCandidates);
    }

    /**
     * The same metadata on another axis: metadata that stood before the first wavenumber column stays before the
     * new spectrum block, the rest after it.
     */
    public TableSchema withAxis(WavenumberAxis newAxis) {
        if (newAxis.equals(axis)) return this;
        List<Integer> before = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        boolean seenPoint = false;
        for (int c : plan) {
            if (c < 0) seenPoint = true;
            else (seenPoint ? after : before).add(c);
        }
        int[] p = new int[meta.size() + newAxis.size()];
        int i = 0;
        for (int m : before) p[i++] = m;
        for (int k = 0; k < newAxis.size(); k++) p[i++] = -(k + 1);
        for (int m : after) p[i++] = m;
        return new TableSchema(source, layout, delimiter, decimalMark, newAxis, meta, p, image, idCandidates);
    }

    /**
     * The same table cut to the points {@code first .. first + sub.size() − 1} of its axis ({@code sub} holds them):
     * every metadata column keeps its place, also one between wavenumber columns (unlike {@link #withAxis}, which
     * writes a new axis as one block).
     */
    public TableSchema withPoints(int first, WavenumberAxis sub) {
        if (first == 0 && sub.size() == axis.size()) return this;
        for (int k = 0; k < sub.size(); k++) {
            if (sub.get(k) != axis.get(first + k)) throw new IllegalArgumentException("not a run of this axis' points");
        }
        int[] p = new int[meta.size() + sub.size()];
        int i = 0;
        for (int c : plan) {
            if (c >= 0) {
                p[i++] = c;
            } else {
                int k = -c - 1 - first;
                if (k >= 0 && k < sub.size()) p[i++] = -(k + 1);
            }
        }
        return new TableSchema(source, layout, delimiter, decimalMark, sub, meta, p, image, idCandidates);
    }

    /** The same table with metadata columns added after all others (in a wide file: its last columns). */
    public TableSchema withMetaColumns(List<MetaColumn> added) {
        List<MetaColumn> m = new ArrayList<>(meta);
        int[] p = java.util.Arrays.copyOf(plan, plan.length + added.size());
        for (int i = 0; i < added.size(); i++) {
            p[plan.length + i] = m.size();
            m.add(added.get(i));
        }
        return new TableSchema(source, layout, delimiter, decimalMark, axis, m, p, image, idCandidates);
    }

    /**
     * The same table with the named metadata columns flagged in a Quasar header ({@link MetaColumn#withQuasarRole}).
     *
     * @param roles column name to flag ({@link MetaColumn#CLASS} or {@link MetaColumn#META})
     * @throws UnknownColumnException naming a column the table does not have
     */
    public TableSchema withQuasarRoles(java.util.Map<String, String> roles) {
        List<MetaColumn> m = new ArrayList<>(meta);
        for (var role : roles.entrySet()) {
            boolean found = false;
            for (int i = 0; i < m.size(); i++) {
                if (m.get(i).name().equals(role.getKey())) {
                    m.set(i, m.get(i).withQuasarRole(role.getValue()));
                    found = true;
                }
            }
            if (!found) throw new UnknownColumnException(source, role.getKey(), "to mark as " + role.getValue(), meta);
        }
        return new TableSchema(source, layout, delimiter, decimalMark, axis, m, plan, image, idCandidates);
    }

    public static String delimiterName(char d) {
        return switch (d) {
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '\t' -> "tab";
            case ' ' -> "whitespace";
            default -> String.format(Locale.ROOT, "'%c'", d);
        };
    }
}
