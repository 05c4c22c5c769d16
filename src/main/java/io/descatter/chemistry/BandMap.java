package io.descatter.chemistry;

import io.descatter.model.BatchCorrection;
import io.descatter.spectra.BadInputException;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.io.ChunkPipeline;
import io.descatter.spectra.io.InputSource;
import io.descatter.spectra.io.MetaColumn;
import io.descatter.spectra.io.Progress;
import io.descatter.spectra.io.ReadOptions;
import io.descatter.spectra.io.SpectraReader;
import io.descatter.spectra.io.TableSchema;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the values of a chemical map from spectra, chunk by chunk: each spectrum's pixel position from its
 * {@value #X_COLUMN} and {@value #Y_COLUMN} metadata (Quasar's names, which the image readers write too) and one
 * number per {@link Channel}: a {@link BandQuantity} of its spectrum, or a numeric metadata column (such as
 * {@code correct}'s {@code confidence_ood} or {@code emsc}'s {@code emsc_rmse}). Memory grows with the number of
 * spectra (two positions and one double per channel each), never with their bands.
 * <pre>{@code
 * try (SpectraReader r = SpectraReader.open("image.csv", ReadOptions.defaults())) {
 *     MapRaster map = BandMap.read(r, List.of(Channel.of(BandQuantity.parse("amide-I"))), 2, Progress.NONE, -1).raster();
 * }
 * }</pre>
 */
public final class BandMap {
    public static final String X_COLUMN = "map_x";
    public static final String Y_COLUMN = "map_y";
    /** Spectra per chunk: the chunk is reused, so this only bounds the memory of one read. */
    private static final long CHUNK_BYTES = 4L << 20;

    /** What one map shows: a band quantity of each spectrum, or the number in a metadata column. */
    public record Channel(BandQuantity quantity, String column) {
        public Channel {
            if ((quantity == null) == (column == null)) throw new IllegalArgumentException("a channel is a quantity or a column");
        }

        public static Channel of(BandQuantity quantity) { return new Channel(Objects.requireNonNull(quantity), null); }

        public static Channel column(String name) { return new Channel(null, Objects.requireNonNull(name)); }

        /** For titles and legends. */
        public String label() { return quantity != null ? quantity.label() : column; }

        /** For the colour bar. */
        public String unit() {
            if (quantity != null) return quantity.unit();
            return switch (column) {
                case BatchCorrection.SCORE_COLUMN -> "out-of-distribution score, no unit";
                case BatchCorrection.SHARE_COLUMN -> "share of the detail removed as scattering";
                case "emsc_rmse" -> "fit RMSE, absorbance";
                default -> "as in the column";
            };
        }
    }

    private BandMap() {
    }

    /** Opens {@code source} (any format {@link SpectraReader#open} reads) and reads its map. */
    public static MapValues read(InputSource source, ReadOptions options, List<Channel> channels, int threads, Progress progress)
            throws IOException {
        try (SpectraReader reader = SpectraReader.open(source, options)) {
            return read(reader, channels, threads, progress, source.size());
        }
    }

    /**
     * Reads every spectrum of {@code reader}; {@code threads} worker threads parse the cells.
     *
     * @param progress receives bytes read out of {@code sourceBytes} (-1 when unknown)
     * @throws BadInputException when the file has no {@value #X_COLUMN}/{@value #Y_COLUMN} columns, or a position or
     *     a mapped column's cell is not a number (naming line and column)
     * @throws IllegalArgumentException naming a {@link Channel#column()} the file does not have
     * @throws io.descatter.spectra.AxisMismatchException when the axis does not reach a quantity's window
     */
    public static MapValues read(SpectraReader reader, List<Channel> channels, int threads, Progress progress, long sourceBytes)
            throws IOException {
        TableSchema schema = reader.schema();
        String source = schema.source();
        int xMeta = positionColumn(schema, X_COLUMN);
        int yMeta = positionColumn(schema, Y_COLUMN);
        if (xMeta < 0 || yMeta < 0) {
            throw new BadInputException(source, 0, 0, "no " + (xMeta < 0 && yMeta < 0 ? X_COLUMN + " and " + Y_COLUMN
                    : xMeta < 0 ? X_COLUMN : Y_COLUMN) + " column: a map needs each spectrum's pixel position in the "
                    + "metadata columns " + X_COLUMN + " and " + Y_COLUMN + " (Quasar's names; image files carry them), "
                    + "and this file's columns besides the wavenumbers are: " + names(schema.meta()));
        }
        int[] metaOf = new int[channels.size()];
        for (int c = 0; c < channels.size(); c++) {
            Channel ch = channels.get(c);
            if (ch.column() == null) {
                metaOf[c] = -1;
                ch.quantity().requireCoveredBy(schema.axis(), source);
            } else {
                metaOf[c] = indexOf(schema.meta(), ch.column());
                if (metaOf[c] < 0) {
                    throw new IllegalArgumentException(source + " has no column '" + ch.column() + "' to map (its columns "
                            + "besides the wavenumbers: " + names(schema.meta()) + ")");
                }
            }
        }
        int[] fileColumn = fileColumns(schema);
        char mark = schema.decimalMark();
        double[] wn = schema.axis().values();
        MapValues out = new MapValues(source, channels);
        if (schema.image() != null && schema.image().grid() != null) out.positionUnit(schema.image().grid().unit());
        double[] spectrum = new double[wn.length];
        double[] row = new double[channels.size()];
        // parsing the cells is the work: worker threads do it; the few band areas of each spectrum are taken here
        ChunkPipeline.read(reader, threads, SpectraChunk.rowsFor(wn.length, CHUNK_BYTES), chunk -> {
            for (int r = 0; r < chunk.rows(); r++) {
                String[] meta = chunk.meta(r);
                long line = chunk.line(r);
                double x = position(meta[xMeta], source, line, fileColumn[xMeta], X_COLUMN, mark);
                double y = position(meta[yMeta], source, line, fileColumn[yMeta], Y_COLUMN, mark);
                boolean copied = false;
                for (int c = 0; c < row.length; c++) {
                    if (metaOf[c] >= 0) {
                        row[c] = number(meta[metaOf[c]], source, line, fileColumn[metaOf[c]], channels.get(c).column(), mark);
                    } else {
                        if (!copied) System.arraycopy(chunk.values(), chunk.offset(r), spectrum, 0, wn.length);
                        copied = true;
                        row[c] = channels.get(c).quantity().of(wn, spectrum);
                    }
                }
                out.add(x, y, row);
            }
        }, "map", progress, sourceBytes);
        return out;
    }

    /** The metadata index of a position column: its exact name, else the same name in another case; -1 if absent. */
    private static int positionColumn(TableSchema schema, String name) {
        int exact = indexOf(schema.meta(), name);
        if (exact >= 0) return exact;
        for (int i = 0; i < schema.meta().size(); i++) if (schema.meta().get(i).name().trim().equalsIgnoreCase(name)) return i;
        return -1;
    }

    private static int indexOf(List<MetaColumn> meta, String name) {
        for (int i = 0; i < meta.size(); i++) if (meta.get(i).name().trim().equals(name)) return i;
        return -1;
    }

    /** The 1-based file column of each metadata column (0 where the layout does not say), for messages. */
    private static int[] fileColumns(TableSchema schema) {
        int[] out = new int[schema.meta().size()];
        int[] plan = schema.plan();
        for (int c = 0; c < plan.length; c++) if (plan[c] >= 0) out[plan[c]] = c + 1;
        return out;
    }

    private static double position(String cell, String source, long line, int column, String name, char mark) {
        double v = number(cell, source, line, column, name, mark);
        if (Double.isNaN(v)) throw new BadInputException(source, line, column, name + " is empty: every spectrum of a map needs its position");
        return v;
    }

    /** A metadata cell as a number: empty or NaN is NaN (a pixel without a value); other text is refused. */
    private static double number(String cell, String source, long line, int column, String name, char mark) {
        String s = cell.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("nan")) return Double.NaN;
        String plain = mark == ',' ? s.replace(',', '.') : s;
        try {
            double v = Double.parseDouble(plain);
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadInputException(source, line, column, name + " is not a finite number: \"" + (s.length() <= 40 ? s
                : s.substring(0, 37) + "...") + "\"");
    }

    private static String names(List<MetaColumn> meta) {
        return meta.isEmpty() ? "none" : String.join(", ", meta.stream().map(MetaColumn::name).toList());
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
