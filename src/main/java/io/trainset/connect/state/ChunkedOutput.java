package io.trainset.connect.state;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Cuts the bytes written to it into chunks of at most {@code chunkBytes} and hands each full chunk,
 * with its key, to an upload (the writer lane's, which blocks at its capacity), so at most one chunk
 * is held here however long the stream. Bytes that fit in one chunk are never handed over: they come
 * back {@link EncodedJoin#inline} from {@link #finish()}. The chunk being filled lies in blocks of {@value #BLOCK}
 * bytes, copied once into an array of its size when handed over: not in one array grown by doubling, whose copies
 * of megabytes (each a humongous object for G1) were 5 of the 12 task-thread samples of one cold worker's first, full
 * checkpoint encoding (docs/performance.md, "Issue 14, session 10"). Not thread-safe.
 */
final class ChunkedOutput extends OutputStream {

    private static final int BLOCK = 1 << 16;

    private final int chunkBytes;
    private final int blockBytes;
    private final String prefix;
    private final BiConsumer<String, byte[]> upload;
    /** The blocks of the chunk being filled, all full but the last; reused for the next chunk. */
    private final List<byte[]> blocks = new ArrayList<>();

    private int uploaded;
    /** The bytes of the chunk being filled. */
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
        this.blockBytes = Math.min(BLOCK, chunkBytes);
        this.prefix = prefix;
        this.upload = upload;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (size == chunkBytes) {
                handOver();
            }
            int inBlock = size % blockBytes;
            if (inBlock == 0 && size / blockBytes == blocks.size()) {
                blocks.add(new byte[blockBytes]);
            }
            int n = Math.min(length, Math.min(blockBytes - inBlock, chunkBytes - size));
            System.arraycopy(bytes, offset, blocks.get(size / blockBytes), inBlock, n);
            size += n;
            offset += n;
            length -= n;
        }
    }

    /** The bytes written: inline when they fit in one chunk, else in chunks, the last handed over now. */
    EncodedJoin finish() {
        if (uploaded == 0) {
            return EncodedJoin.inline(filled());
        }
        handOver();
        blocks.clear();
        return EncodedJoin.chunked(prefix, uploaded);
    }

    /** Hands the chunk filled so far (never empty: a chunk is handed over only once bytes follow it) to the upload. */
    private void handOver() {
        upload.accept(EncodedJoin.chunkKey(prefix, uploaded++), filled());
        size = 0;
    }

    /** The bytes of the chunk being filled, in an array of their own. */
    private byte[] filled() {
        byte[] chunk = new byte[size];
        for (int at = 0; at < size; at += blockBytes) {
            System.arraycopy(blocks.get(at / blockBytes), 0, chunk, at, Math.min(blockBytes, size - at));
        }
        return chunk;
    }
}
