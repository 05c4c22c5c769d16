package io.descatter.spectra.image.opus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small OPUS files from the documented layout: header (magic, version, directory offset 24, slots, blocks),
 * 12-byte directory entries, parameter blocks of 3-character records and float32/int32 data blocks.
 */
public final class OpusTestFile {
    /** Type words: part 3 (plain) + role 3 (result) + data kind << 10; the data status adds group 1 << 4. */
    public static final int AB = 3 | 3 << 2 | 4 << 10;
    public static final int REFLECTANCE = 3 | 3 << 2 | 12 << 10;
    public static final int SAMPLE_SINGLE_CHANNEL = 3 | 1 << 2 | 1 << 10;
    public static final int STATUS = 1 << 4;
    public static final int SERIES = 2 << 19;
    public static final int COMPACT = 4 << 19;

    private record Block(int type, byte[] bytes) {
    }

    private final List<Block> blocks = new ArrayList<>();

    public static int status(int dataType) {
        return dataType | STATUS;
    }

    /** Data status parameters for {@code points} values from {@code first} to {@code last} cm-1. */
    public static Map<String, Object> axis(int points, double first, double last) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("CSF", 1.0);
        p.put("FXV", first);
        p.put("LXV", last);
        p.put("NPT", points);
        p.put("DPF", 1);
        p.put("DXU", "WN");
        return p;
    }

    public OpusTestFile parameters(int type, Map<String, Object> values) {
        ByteBuffer b = le(4096);
        for (var e : values.entrySet()) {
            b.put(e.getKey().getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
            Object v = e.getValue();
            if (v instanceof Integer i) {
                b.putShort((short) 0).putShort((short) 2).putInt(i);
            } else if (v instanceof Double d) {
                b.putShort((short) 1).putShort((short) 4).putDouble(d);
            } else {
                byte[] text = v.toString().getBytes(StandardCharsets.US_ASCII);
                int words = text.length / 2 + 1;
                b.putShort((short) 2).putShort((short) words).put(text).put(new byte[2 * words - text.length]);
            }
        }
        b.put("END".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).putInt(0);
        return add(type, b);
    }

    public OpusTestFile floats(int type, float... values) {
        ByteBuffer b = le(4 * values.length);
        for (float v : values) b.putFloat(v);
        return add(type, b);
    }

    OpusTestFile ints(int type, int... values) {
        ByteBuffer b = le(4 * values.length);
        for (int v : values) b.putInt(v);
        return add(type, b);
    }

    /** A compact copy: {@code headerWords} int32 before the values. */
    OpusTestFile compact(int type, int headerWords, float... values) {
        ByteBuffer b = le(4 * (headerWords + values.length));
        for (int i = 0; i < headerWords; i++) b.putInt(-1);
        for (float v : values) b.putFloat(v);
        return add(type | COMPACT, b);
    }

    /** A series block: six int32, then each spectrum followed by a record of {@code recordBytes}. */
    public OpusTestFile series(int type, int recordBytes, float[]... spectra) {
        int points = spectra[0].length;
        ByteBuffer b = le(24 + spectra.length * (4 * points + recordBytes));
        b.putInt(0).putInt(spectra.length).putInt(24).putInt(4 * points).putInt(recordBytes).putInt(0);
        for (float[] s : spectra) {
            for (float v : s) b.putFloat(v);
            b.put(new byte[recordBytes]);
        }
        return add(type | SERIES, b);
    }

    private OpusTestFile add(int type, ByteBuffer b) {
        byte[] bytes = new byte[(b.position() + 3) / 4 * 4];
        b.flip().get(bytes, 0, b.limit());
        blocks.add(new Block(type, bytes));
        return this;
    }

    public byte[] bytes() throws IOException {
        int slots = blocks.size() + 4;
        ByteBuffer head = le(24 + 12 * slots);
        head.put(OpusFile.MAGIC).putDouble(920622.0).putInt(24).putInt(slots).putInt(blocks.size());
        int offset = 24 + 12 * slots;
        for (Block block : blocks) {
            head.putInt(block.type).putInt(block.bytes.length / 4).putInt(offset);
            offset += block.bytes.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head.array());
        for (Block block : blocks) out.write(block.bytes);
        return out.toByteArray();
    }

    Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
