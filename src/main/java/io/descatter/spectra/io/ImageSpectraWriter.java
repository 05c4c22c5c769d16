package io.descatter.spectra.io;

import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.image.EncodesApart;
import io.descatter.spectra.image.ImageFormats;
import io.descatter.spectra.image.ImageShape;
import io.descatter.spectra.image.ImageSpec;
import io.descatter.spectra.image.SpectralImageWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Spectra written as the pixels of a binary image ({@link SpectralImageWriter}), in the order they come: the shape
 * of the image they were read from when the schema has one, else one column of pixels. The pixel position
 * ({@value ImageSpectraReader#MAP_X}, {@value ImageSpectraReader#MAP_Y}) is the image's own, not metadata, in a
 * format that keeps images; a table format (Parquet) gets no shape and the position as metadata. The other metadata
 * columns go to the format, which may keep none of them ({@link #droppedMeta()}).
 */
final class ImageSpectraWriter extends SpectraWriter {
    private final SpectralImageWriter image;
    private final String name;
    /** The schema's metadata column of each of the format's metadata names. */
    private final int[] kept;
    private final List<String> dropped;
    private String[][] metaBuffer = new String[0][];
    /** Bytes encoded apart, handed to the format in order. */
    private final java.io.OutputStream encoded = new java.io.OutputStream() {
        @Override
        public void write(int b) {
            throw new UnsupportedOperationException("whole pixels only");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ((EncodesApart) image).writeEncoded(b, off, len);
        }
    };

    private ImageSpectraWriter(SpectralImageWriter image, String name, TableSchema schema, int[] kept, List<String> dropped) {
        super(schema);
        this.image = image;
        this.name = name;
        this.kept = kept;
        this.dropped = dropped;
    }

    static ImageSpectraWriter open(ImageFormats.Writing format, OutputTarget target, TableSchema schema) throws IOException {
        List<String> names = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < schema.meta().size(); i++) {
            String n = schema.meta().get(i).name();
            boolean position = n.equals(ImageSpectraReader.MAP_X) || n.equals(ImageSpectraReader.MAP_Y);
            if (position && format.keepsImages()) continue; // the image's own grid
            names.add(n);
            columns.add(i);
        }
        boolean keep = format.keepsMetadata();
        ImageShape shape = format.keepsImages() ? schema.image() : null;
        SpectralImageWriter w = format.create(target.name(), new ImageSpec(schema.axis(), shape, keep ? names : List.of()));
        int[] kept = keep ? columns.stream().mapToInt(Integer::intValue).toArray() : new int[0];
        return new ImageSpectraWriter(w, target.name(), schema, kept, keep ? List.of() : names);
    }

    @Override
    public List<String> droppedMeta() { return dropped; }

    @Override
    void writeChunk(SpectraChunk chunk) throws IOException {
        String[][] meta = null;
        if (kept.length > 0) {
            if (metaBuffer.length < chunk.rows()) metaBuffer = new String[chunk.rows()][];
            for (int r = 0; r < chunk.rows(); r++) {
                String[] all = chunk.meta(r);
                String[] m = new String[kept.length];
                for (int k = 0; k < kept.length; k++) m[k] = all[kept[k]];
                metaBuffer[r] = m;
            }
            meta = metaBuffer;
        }
        image.write(chunk.values(), meta, chunk.rows());
    }

    /** Pixels become bytes on the workers where the format can and no metadata goes with them. */
    @Override
    public boolean formatsApart() { return image instanceof EncodesApart && kept.length == 0; }

    @Override
    void formatRows(SpectraChunk chunk, TextBuffer into) {
        EncodesApart encoder = (EncodesApart) image;
        int n = chunk.rows() * encoder.bytesPerPixel();
        into.clear();
        encoder.encode(chunk.values(), chunk.rows(), into.reserve(n), 0);
        into.advance(n);
    }

    @Override
    void writeFormatted(TextBuffer formatted) throws IOException {
        formatted.writeTo(encoded);
    }

    @Override
    public void commit() throws IOException {
        image.commit();
    }

    @Override
    public void close() throws IOException {
        image.close();
    }

    @Override
    public String toString() { return name; }
}
