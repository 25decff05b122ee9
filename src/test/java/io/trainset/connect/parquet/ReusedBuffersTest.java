package io.trainset.connect.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.junit.jupiter.api.Test;

/**
 * Parquet's buffers (and the Snappy codec's arrays) come back to the pool once released, only those this allocator
 * lent, and none once the file is discarded.
 */
class ReusedBuffersTest {

    private final BufferPool pool = new BufferPool(1 << 20);
    private final ReusedBuffers buffers = new ReusedBuffers(pool);

    @Test
    void aReleasedBufferIsLentAgainForASizeOfItsClass() {
        ByteBuffer first = buffers.allocate(100_000);
        byte[] array = first.array();
        buffers.release(first);

        ByteBuffer second = buffers.allocate(99_000);

        assertThat(second.array()).isSameAs(array);
        assertThat(second.capacity()).isEqualTo(99_000);
        assertThat(second.position()).isZero();
        assertThat(second.limit()).isEqualTo(99_000);
        assertThat(buffers.lent()).isEqualTo(1);
        assertThat(pool.idleBytes()).isZero();
    }

    @Test
    void sizesAreRoundedUpToAnEighthOfTheirPowerOfTwo() {
        assertThat(ReusedBuffers.sizeClass(8192)).isEqualTo(8192);
        assertThat(ReusedBuffers.sizeClass(8193)).isEqualTo(9216);
        assertThat(ReusedBuffers.sizeClass(1_000_000)).isEqualTo(1_048_576);
        assertThat(ReusedBuffers.sizeClass(600_000)).isEqualTo(655_360);
        assertThat(buffers.allocate(8193).array()).hasSize(9216);
    }

    @Test
    void smallBuffersAreAllocatedPlainlyAndNeverPooled() {
        ByteBuffer small = buffers.allocate(ReusedBuffers.MIN_POOLED);
        buffers.release(small);

        assertThat(small.capacity()).isEqualTo(ReusedBuffers.MIN_POOLED);
        assertThat(buffers.lent()).isZero();
        assertThat(pool.idleBytes()).isZero();
    }

    @Test
    void aBufferReleasedTwiceOrNotLentHereIsLeftToTheCollector() {
        ByteBuffer lent = buffers.allocate(10_000);
        buffers.release(lent);
        buffers.release(lent);
        buffers.release(ByteBuffer.allocate(10_240));

        assertThat(pool.idleBytes()).isEqualTo(10_240);
        ByteBuffer again = buffers.allocate(10_000);
        ByteBuffer fresh = buffers.allocate(10_000);
        assertThat(again.array()).isSameAs(lent.array());
        assertThat(fresh.array()).isNotSameAs(lent.array());
        new ReusedBuffers(pool).release(fresh);
        assertThat(pool.idleBytes()).isZero();
    }

    @Test
    void thePoolKeepsNoMoreThanItsIdleBytes() {
        ByteBuffer a = buffers.allocate(600_000);
        ByteBuffer b = buffers.allocate(600_000);
        buffers.release(a);
        buffers.release(b);

        assertThat(pool.idleBytes()).isEqualTo(655_360);
        assertThat(buffers.allocate(600_000).array()).isSameAs(a.array());
        assertThat(buffers.allocate(600_000).array()).isNotSameAs(b.array());
    }

    @Test
    void aStaleSecondReleaseOfALoanNeverReturnsTheArrayLentAgainSince() {
        ByteBuffer a = buffers.allocate(10_000);
        buffers.release(a);
        ByteBuffer b = buffers.allocate(10_000);
        assertThat(b.array()).isSameAs(a.array());

        buffers.release(a); // stale: a's loan ended; b holds the array now

        assertThat(pool.idleBytes()).isZero();
        assertThat(buffers.allocate(10_000).array()).isNotSameAs(b.array());
    }

    @Test
    void largeBuffersAreAllocatedPlainlyAndNeverPooled() {
        ByteBuffer large = buffers.allocate(ReusedBuffers.MAX_POOLED + 1);
        buffers.release(large);

        assertThat(buffers.lent()).isZero();
        assertThat(pool.idleBytes()).isZero();
    }

    @Test
    void aDetachedAllocatorReturnsNothingToThePool() {
        ByteBuffer lent = buffers.allocate(10_000);
        buffers.detach();
        buffers.release(lent);
        ByteBuffer after = buffers.allocate(10_000);
        buffers.release(after);

        assertThat(pool.idleBytes()).isZero();
        assertThat(buffers.lent()).isZero();
    }

    @Test
    void anArrayGivenBackIsTakenAgainForASizeOfItsClassAndLargeOnesAreNotPooled() {
        byte[] array = buffers.takeArray(100_000);
        buffers.giveArray(array);
        byte[] large = buffers.takeArray(ReusedBuffers.MAX_POOLED + 1);
        buffers.giveArray(large);

        assertThat(array).hasSize(ReusedBuffers.sizeClass(100_000));
        assertThat(large).hasSize(ReusedBuffers.MAX_POOLED + 1);
        assertThat(pool.idleBytes()).isEqualTo(array.length);
        assertThat(buffers.takeArray(99_000)).isSameAs(array);
    }

    @Test
    void arraysBelowThePooledSizesAreAllocatedPlainlyAndNeverPooled() {
        for (int size : new int[] {0, 1, 7, ReusedBuffers.MIN_POOLED - 1}) {
            byte[] array = buffers.takeArray(size);
            buffers.giveArray(array);

            assertThat(array).hasSize(size);
        }
        assertThat(pool.idleBytes()).isZero();
    }

    @Test
    void anAbortedFilesSnappyArraysNeverReturnToThePool() throws IOException {
        SnappyPages pages = new SnappyPages(buffers);
        pages.compress(BytesInput.from(new byte[200_000]));
        long idle = pool.idleBytes(); // the raw page's array, given back once compressed

        buffers.detach(); // the file is discarded
        pages.compress(BytesInput.from(new byte[200_000]));
        pages.release();
        buffers.giveArray(new byte[ReusedBuffers.sizeClass(10_000)]);

        assertThat(idle).isEqualTo(ReusedBuffers.sizeClass(200_000));
        assertThat(pool.idleBytes()).isEqualTo(idle);
    }
}
