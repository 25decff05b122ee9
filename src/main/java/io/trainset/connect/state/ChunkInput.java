package io.trainset.connect.state;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/**
 * The bytes of chunk objects read one after the other, each read when the one before is used up:
 * one chunk in memory at a time, however many there are.
 */
final class ChunkInput extends InputStream {

    /** Reads one chunk whole; throws when it is missing. */
    @FunctionalInterface
    interface ChunkReader {
        byte[] read(String key) throws IOException;
    }

    private final Iterator<String> keys;
    private final ChunkReader reader;
    private InputStream current = InputStream.nullInputStream();

    ChunkInput(List<String> keys, ChunkReader reader) {
        this.keys = List.copyOf(keys).iterator();
        this.reader = reader;
    }

    @Override
    public int read() throws IOException {
        while (true) {
            int b = current.read();
            if (b >= 0 || !advance()) {
                return b;
            }
        }
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            int n = current.read(bytes, offset, length);
            if (n > 0) {
                return n;
            }
            if (!advance()) {
                return -1;
            }
        }
    }

    private boolean advance() throws IOException {
        if (!keys.hasNext()) {
            return false;
        }
        current = new ByteArrayInputStream(reader.read(keys.next()));
        return true;
    }
}
