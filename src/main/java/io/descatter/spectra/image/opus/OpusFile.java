package io.descatter.spectra.image.opus;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.image.ImageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structure of a Bruker OPUS file: magic bytes {@code 0A 0A FE FE}, a float64 version, the int32 directory
 * offset, the number of directory slots and of blocks in use; then 12-byte directory entries (type word, length in
 * 32-bit words, byte offset; an offset of 0 ends the directory). Parameter blocks are records of a 3-character name
 * and NUL, a uint16 type (0 int32, 1 float64, otherwise text), a uint16 size in 16-bit words and the value, up to
 * {@code END}. Data blocks hold float32 values (int32 where the data status says {@code DPF} = 2).
 */
final class OpusFile implements AutoCloseable {
    static final byte[] MAGIC = {0x0A, 0x0A, (byte) 0xFE, (byte) 0xFE};
    static final int HEADER_BYTES = 24;
    /** More directory slots than any instrument writes: a damaged count must not make us read the whole disk. */
    private static final int MAX_SLOTS = 1 << 16;

    private final String name;
    private final FileChannel channel;
    private final long size;
    private final List<OpusBlock> blocks;

    private OpusFile(String name, FileChannel channel, long size, List<OpusBlock> blocks) {
        this.name = name;
        this.channel = channel;
        this.size = size;
        this.blocks = blocks;
    }

    static boolean hasMagic(byte[] firstBytes) {
        if (firstBytes == null || firstBytes.length < MAGIC.length) return false;
        for (int i = 0; i < MAGIC.length; i++) if (firstBytes[i] != MAGIC[i]) return false;
        return true;
    }

    static OpusFile open(Path path, String name) throws IOException {
        FileChannel channel = ImageFiles.open(path, name);
        try {
            long size = channel.size();
            if (size < HEADER_BYTES) throw ImageFiles.truncated(name, "the OPUS header", HEADER_BYTES, size);
            ByteBuffer header = ImageFiles.readFully(channel, 0, HEADER_BYTES, name, "the OPUS header");
            byte[] first = new byte[MAGIC.length];
            header.get(0, first);
            if (!hasMagic(first)) {
                throw new BadInputException(name, 0, 0, String.format("not an OPUS file: it starts with %02X %02X %02X"
                        + " %02X, OPUS files start with 0A 0A FE FE", first[0], first[1], first[2], first[3]));
            }
            int directory = header.getInt(12);
            int slots = header.getInt(16);
            if (directory < HEADER_BYTES || slots < 1 || slots > MAX_SLOTS) {
                throw new BadInputException(name, 0, 0, "damaged OPUS header: directory at byte " + directory + " with "
                        + slots + " slots");
            }
            long directoryEnd = Math.min((long) directory + 12L * slots, size);
            if (directoryEnd < directory + 12L) {
                throw ImageFiles.truncated(name, "the OPUS directory", directory + 12L, size);
            }
            int entries = (int) ((directoryEnd - directory) / 12);
            ByteBuffer d = ImageFiles.readFully(channel, directory, entries * 12, name, "the OPUS directory");
            List<OpusBlock> blocks = new ArrayList<>();
            for (int i = 0; i < entries; i++) {
                int type = d.getInt(i * 12);
                long words = Integer.toUnsignedLong(d.getInt(i * 12 + 4));
                long offset = Integer.toUnsignedLong(d.getInt(i * 12 + 8));
                if (offset == 0) break;
                blocks.add(new OpusBlock(type, offset, 4 * words));
            }
            return new OpusFile(name, channel, size, List.copyOf(blocks));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    String name() { return name; }

    List<OpusBlock> blocks() { return blocks; }

    /** The bytes of a block; a block that runs past the end of the file is a truncated file. */
    ByteBuffer read(OpusBlock block, String what) throws IOException {
        return read(block.offset(), block.bytes(), what);
    }

    ByteBuffer read(long offset, long bytes, String what) throws IOException {
        if (offset + bytes > size) throw ImageFiles.truncated(name, what, offset + bytes, size);
        if (bytes > Integer.MAX_VALUE - 8) throw new BadInputException(name, 0, 0, what + " of " + bytes + " bytes is too large");
        return ImageFiles.readFully(channel, offset, (int) bytes, name, what);
    }

    /** The records of a parameter block by their 3-character names: Integer, Double or String values. */
    Map<String, Object> parameters(OpusBlock block) throws IOException {
        ByteBuffer b = read(block, "the parameter block at byte " + block.offset());
        Map<String, Object> values = new LinkedHashMap<>();
        int at = 0;
        while (at + 8 <= b.limit()) {
            String key = new String(new byte[] {b.get(at), b.get(at + 1), b.get(at + 2)}, StandardCharsets.ISO_8859_1);
            if (key.equals("END")) break;
            int type = Short.toUnsignedInt(b.getShort(at + 4));
            int bytes = 2 * Short.toUnsignedInt(b.getShort(at + 6));
            if (at + 8 + bytes > b.limit()) {
                throw new BadInputException(name, 0, 0, "damaged parameter " + key + " at byte " + (block.offset() + at)
                        + ": its value runs past its block");
            }
            Object value;
            if (type == 0 && bytes >= 4) {
                value = b.getInt(at + 8);
            } else if (type == 1 && bytes >= 8) {
                value = b.getDouble(at + 8);
            } else {
                byte[] text = new byte[bytes];
                b.get(at + 8, text);
                int nul = 0;
                while (nul < text.length && text[nul] != 0) nul++;
                value = new String(text, 0, nul, StandardCharsets.ISO_8859_1);
            }
            values.put(key, value);
            at += 8 + bytes;
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
