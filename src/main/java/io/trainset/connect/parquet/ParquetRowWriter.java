package io.trainset.connect.parquet;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Row;
import io.trainset.connect.storage.ObjectOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Avro {@link GenericRecord}s as one Parquet file into an {@link ObjectOutput}; the file is
 * published by {@link #commit()} (or {@link #finish()} then {@link #publish()}) or discarded by
 * {@link #abort()}, exactly one of which must be called. Not thread-safe: {@link #publish()} may run
 * on another thread only once {@link #finish()} returned (and nothing else is called after it).
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
    /** Non-null values a column chunk needs before its lack of a dictionary says anything. */
    static final int DICTIONARY_EVIDENCE_VALUES = 100;

    private final ParquetWriter<?> writer;
    private final ParquetWriter<GenericRecord> avroWriter;
    private final ParquetWriter<Row> rowWriter;
    private final RowWriteSupport rowSupport;
    private final ObjectOutput output;
    private final String name;
    private long rows;
    private long size = -1;
    private boolean failed;
    private boolean finished;
    private volatile boolean published;

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
        this.avroWriter = ParquetWriters.open(output, () -> ParquetWriters.configure(
                AvroParquetWriter.<GenericRecord>builder(new ParquetOutputFile(output, name)).withSchema(schema)
                        .withDataModel(DATA_MODEL), settings, metadata, Set.of()).build());
        this.writer = avroWriter;
        this.rowWriter = null;
        this.rowSupport = null;
    }

    private ParquetRowWriter(ObjectOutput output, RowWriteSupport support, ParquetSettings settings,
            Map<String, String> metadata, Set<String> plainColumns) throws IOException {
        this.output = Objects.requireNonNull(output, "output");
        this.name = output.toString();
        this.rowSupport = support;
        this.rowWriter = ParquetWriters.open(output, () -> ParquetWriters.configure(
                ParquetWriters.rows(new ParquetOutputFile(output, name), support), settings, metadata, plainColumns)
                .build());
        this.writer = rowWriter;
        this.avroWriter = null;
    }

    /**
     * Starts a Parquet file of dataset rows, written straight from {@link Row}s ({@link #write(Row, Features)}):
     * the same file as Avro records of {@code schema} would give. On failure the output is closed, unpublished.
     *
     * @param output       where the file goes; this writer commits or closes it
     * @param fileColumns  every column of the file, in file order ({@code DatasetColumns.forFeatures})
     * @param schema       the Avro schema of those columns ({@link AvroRows#schemaOf})
     * @param settings     codec and sizes
     * @param metadata     extra footer key-value metadata
     * @param plainColumns column paths written without dictionary encoding (values unique per row)
     */
    public static ParquetRowWriter forRows(ObjectOutput output, List<Column> fileColumns, Schema schema,
            ParquetSettings settings, Map<String, String> metadata, Set<String> plainColumns) throws IOException {
        MessageType parquetSchema = new AvroSchemaConverter(ParquetWriters.listConf()).convert(schema);
        RowWriteSupport support = new RowWriteSupport(parquetSchema, schema, fileColumns);
        return new ParquetRowWriter(output, support, settings, metadata, plainColumns);
    }

    /** Appends a row. After a failure the file is unusable: call {@link #abort()}. */
    public void write(GenericRecord row) throws IOException {
        if (avroWriter == null) {
            throw new IllegalStateException("Parquet file " + name + " takes rows: use write(Row, Features)");
        }
        checkOpen();
        try {
            avroWriter.write(row);
        } catch (IOException | RuntimeException e) {
            failed = true; // the row may be half written: the file must never be published
            throw e;
        }
        rows++;
    }

    /** Appends a dataset row with its extra column values (writers of {@link #forRows} only). */
    public void write(Row row, Features extras) throws IOException {
        if (rowWriter == null) {
            throw new IllegalStateException("Parquet file " + name + " takes Avro records: use write(GenericRecord)");
        }
        checkOpen();
        try {
            rowSupport.nextExtras(extras);
            rowWriter.write(row);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
        rows++;
    }

    /**
     * The column paths of this committed file that Parquet wrote without a dictionary although it
     * had at least {@value #DICTIONARY_EVIDENCE_VALUES} values: it gave up on the dictionary (too
     * many distinct values for it to pay), so later files of the same columns may skip it. Empty
     * before {@link #commit()}.
     */
    public Set<String> columnsWithoutDictionary() {
        if (!finished || failed || writer.getFooter() == null) {
            return Set.of();
        }
        return ParquetWriters.columnsWithoutDictionary(writer.getFooter(), DICTIONARY_EVIDENCE_VALUES);
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

    /** Bytes written to the output so far; after {@link #finish()}, the file's size. */
    public long bytesWritten() {
        return size >= 0 ? size : output.position();
    }

    /**
     * Writes the footer and publishes the object; on failure, or after a failed {@link #write},
     * the object is discarded and an exception thrown.
     */
    public void commit() throws IOException {
        finish();
        publish();
    }

    /**
     * Writes the footer: the file is complete in its output, not yet published ({@link #publish()}
     * does that, possibly on another thread). On failure, or after a failed {@link #write}, the object
     * is discarded and an exception thrown.
     */
    public void finish() throws IOException {
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
        } catch (IOException | RuntimeException e) {
            closeQuietly(output, e);
            throw e;
        }
    }

    /**
     * Discards a file {@link #finish()} completed but that was never published (its upload was
     * skipped): nothing becomes visible and its bytes, temporary file or multipart upload go. Never
     * throws (a failure is logged); does nothing after a publish. Not concurrently with {@link #publish()}.
     */
    public void discardFinished() {
        if (size < 0 || published) {
            return;
        }
        try {
            output.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not discard the finished Parquet file {}: {}", name, e.getMessage(), e);
        }
    }

    /** Publishes the file {@link #finish()} completed; on failure the object is discarded and an exception thrown. */
    public void publish() throws IOException {
        if (size < 0) {
            throw new IllegalStateException("Parquet file " + name + " is not finished; call finish() first");
        }
        try {
            output.commit();
        } catch (IOException | RuntimeException e) {
            closeQuietly(output, e);
            throw e;
        }
        published = true;
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

    static void closeQuietly(ObjectOutput output, Exception primary) {
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
