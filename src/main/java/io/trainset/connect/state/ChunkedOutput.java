package io.trainset.connect.state;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Cuts the bytes written to it into chunks of at most {@code chunkBytes} and hands each full chunk,
 * with its key, to an upload (the writer lane's, which blocks at its capacity), so at most one chunk
 * is held here however long the stream. Bytes that fit in one chunk are never handed over: they come
 * back {@link EncodedJoin#inline} from {@link #finish()}. Not thread-safe.
 */
final class ChunkedOutput extends OutputStream {

    private static final int FIRST_BUFFER = 1 << 16;

    private final int chunkBytes;
    private final String prefix;
    private final BiConsumer<String, byte[]> upload;
    private int uploaded;
    private byte[] buffer;
    private int size;

    /**
     * @param prefix where the chunks go ({@link EncodedJoin#chunkKey})
     * @param upload takes a full chunk (the array is its own, never written again) and its key
     */
    ChunkedOutput(int chunkBytes, String prefix, BiConsumer<String, byte[]> upload) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("A checkpoint chunk holds at least one byte, not " + chunkBytes);
        }
        this.chunkBytes = chunkBytes;
        this.prefix = prefix;
        this.upload = upload;
        this.buffer = new byte[Math.min(FIRST_BUFFER, chunkBytes)];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (size == chunkBytes) {
                handOver(true);
            }
            int n = Math.min(length, chunkBytes - size);
            ensureRoom(size + n);
            System.arraycopy(bytes, offset, buffer, size, n);
            size += n;
            offset += n;
            length -= n;
        }
    }

    /** The bytes written: inline when they fit in one chunk, else in chunks, the last handed over now. */
    EncodedJoin finish() {
        if (uploaded == 0) {
            return EncodedJoin.inline(Arrays.copyOf(buffer, size));
        }
        handOver(false);
        return EncodedJoin.chunked(prefix, uploaded);
    }

    /** Grows the first chunk's buffer (doubling, up to a chunk) as a small state rarely needs a whole chunk. */
    private void ensureRoom(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(chunkBytes, Math.max(needed, 2L * buffer.length)));
        }
    }

    /** Hands the chunk filled so far (never empty: a chunk is handed over only once bytes follow it) to the upload. */
    private void handOver(boolean more) {
        byte[] chunk = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        upload.accept(EncodedJoin.chunkKey(prefix, uploaded++), chunk);
        // A state past one chunk is large: the next chunks are filled in a buffer of their final size.
        buffer = more ? new byte[chunkBytes] : null;
        size = 0;
    }
}
