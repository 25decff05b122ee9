package io.trainset.connect.parquet;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * One Parquet file's buffer allocator, reusing arrays ({@link BufferPool}): parquet-java allocates a buffer for every
 * page it encodes, compresses and collects, and value slabs for every page, then releases each once it is copied on;
 * the default allocator drops them all to the garbage collector, and the pages of a row group survive young
 * collections until the row group is flushed. Here a released array goes back to the pool and the next page (of this
 * file or of a later one) gets it instead of a new one.
 *
 * <p>Sizes above {@value #MIN_POOLED} bytes are rounded up to classes an eighth of a power of two apart (at most
 * 12.5% more memory per buffer); smaller buffers are allocated plainly. Only arrays this allocator handed out and has
 * not had back return to the pool (a buffer released twice, or one it did not allocate, is left to the collector).
 */
final class ReusedBuffers implements ByteBufferAllocator {

    static final int MIN_POOLED = 4096;

    private final BufferPool pool;
    private final Map<byte[], Boolean> lent = new IdentityHashMap<>();

    ReusedBuffers(BufferPool pool) {
        this.pool = pool;
    }

    @Override
    public synchronized ByteBuffer allocate(int size) {
        if (size <= MIN_POOLED) {
            return ByteBuffer.allocate(size);
        }
        byte[] array = pool.take(sizeClass(size));
        lent.put(array, Boolean.TRUE);
        return ByteBuffer.wrap(array, 0, size).slice();
    }

    @Override
    public synchronized void release(ByteBuffer buffer) {
        if (buffer.hasArray() && lent.remove(buffer.array()) != null) {
            pool.give(buffer.array());
        }
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    /** Buffers handed out and not released. */
    synchronized int lent() {
        return lent.size();
    }

    /** {@code size} rounded up to a multiple of an eighth of its highest power of two. */
    static int sizeClass(int size) {
        int step = Integer.highestOneBit(size) / 8;
        return (size + step - 1) / step * step;
    }
}
