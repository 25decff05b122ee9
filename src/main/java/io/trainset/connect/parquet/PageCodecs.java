package io.trainset.connect.parquet;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * parquet-java's codecs for one file, except that Snappy pages are compressed by {@link SnappyPages} (the same bytes,
 * fewer copies). Through {@code CodecFactory}'s extension point {@code createCompressor}, public API.
 */
final class PageCodecs extends CodecFactory {

    /**
     * @param conf      the configuration of parquet-java's own codecs
     * @param pageBytes the first size of their output buffer
     */
    PageCodecs(ParquetConfiguration conf, int pageBytes) {
        super(conf, pageBytes);
    }

    @Override
    protected BytesCompressor createCompressor(CompressionCodecName codec) {
        return codec == CompressionCodecName.SNAPPY
                ? new SnappyPages(BufferPool.SHARED)
                : super.createCompressor(codec);
    }

    @Override
    protected BytesCompressor createCompressorAtLevel(CompressionCodecName codec, int level) {
        return codec == CompressionCodecName.SNAPPY
                ? new SnappyPages(BufferPool.SHARED)
                : super.createCompressorAtLevel(codec, level);
    }
}
