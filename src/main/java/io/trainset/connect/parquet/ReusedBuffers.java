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
 * 12.5% more memory per buffer); smaller buffers, and those above {@value #MAX_POOLED} bytes (a page made large by one
 * large value would fill the pool with one array), are allocated plainly. A loan is the buffer object handed out:
 * only its first release returns its array to the pool (a second release of it, or of a buffer this allocator did not
 * lend, is left to the collector, even when the same array was lent again since). Once {@link #detach detached} (a
 * file being discarded) nothing more returns to the pool.
 */
final class ReusedBuffers implements ByteBufferAllocator {

    static final int MIN_POOLED = 4096;
    static final int MAX_POOLED = 4 * 1024 * 1024;

    private final BufferPool pool;
    private final Map<ByteBuffer, byte[]> lent = new IdentityHashMap<>();
    private boolean detached;

    ReusedBuffers(BufferPool pool) {
        this.pool = pool;
    }

    @Override
    public synchronized ByteBuffer allocate(int size) {
        if (size <= MIN_POOLED || size > MAX_POOLED || detached) {
            return ByteBuffer.allocate(size);
        }
        byte[] array = pool.take(sizeClass(size));
        ByteBuffer buffer = ByteBuffer.wrap(array, 0, size).slice();
        lent.put(buffer, array);
        return buffer;
    }

    @Override
    public synchronized void release(ByteBuffer buffer) {
        byte[] array = lent.remove(buffer);
        if (array != null && !detached) {
            pool.give(array);
        }
    }

    /**
     * An array of at least {@code size} bytes for a scratch use of this file (its codec's): from the pool in
     * {@link #sizeClass size classes} from {@value #MIN_POOLED} up to {@value #MAX_POOLED} bytes, allocated plainly
     * outside them or once detached.
     */
    synchronized byte[] takeArray(int size) {
        return pooled(size) && !detached ? pool.take(sizeClass(size)) : new byte[size];
    }

    /** Gives back an array of {@link #takeArray} the file no longer uses; left to the collector once detached. */
    synchronized void giveArray(byte[] array) {
        if (pooled(array.length) && !detached) {
            pool.give(array);
        }
    }

    /**
     * From now on no buffer returns to the pool: for a file being discarded, whose Parquet writer may still hold (and,
     * were it misused from another thread, write into) buffers it released.
     */
    synchronized void detach() {
        detached = true;
        lent.clear();
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    /** Buffers handed out and not released. */
    synchronized int lent() {
        return lent.size();
    }

    private static boolean pooled(int size) {
        return size >= MIN_POOLED && size <= MAX_POOLED;
    }

    /** {@code size} rounded up to a multiple of an eighth of its highest power of two. */
    static int sizeClass(int size) {
        int step = Integer.highestOneBit(size) / 8;
        return (size + step - 1) / step * step;
    }
}
