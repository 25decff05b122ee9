package io.trainset.connect.parquet;

import java.util.Objects;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How Parquet files are encoded.
 *
 * @param codec         the compression codec, e.g. {@code SNAPPY} or {@code ZSTD}
 * @param rowGroupBytes the target size of a row group in memory before it is flushed; row groups
 *                      are the unit of parallel reads, so readers prefer them large
 * @param pageBytes     the target size of a page, the unit of compression and encoding
 */
public record ParquetSettings(CompressionCodecName codec, long rowGroupBytes, int pageBytes) {

    /** The default row group size, 64 MiB. */
    public static final long DEFAULT_ROW_GROUP_BYTES = 64L * 1024 * 1024;
    /** The default page size, 1 MiB. */
    public static final int DEFAULT_PAGE_BYTES = 1024 * 1024;

    /** Checks the settings. */
    public ParquetSettings {
        Objects.requireNonNull(codec, "codec");
        if (pageBytes <= 0 || rowGroupBytes < pageBytes) {
            throw new IllegalArgumentException("Parquet sizes must satisfy 0 < page bytes <= row group"
                    + " bytes, got page bytes " + pageBytes + " and row group bytes " + rowGroupBytes
                    + "; e.g. 1048576 and 67108864");
        }
    }

    /** Snappy, 64 MiB row groups, 1 MiB pages. */
    public static ParquetSettings defaults() {
        return new ParquetSettings(CompressionCodecName.SNAPPY, DEFAULT_ROW_GROUP_BYTES, DEFAULT_PAGE_BYTES);
    }

    /**
     * The same with row groups of at most {@code maxBytes} (never below a page): what a task's open files may each
     * buffer so that together they stay within the task's bound without being finished early.
     */
    public ParquetSettings withRowGroupBytesAtMost(long maxBytes) {
        long bytes = Math.max(pageBytes, Math.min(rowGroupBytes, maxBytes));
        return bytes == rowGroupBytes ? this : new ParquetSettings(codec, bytes, pageBytes);
    }
}
