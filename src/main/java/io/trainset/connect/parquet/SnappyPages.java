package io.trainset.connect.parquet;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Compresses a file's pages with Snappy straight from and into two heap arrays lent by a {@link BufferPool} (in the
 * size classes of {@link ReusedBuffers}; an array for a page above its largest is not pooled): the same
 * bytes as parquet-java's Snappy codec writes (one raw Snappy block of the whole page), without its Hadoop stream,
 * its direct buffers and the copies between them, nor its output stream that grows again in every file. A page's
 * compressed bytes are valid until the next page is compressed (as parquet-java's own compressor's: its callers copy
 * them). One file's, used on its writer's thread; {@link #release()} gives the arrays back.
 */
final class SnappyPages extends CodecFactory.BytesCompressor {

    /** The smallest array taken, so that small pages share one size class. */
    private static final int MIN_BYTES = 4 * 1024;

    private static final byte[] NONE = new byte[0];

    private final BufferPool pool;
    private final PageBytes page = new PageBytes();
    private byte[] compressed = NONE;

    SnappyPages(BufferPool pool) {
        this.pool = pool;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
        int length = Math.toIntExact(bytes.size());
        page.fill(bytes, length);
        compressed = atLeast(compressed, Snappy.maxCompressedLength(length));
        int size = Snappy.compress(page.array, 0, length, compressed, 0);
        return BytesInput.from(compressed, 0, size);
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.SNAPPY;
    }

    @Override
    public void release() {
        page.array = giveBack(page.array);
        compressed = giveBack(compressed);
    }

    private byte[] atLeast(byte[] array, int length) {
        if (array.length >= length) {
            return array;
        }
        giveBack(array);
        int size = Math.max(MIN_BYTES, length);
        return size > ReusedBuffers.MAX_POOLED ? new byte[size] : pool.take(ReusedBuffers.sizeClass(size));
    }

    private byte[] giveBack(byte[] array) {
        if (array != NONE && array.length <= ReusedBuffers.MAX_POOLED) {
            pool.give(array);
        }
        return NONE;
    }

    /** A page's uncompressed bytes, copied into one reused array (parquet-java hands them over in parts). */
    private final class PageBytes extends OutputStream {
        private byte[] array = NONE;
        private int filled;

        void fill(BytesInput bytes, int length) throws IOException {
            array = atLeast(array, length);
            filled = 0;
            bytes.writeAllTo(this);
            if (filled != length) {
                throw new IOException("A Parquet page said it had " + length + " bytes but wrote " + filled
                        + "; the file cannot be compressed");
            }
        }

        @Override
        public void write(int b) {
            array[filled++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            System.arraycopy(bytes, offset, array, filled, length);
            filled += length;
        }
    }
}
