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
import org.apache.parquet.hadoop.ParquetWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dataset {@link Row}s as one Parquet file into an {@link ObjectOutput}, straight to Parquet's
 * record consumer ({@link RowWriteSupport}): the same file as parquet-avro would write for the rows'
 * Avro records of {@link AvroRows#schemaOf}. The file is finished ({@link #finish()}: footer written)
 * then uploaded ({@link #upload()}), or discarded ({@link #abort()} while open, {@link #discard()} once
 * finished). Not thread-safe: {@link #upload()} may run on another thread only once {@link #finish()}
 * returned (and nothing else is called after it). Lists are written in the standard three-level form
 * that Spark, pyarrow and DuckDB expect. The first rows are held ({@link FirstRows}) until they decide
 * which columns get no dictionary; then the Parquet writer opens with them.
 */
public final class ParquetRowWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetRowWriter.class);

    private final ReusedBuffers buffers = new ReusedBuffers(BufferPool.SHARED);
    private final RowWriteSupport support;
    private final ObjectOutput output;
    private final String name;
    private final ParquetSettings settings;
    private final Map<String, String> metadata;
    private final FileDictionaries dictionaries;
    /** The first rows, until the writer opens; then null. */
    private FirstRows first;
    /** Null until the first rows decided the dictionaries ({@link #openWriter}). */
    private ParquetWriter<Row> writer;
    /** Null until {@link #finish()} completed the file. */
    private FinishedFile done;

    private long rows;
    private boolean failed;
    private boolean finished;

    private ParquetRowWriter(
            ObjectOutput output,
            RowWriteSupport support,
            FirstRows first,
            ParquetSettings settings,
            Map<String, String> metadata,
            Set<String> plainColumns) {
        this.output = Objects.requireNonNull(output, "output");
        this.name = output.toString();
        this.support = support;
        this.first = first;
        this.settings = settings;
        this.metadata = Map.copyOf(metadata);
        this.dictionaries = new FileDictionaries(plainColumns);
    }

    /**
     * Starts a Parquet file of dataset rows ({@link #write(Row, Features)}). Its first rows are held ({@link
     * FirstRows}) and the Parquet writer opens once they are in, or at {@link #finish()}, with a dictionary for
     * no column whose values in them were all distinct (at least {@value FileDictionaries#EVIDENCE_VALUES}), nor for
     * {@code plainColumns}; a failure to open it then fails that write or the finish, and closes the output.
     *
     * @param output       where the file goes; this writer uploads or closes it
     * @param fileColumns  every column of the file, in file order ({@code DatasetColumns.forFeatures})
     * @param settings     codec and sizes
     * @param metadata     extra footer key-value metadata
     * @param plainColumns column paths written without dictionary encoding (values unique per row)
     */
    public static ParquetRowWriter open(
            ObjectOutput output,
            List<Column> fileColumns,
            ParquetSettings settings,
            Map<String, String> metadata,
            Set<String> plainColumns)
            throws IOException {
        RowWriteSupport support = RowWriteSupport.forColumns(fileColumns);
        FirstRows first = new FirstRows(support.sibling());
        return new ParquetRowWriter(output, support, first, settings, metadata, plainColumns);
    }

    /**
     * Appends a dataset row with its extra column values (a first row is held, checked as if written). After a
     * failure the file is unusable: call {@link #abort()}.
     */
    public void write(Row row, Features extras) throws IOException {
        checkOpen();
        try {
            if (first == null) {
                support.nextExtras(extras);
                writer.write(row);
            } else {
                first.hold(row, extras);
                if (first.full()) {
                    openWriter();
                }
            }
        } catch (IOException | RuntimeException e) {
            failed = true; // the row may be half written: the file must never be uploaded
            throw e;
        }
        rows++;
    }

    /**
     * The column paths of this finished file that Parquet wrote without a dictionary although it
     * had at least {@value FileDictionaries#EVIDENCE_VALUES} values and tried one: it gave up on the dictionary
     * (too many distinct values for it to pay), so later files of the same columns may skip it. Not the
     * columns this file's first rows decided against (no dictionary was tried, so the footer is no evidence:
     * each file's first rows decide again). Empty before {@link #finish()}.
     */
    public Set<String> columnsWithoutDictionary() {
        if (!finished || failed || writer == null || writer.getFooter() == null) {
            return Set.of();
        }
        return dictionaries.gaveUp(writer.getFooter());
    }

    /** Rows written so far. */
    public long rowCount() {
        return rows;
    }

    /** Bytes written so far plus those buffered for the current row group (compressed estimate). */
    public long estimatedBytes() {
        return writer == null ? first.bytes() : writer.getDataSize();
    }

    /**
     * Bytes held in memory for the current row group (the estimate minus what reached the output), or for the
     * first rows held (their values, plain-encoded) before the writer opens.
     */
    public long bufferedBytes() {
        return writer == null ? first.bytes() : Math.max(0, writer.getDataSize() - output.position());
    }

    /** Bytes written to the output so far; after {@link #finish()}, the file's size. */
    public long bytesWritten() {
        return done != null ? done.size() : output.position();
    }

    /**
     * Writes the footer: the file is complete in its output, not yet uploaded ({@link #upload()}
     * does that, possibly on another thread). On failure, or after a failed {@link #write}, the object
     * is discarded and an exception thrown.
     */
    public void finish() throws IOException {
        checkOpen();
        if (failed) {
            abort();
            throw new IOException("Parquet file " + name + " was not finished: writing one of its"
                    + " rows failed, so it was discarded; write its rows to a new file");
        }
        finished = true;
        try {
            if (writer == null) {
                openWriter(); // fewer rows than it holds: they decide
            }
            writer.close();
            done = new FinishedFile(output, name, rows, output.position());
        } catch (IOException | RuntimeException e) {
            output.closeAfter(e);
            throw e;
        }
    }

    /**
     * Discards a file {@link #finish()} completed but that was never uploaded (its upload was
     * skipped): nothing becomes visible and its bytes, temporary file or multipart upload go. Never
     * throws (a failure is logged); does nothing after an upload. Not concurrently with {@link #upload()}.
     */
    public void discard() {
        if (done != null) {
            done.discard();
        }
    }

    /** Uploads the file {@link #finish()} completed; on failure the object is discarded and an exception thrown. */
    public void upload() throws IOException {
        if (done == null) {
            throw new IllegalStateException("Parquet file " + name + " is not finished; call finish() first");
        }
        done.upload();
    }

    /**
     * Discards the open file: nothing becomes visible. Never throws: a failure to discard (e.g. an S3
     * multipart upload that could not be aborted) is logged as a warning, and failures releasing
     * the Parquet writer are attached to it as suppressed.
     */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        buffers.detach(); // a discarded file's buffers never feed another file
        Exception failure = null;
        try {
            output.close();
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        first = null; // held rows are dropped
        try {
            if (writer != null) {
                writer.close(); // releases buffers and codecs; its writes fail on the closed output
            }
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

    /**
     * Opens the Parquet writer with the dictionaries the first rows decided and writes them to it; on failure the
     * output is closed.
     */
    private void openWriter() throws IOException {
        Set<String> plain = dictionaries.withoutDictionary(first, name);
        writer = ParquetWriters.open(output, name, support, settings, metadata, plain, buffers);
        FirstRows held = first;
        first = null;
        held.writeTo((row, extras) -> {
            support.nextExtras(extras);
            writer.write(row);
        });
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException(
                    "Parquet file " + name + " is already finished or" + " aborted; open a new writer");
        }
    }
}
