package io.descatter.spectra.io;

import io.descatter.spectra.SpectraChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole (small) spectra file in memory: references, validation sets, reports. Large files should stream
 * through {@link SpectraReader} instead.
 *
 * @param schema axis, metadata columns and layout
 * @param spectra one array per spectrum, on the schema's axis
 * @param meta the metadata cells of each spectrum
 */
public record SpectraTable(TableSchema schema, List<double[]> spectra, List<String[]> meta) {
    public static SpectraTable read(InputSource source, ReadOptions options) throws IOException {
        try (SpectraReader reader = SpectraReader.open(source, options)) {
            List<double[]> spectra = new ArrayList<>();
            List<String[]> meta = new ArrayList<>();
            SpectraChunk chunk = reader.newChunk(256);
            while (reader.read(chunk) > 0) {
                for (int r = 0; r < chunk.rows(); r++) {
                    double[] s = new double[chunk.points()];
                    System.arraycopy(chunk.values(), chunk.offset(r), s, 0, s.length);
                    spectra.add(s);
                    meta.add(chunk.meta(r));
                }
            }
            return new SpectraTable(reader.schema(), spectra, meta);
        }
    }

    public static SpectraTable read(String source) throws IOException {
        return read(InputSource.of(source), ReadOptions.defaults());
    }

    public int size() { return spectra.size(); }

    /** Each spectrum's value in the metadata column {@code name} (the last of that name), or null without one. */
    public List<String> metaColumn(String name) {
        int col = -1;
        for (int i = 0; i < schema.meta().size(); i++) if (schema.meta().get(i).name().equals(name)) col = i;
        if (col < 0) return null;
        List<String> values = new java.util.ArrayList<>(meta.size());
        for (String[] m : meta) values.add(m[col]);
        return values;
    }

    /** Each spectrum's id: its cell in the id column ({@link TableSchema#idColumn}), else its row number from 1. */
    public List<String> ids() {
        int col = schema.idColumn();
        List<String> ids = new ArrayList<>(meta.size());
        for (int i = 0; i < meta.size(); i++) ids.add(col >= 0 ? meta.get(i)[col] : Integer.toString(i + 1));
        return ids;
    }

    /** The only spectrum of a one-spectrum file (a reference), or an error naming the file. */
    public double[] single() {
        if (spectra.size() != 1) {
            throw new io.descatter.spectra.BadInputException(schema.source(), 0, 0,
                    "expected one spectrum (a reference), found " + spectra.size());
        }
        return spectra.get(0);
    }
}
