package io.trainset.connect.parquet;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Compresses a file's pages with Snappy straight from and into two heap arrays lent by the file's
 * {@link ReusedBuffers}: the same bytes as parquet-java's Snappy codec writes (one raw Snappy block of the whole
 * page), without its Hadoop stream, its direct buffers and the copies between them, nor its output stream that grows
 * again in every file.
 *
 * <p>The arrays are held only while needed, so that the open files of a task share a few of them: the copy of the raw
 * page goes back as soon as it is compressed; the compressed bytes are valid until the next page is compressed (as
 * parquet-java's own compressor's: its callers copy them at once), so that array goes back when the next page starts
 * or at {@link #release()}. Once the file is discarded ({@link ReusedBuffers#detach}) nothing goes back. One file's,
 * used on its writer's thread.
 */
final class SnappyPages extends CodecFactory.BytesCompressor {

    /** The smallest array taken, so that small pages share one size class. */
    private static final int MIN_BYTES = 4 * 1024;

    private static final byte[] NONE = new byte[0];

    private final ReusedBuffers buffers;
    private final PageBytes page = new PageBytes();
    private byte[] compressed = NONE;

    SnappyPages(ReusedBuffers buffers) {
        this.buffers = buffers;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
        release();
        int length = Math.toIntExact(bytes.size());
        byte[] raw = take(length);
        try {
            page.fill(raw, bytes, length);
            compressed = take(Snappy.maxCompressedLength(length));
            int size = Snappy.compress(raw, 0, length, compressed, 0);
            return BytesInput.from(compressed, 0, size);
        } finally {
            buffers.giveArray(raw);
        }
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.SNAPPY;
    }

    /** Gives back the array of the last compressed page. */
    @Override
    public void release() {
        if (compressed != NONE) {
            buffers.giveArray(compressed);
            compressed = NONE;
        }
    }

    private byte[] take(int length) {
        return buffers.takeArray(Math.max(MIN_BYTES, length));
    }

    /** Copies a page's uncompressed bytes into one array (parquet-java hands them over in parts). */
    private static final class PageBytes extends OutputStream {
        private byte[] array = NONE;
        private int filled;

        void fill(byte[] into, BytesInput bytes, int length) throws IOException {
            array = into;
            filled = 0;
            try {
                bytes.writeAllTo(this);
            } finally {
                array = NONE;
            }
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
