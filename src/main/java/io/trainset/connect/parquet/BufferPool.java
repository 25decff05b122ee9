package io.trainset.connect.parquet;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Byte arrays of Parquet's page and value buffers kept between the files that use them ({@link ReusedBuffers}), by
 * capacity, up to a total of idle bytes; beyond it an array given back is left to the garbage collector. Thread-safe:
 * the files of every task share it.
 */
final class BufferPool {

    /** The pool of every writer in this JVM: 32 MiB of idle arrays at most. */
    static final BufferPool SHARED = new BufferPool(32L * 1024 * 1024);

    private final Map<Integer, Deque<byte[]>> idle = new ConcurrentHashMap<>();
    private final AtomicLong idleBytes = new AtomicLong();
    private final long maxIdleBytes;

    BufferPool(long maxIdleBytes) {
        this.maxIdleBytes = maxIdleBytes;
    }

    /** An array of exactly {@code capacity} bytes, reused if one is idle (its content is not cleared). */
    byte[] take(int capacity) {
        Deque<byte[]> free = idle.get(capacity);
        byte[] array = free == null ? null : free.pollFirst();
        if (array == null) {
            return new byte[capacity];
        }
        idleBytes.addAndGet(-capacity);
        return array;
    }

    /** Keeps {@code array} for a later {@link #take} of its length, if the pool has room. */
    void give(byte[] array) {
        if (idleBytes.addAndGet(array.length) > maxIdleBytes) {
            idleBytes.addAndGet(-array.length);
            return;
        }
        idle.computeIfAbsent(array.length, length -> new ConcurrentLinkedDeque<>())
                .addFirst(array);
    }

    /** Bytes kept for reuse now. */
    long idleBytes() {
        return idleBytes.get();
    }
}
