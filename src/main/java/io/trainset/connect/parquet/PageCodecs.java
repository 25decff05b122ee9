package io.trainset.connect.parquet;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * parquet-java's codecs for one file, except that Snappy pages are compressed by {@link SnappyPages} (the same bytes,
 * fewer copies) between arrays of the file's {@link ReusedBuffers}. Through {@code CodecFactory}'s extension point
 * {@code createCompressor}, public API.
 */
final class PageCodecs extends CodecFactory {

    private final ReusedBuffers buffers;

    /**
     * @param conf      the configuration of parquet-java's own codecs
     * @param pageBytes the first size of their output buffer
     * @param buffers   the file's allocator, which lends the Snappy pages' arrays
     */
    PageCodecs(ParquetConfiguration conf, int pageBytes, ReusedBuffers buffers) {
        super(conf, pageBytes);
        this.buffers = buffers;
    }

    @Override
    protected BytesCompressor createCompressor(CompressionCodecName codec) {
        return codec == CompressionCodecName.SNAPPY ? new SnappyPages(buffers) : super.createCompressor(codec);
    }

    @Override
    protected BytesCompressor createCompressorAtLevel(CompressionCodecName codec, int level) {
        return codec == CompressionCodecName.SNAPPY
                ? new SnappyPages(buffers)
                : super.createCompressorAtLevel(codec, level);
    }
}
