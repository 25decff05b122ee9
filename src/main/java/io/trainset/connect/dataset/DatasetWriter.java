package io.trainset.connect.dataset;

import io.trainset.connect.join.SourcePosition;
import io.trainset.connect.parquet.AvroRows;
import io.trainset.connect.parquet.ParquetRowWriter;
import io.trainset.connect.parquet.ParquetSettings;
import io.trainset.connect.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one join unit's rows into Parquet files, one open file per partition directory. A file is
 * committed (uploaded, visible) after {@code flushSize} rows, after the rotation interval, or when a
 * row brings columns the open file's schema cannot hold; each commit is reported to the listener.
 */
public final class DatasetWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetWriter.class);

    private final ObjectStore store;
    private final ParquetSettings parquet;
    private final FileLayout layout;
    private final int flushSize;
    private final long rotateIntervalMs;
    private final Clock clock;
    private final Consumer<CommittedFile> onCommit;
    private final Map<String, OpenFile> open = new HashMap<>();
    private long sequence;

    public DatasetWriter(ObjectStore store, ParquetSettings parquet, FileLayout layout, int flushSize,
                         Duration rotateInterval, Clock clock, Consumer<CommittedFile> onCommit) {
        this.store = store;
        this.parquet = parquet;
        this.layout = layout;
        this.flushSize = flushSize;
        this.rotateIntervalMs = rotateInterval.toMillis();
        this.clock = clock;
        this.onCommit = onCommit;
    }

    /** Appends a row to the open file of its directory, committing files as the rotation rules say. */
    public void write(Row row) {
        String directory = FileLayout.directoryOf(row);
        OpenFile file = open.get(directory);
        if (file != null && !file.schema().holds(row.features().columns())) {
            FileSchema next = file.schema().widenedFor(row.features().columns());
            commit(directory);
            file = openFile(directory, next);
        } else if (file == null) {
            file = openFile(directory, FileSchema.of(row.features().columns()));
        }
        file.write(row);
        if (file.rows() >= flushSize) {
            commit(directory);
        }
    }

    /** Commits every open file that has been open for the rotation interval. */
    public void rotateDue() {
        long now = clock.millis();
        List<String> due = new ArrayList<>();
        open.forEach((directory, file) -> {
            if (now - file.openedAtMs() >= rotateIntervalMs) {
                due.add(directory);
            }
        });
        due.forEach(this::commit);
    }

    /** Rows written to files that are not committed yet. */
    public long uncommittedRows() {
        return open.values().stream().mapToLong(OpenFile::rows).sum();
    }

    /** Discards every open file: nothing of them becomes visible; their records stay pending. */
    @Override
    public void close() {
        for (Iterator<OpenFile> it = open.values().iterator(); it.hasNext(); ) {
            it.next().abort();
            it.remove();
        }
    }

    private OpenFile openFile(String directory, FileSchema schema) {
        String key = layout.fileKey(directory, sequence++);
        try {
            ParquetRowWriter writer = new ParquetRowWriter(store.create(key), schema.avro(), parquet, Map.of());
            OpenFile file = new OpenFile(key, schema, writer, clock.millis());
            open.put(directory, file);
            LOG.debug("Opened {} in {}", key, store.location());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + key + " in " + store.location() + ": " + e.getMessage()
                    + ". Check that the output location is reachable and writable.", e);
        }
    }

    private void commit(String directory) {
        OpenFile file = open.remove(directory);
        try {
            file.commit();
        } catch (IOException e) {
            file.abort();
            throw new UncheckedIOException("Cannot upload " + file.key() + " to " + store.location() + ": "
                    + e.getMessage() + ". Its rows are not committed and will be written again after a restart.", e);
        }
        CommittedFile committed = new CommittedFile(file.key(), file.rows(), file.sources());
        LOG.debug("Committed {} with {} rows", committed.key(), committed.rows());
        onCommit.accept(committed);
    }

    /** A file being written, with the input records of its rows. */
    private static final class OpenFile {
        private final String key;
        private final FileSchema schema;
        private final ParquetRowWriter writer;
        private final long openedAtMs;
        private final List<SourcePosition> sources = new ArrayList<>();

        OpenFile(String key, FileSchema schema, ParquetRowWriter writer, long openedAtMs) {
            this.key = key;
            this.schema = schema;
            this.writer = writer;
            this.openedAtMs = openedAtMs;
        }

        void write(Row row) {
            try {
                writer.write(AvroRows.recordOf(schema.avro(), row));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write a row to " + key + ": " + e.getMessage(), e);
            }
            sources.addAll(row.sources());
        }

        void commit() throws IOException {
            writer.commit();
        }

        void abort() {
            writer.abort();
        }

        String key() {
            return key;
        }

        FileSchema schema() {
            return schema;
        }

        long rows() {
            return writer.rowCount();
        }

        long openedAtMs() {
            return openedAtMs;
        }

        List<SourcePosition> sources() {
            return sources;
        }
    }
}
