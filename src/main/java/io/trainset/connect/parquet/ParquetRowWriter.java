package io.trainset.connect.parquet;

import io.trainset.connect.storage.ObjectOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Avro {@link GenericRecord}s as one Parquet file into an {@link ObjectOutput}; the file is
 * published by {@link #commit()} or discarded by {@link #abort()}, exactly one of which must be
 * called. Not thread-safe.
 *
 * <p>Values of logical types may be given raw (a {@code long} of epoch milliseconds for
 * {@code timestamp-millis}, a {@code ByteBuffer} of the unscaled value for {@code decimal}) or as
 * Java types ({@link java.time.Instant}, {@link java.math.BigDecimal} with the schema's scale,
 * {@link java.time.LocalDate}, {@link java.util.UUID}): {@link #DATA_MODEL} converts the latter,
 * since Avro's {@code GenericData.get()} registers no conversions. Lists are written in the
 * standard three-level form that Spark, pyarrow and DuckDB expect.
 */
public final class ParquetRowWriter {

    /** Avro's generic model plus conversions for the standard logical types. */
    public static final GenericData DATA_MODEL = dataModel();

    private static final Logger LOG = LoggerFactory.getLogger(ParquetRowWriter.class);

    private final ParquetWriter<GenericRecord> writer;
    private final ObjectOutput output;
    private final String name;
    private long rows;
    private long size = -1;
    private boolean failed;
    private boolean finished;

    /**
     * Starts a Parquet file in {@code output}. On failure the output is closed, unpublished.
     *
     * @param output   where the file goes; this writer commits or closes it
     * @param schema   the rows' Avro schema, a record
     * @param settings codec and sizes
     * @param metadata extra footer key-value metadata (e.g. dataset card, Hugging Face features)
     */
    public ParquetRowWriter(ObjectOutput output, Schema schema, ParquetSettings settings,
            Map<String, String> metadata) throws IOException {
        this.output = Objects.requireNonNull(output, "output");
        this.name = output.toString();
        this.writer = openWriter(output, name, schema, settings, metadata);
    }

    private static ParquetWriter<GenericRecord> openWriter(ObjectOutput output, String name,
            Schema schema, ParquetSettings settings, Map<String, String> metadata) throws IOException {
        try {
            PlainParquetConfiguration conf = new PlainParquetConfiguration();
            conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
            return AvroParquetWriter.<GenericRecord>builder(new ParquetOutputFile(output, name))
                    .withConf(conf)
                    .withSchema(schema)
                    .withDataModel(DATA_MODEL)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(settings.codec())
                    .withRowGroupSize(settings.rowGroupBytes())
                    .withPageSize(settings.pageBytes())
                    .withExtraMetaData(Map.copyOf(metadata))
                    .build();
        } catch (IOException | RuntimeException e) {
            closeQuietly(output, e);
            throw e;
        }
    }

    /** Appends a row. After a failure the file is unusable: call {@link #abort()}. */
    public void write(GenericRecord row) throws IOException {
        checkOpen();
        try {
            writer.write(row);
        } catch (IOException | RuntimeException e) {
            failed = true; // the row may be half written: the file must never be published
            throw e;
        }
        rows++;
    }

    /** Rows written so far. */
    public long rowCount() {
        return rows;
    }

    /** Bytes written so far plus those buffered for the current row group (compressed estimate). */
    public long estimatedBytes() {
        return writer.getDataSize();
    }

    /** Bytes held in memory for the current row group (the estimate minus what reached the output). */
    public long bufferedBytes() {
        return Math.max(0, writer.getDataSize() - output.position());
    }

    /** Bytes written to the output so far; after {@link #commit()}, the file's size. */
    public long bytesWritten() {
        return size >= 0 ? size : output.position();
    }

    /**
     * Writes the footer and publishes the object; on failure, or after a failed {@link #write},
     * the object is discarded and an exception thrown.
     */
    public void commit() throws IOException {
        checkOpen();
        if (failed) {
            abort();
            throw new IOException("Parquet file " + name + " was not committed: writing one of its"
                    + " rows failed, so it was discarded; write its rows to a new file");
        }
        finished = true;
        try {
            writer.close();
            size = output.position();
            output.commit();
        } catch (IOException | RuntimeException e) {
            closeQuietly(output, e);
            throw e;
        }
        output.close();
        LOG.debug("Committed Parquet file {} ({} rows)", name, rows);
    }

    /**
     * Discards the file: nothing becomes visible. Never throws: a failure to discard (e.g. an S3
     * multipart upload that could not be aborted) is logged as a warning, and failures releasing
     * the Parquet writer are attached to it as suppressed.
     */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        Exception failure = null;
        try {
            output.close();
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        try {
            writer.close(); // releases buffers and codecs; its writes fail on the closed output
        } catch (IOException | RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            LOG.warn("Could not discard Parquet file {}: {}", name, failure.getMessage(), failure);
        } else {
            LOG.debug("Aborted Parquet file {} ({} rows discarded)", name, rows);
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("Parquet file " + name + " is already committed or"
                    + " aborted; open a new writer");
        }
    }

    private static void closeQuietly(ObjectOutput output, Exception primary) {
        try {
            output.close();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    private static GenericData dataModel() {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new Conversions.UUIDConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return model;
    }
}
