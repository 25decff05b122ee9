package io.trainset.connect.parquet;

import io.trainset.connect.model.Row;
import io.trainset.connect.storage.ObjectOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;

/** Builds the Parquet writers of {@link ParquetRowWriter}: its settings, footer metadata and dictionaries. */
final class ParquetWriters {

    /**
     * The first size of a file's compressed-page buffer: parquet-java sizes it to a page (1 MiB, allocated per file,
     * a humongous object for G1 in a 2 GiB heap), while the pages of a file whose row group is capped to its share of
     * the budget compress to far less.
     */
    static final int COMPRESSED_BUFFER_BYTES = 64 * 1024;

    private ParquetWriters() {}

    /** A builder of a writer of rows through {@code support}. */
    static RowsBuilder rows(OutputFile file, RowWriteSupport support) {
        return new RowsBuilder(file, support);
    }

    /**
     * The builder with the settings, the footer metadata and these columns' dictionaries off. Its page buffers are
     * reused between pages and files ({@link ReusedBuffers}); Snappy pages are compressed between arrays reused the
     * same way ({@link PageCodecs}), and other codecs' output buffer starts at {@link #COMPRESSED_BUFFER_BYTES} and
     * grows to the largest compressed page instead of starting at a page's size.
     */
    static <B extends ParquetWriter.Builder<?, B>> B configure(
            B builder,
            ParquetSettings settings,
            Map<String, String> metadata,
            Set<String> plainColumns,
            ReusedBuffers buffers) {
        builder.withConf(listConf())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(settings.codec())
                .withRowGroupSize(settings.rowGroupBytes())
                .withPageSize(settings.pageBytes())
                .withExtraMetaData(Map.copyOf(metadata))
                .withAllocator(buffers)
                .withCodecFactory(
                        new PageCodecs(listConf(), Math.min(settings.pageBytes(), COMPRESSED_BUFFER_BYTES), buffers));
        plainColumns.forEach(column -> builder.withDictionaryEncoding(column, false));
        return builder;
    }

    /** Lists in the standard three-level form. */
    static PlainParquetConfiguration listConf() {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return conf;
    }

    /** The column paths of a written file with at least {@code minValues} non-null values and no dictionary page. */
    static Set<String> columnsWithoutDictionary(ParquetMetadata footer, int minValues) {
        Set<String> plain = new HashSet<>();
        footer.getBlocks()
                .forEach(block -> block.getColumns().forEach(chunk -> {
                    EncodingStats encodings = chunk.getEncodingStats();
                    Statistics<?> stats = chunk.getStatistics();
                    boolean enoughValues = stats != null
                            && !stats.isEmpty()
                            && chunk.getValueCount() - stats.getNumNulls() >= minValues;
                    if (enoughValues
                            && encodings != null
                            && !encodings.hasDictionaryPages()
                            && encodings.hasNonDictionaryEncodedPages()) {
                        plain.add(chunk.getPath().toDotString());
                    }
                }));
        return plain;
    }

    /**
     * Opens a writer of rows through {@code support} into {@code output} ({@code name} in messages), configured as
     * {@link #configure} says; on failure the output is closed, nothing uploaded.
     */
    static ParquetWriter<Row> open(
            ObjectOutput output,
            String name,
            RowWriteSupport support,
            ParquetSettings settings,
            Map<String, String> metadata,
            Set<String> plainColumns,
            ReusedBuffers buffers)
            throws IOException {
        return open(
                output,
                () -> configure(
                                rows(new ParquetOutputFile(output, name), support),
                                settings,
                                metadata,
                                plainColumns,
                                buffers)
                        .build());
    }

    /** Opens a writer; on failure the output is closed, nothing uploaded. */
    static <T> ParquetWriter<T> open(ObjectOutput output, WriterOpener<T> opener) throws IOException {
        try {
            return opener.open();
        } catch (IOException | RuntimeException e) {
            output.closeAfter(e);
            throw e;
        }
    }

    /** Opens the Parquet writer. */
    @FunctionalInterface
    interface WriterOpener<T> {
        ParquetWriter<T> open() throws IOException;
    }

    /** A Parquet writer of {@link Row}s through {@link RowWriteSupport}. */
    static final class RowsBuilder extends ParquetWriter.Builder<Row, RowsBuilder> {
        private final RowWriteSupport support;

        RowsBuilder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected RowsBuilder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
