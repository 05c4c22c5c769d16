package io.descatter.spectra.image;

import io.descatter.spectra.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File access shared by the binary readers: every failure a user can fix becomes one line naming the file. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Opens {@code path} for reading; a missing file is bad input named {@code name}. */
    public static FileChannel open(Path path, String name) throws IOException {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw BadInputException.noSuchFile(name);
        }
    }

    /**
     * Reads {@code length} bytes at {@code offset} as a little-endian buffer; a file that ends first is bad input
     * ("truncated") that names what was being read.
     */
    public static ByteBuffer readFully(FileChannel channel, long offset, int length, String name, String what)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long position = offset;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) throw truncated(name, what, offset + length, channel.size());
            position += n;
        }
        return buffer.flip();
    }

    /** The message for a file shorter than its header says. */
    public static BadInputException truncated(String name, String what, long needed, long size) {
        return new BadInputException(name, 0, 0, "truncated: " + what + " needs " + needed + " bytes but the file has "
                + size + " (copy it again, completely)");
    }

    /** A sibling of the file the user named, written the way the user wrote the name (for messages). */
    public static String siblingName(String name, String fileName) {
        Path parent = Path.of(name).getParent();
        return parent == null ? fileName : parent.resolve(fileName).toString();
    }
}
