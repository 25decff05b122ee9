package io.trainset.connect.dataset;

import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.join.SourcePosition;
import io.trainset.connect.parquet.ParquetRowWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one join unit's rows into Parquet files, one open file per directory and split. A file is
 * uploaded (to its {@link Staging} key) after {@code flushSize} rows, after the rotation interval,
 * when a row brings columns the open file's schema cannot hold, or early when the task's open-file
 * budget is exceeded; each upload is reported to the listener. The unit's commit then uploads the
 * rest ({@link #stageAll()}), writes its checkpoint and calls {@link #published()}, which adds the
 * files to the unit's card part and starts the next commit. File names come from (unit, commit
 * sequence, index in the commit).
 */
public final class DatasetWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetWriter.class);

    private final WriterContext context;
    private final FileLayout layout;
    private final FileSlots slots;
    private final Consumer<CommittedFile> onCommit;
    private final Optional<DatasetCard.Part> card;
    private final Staging staging;
    private final String token;
    private final Map<String, OpenFile> open = new HashMap<>();
    private final List<OpenFile> staged = new ArrayList<>();
    /** Columns whose values are unique enough that a dictionary only costs: the key, and those Parquet gave up on. */
    private final Set<String> plainColumns = new HashSet<>(Set.of(DatasetColumns.KEY));
    private long commit;
    private int index;

    /** A writer of commit 1 that uploads straight to the final keys. */
    public DatasetWriter(WriterContext context, int unit, String token, Consumer<CommittedFile> onCommit) {
        this(context, unit, token, 1, Staging.NONE, onCommit);
    }

    /** A writer whose first commit is {@code commit}; {@code token} names its card part. */
    public DatasetWriter(WriterContext context, int unit, String token, long commit, Staging staging,
                         Consumer<CommittedFile> onCommit) {
        this.context = context;
        this.layout = new FileLayout(unit, context.shape().layout());
        this.slots = new FileSlots(layout);
        this.onCommit = onCommit;
        this.card = context.card().map(c -> c.part(unit, token));
        this.staging = staging;
        this.token = token;
        this.commit = commit;
    }

    /** The writer instance's token, which its staged files' and checkpoint chunks' keys carry (any thread may ask). */
    public String token() {
        return token;
    }

    /** The sequence number of the commit being prepared. */
    public long commit() {
        return commit;
    }

    /** Uploads every open file: afterwards every row written is in {@link #staged()}. */
    public void stageAll() {
        List.copyOf(open.keySet()).forEach(this::commit);
    }

    /** The files of the commit being prepared, uploaded and not yet published, in upload order. */
    public List<CommittedFile> staged() {
        return staged.stream().map(OpenFile::committed).toList();
    }

    /** Records that the commit being prepared is published: counts its files in the card, starts the next. */
    public void published() {
        if (staging != Staging.NONE) {
            staged.forEach(this::countInCard);
        }
        staged.clear();
        commit++;
        index = 0;
    }

    /** Appends a row to the open file of its directory and split, committing files as the rules say. */
    public void write(Row row) {
        String split = context.shape().splitOf(row);
        FileSlots.Slot where = slots.of(row, split);
        String directory = where.directory();
        String slot = where.name();
        Features extras = context.shape().extras(row, split, layout);
        OpenFile file = open.get(slot);
        if (file != null && !holdsRow(file.schema, row, extras)) {
            FileSchema next = file.schema.widenedFor(row.features().columns()).widenedFor(row.resolved().columns());
            commit(slot);
            file = openFile(slot, directory, split, next);
        } else if (file == null) {
            file = openFile(slot, directory, split, FileSchema.of(dataColumns(row, extras)));
        }
        file.write(row, split, extras);
        if (file.writer.rowCount() >= context.flushSize()) {
            commit(slot);
        } else {
            context.budget().written(file, file.writer.bufferedBytes());
        }
    }

    /** Counts an event the join settled without a row, for the dataset card. */
    public void noteDropped(CardStats.Dropped kind) {
        card.ifPresent(part -> part.dropped(kind));
    }

    /** Commits every open file that has been open for the rotation interval, then refreshes the card. */
    public void rotateDue() {
        long now = context.clock().millis();
        List<String> due = new ArrayList<>();
        open.forEach((slot, file) -> {
            if (now - file.openedAtMs >= context.rotateInterval().toMillis()) {
                due.add(slot);
            }
        });
        due.forEach(this::commit);
        context.card().ifPresent(DatasetCard::refreshIfStale);
    }

    /** Rows written to files that are not committed yet. */
    public long uncommittedRows() {
        return open.values().stream().mapToLong(f -> f.writer.rowCount()).sum();
    }

    /** Discards every open file and forgets the staged ones: nothing of them is published. */
    @Override
    public void close() {
        for (OpenFile file : List.copyOf(open.values())) {
            file.writer.abort();
            context.budget().closed(file);
        }
        open.clear();
        staged.clear();
    }

    private static boolean holdsRow(FileSchema schema, Row row, Features extras) {
        return schema.holds(row.features().columns()) && schema.holds(row.resolved().columns())
                && schema.holds(extras.columns());
    }

    private static List<Column> dataColumns(Row row, Features extras) {
        List<Column> columns = new ArrayList<>(row.features().columns());
        columns.addAll(row.resolved().columns());
        columns.addAll(extras.columns());
        return columns;
    }

    private OpenFile openFile(String slot, String directory, String split, FileSchema schema) {
        String key = layout.fileKey(directory, split, commit, index++);
        String stagedKey = staging.stagedKey(key, commit);
        Map<String, String> metadata = Map.of(HuggingFaceFeatures.METADATA_KEY,
                HuggingFaceFeatures.metadataFor(schema.fileColumns(), context.shape().classNames()));
        try {
            ParquetRowWriter writer = ParquetRowWriter.forRows(context.store().create(stagedKey), schema.fileColumns(),
                    schema.avro(), context.parquet(), metadata, Set.copyOf(plainColumns));
            OpenFile file = new OpenFile(slot, key, stagedKey, schema, writer, context.clock().millis());
            open.put(slot, file);
            LOG.debug("Opened {} in {}", key, context.store().location());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + key + " in " + context.store().location() + ": "
                    + e.getMessage() + ". Check that the output location is reachable and writable.", e);
        }
    }

    private void commit(String slot) {
        OpenFile file = open.remove(slot);
        context.budget().closed(file);
        try {
            file.writer.commit();
        } catch (IOException e) {
            file.writer.abort();
            throw new UncheckedIOException("Cannot upload " + file.stagedKey + " to " + context.store().location()
                    + ": " + e.getMessage() + ". Its rows are not committed and will be written again after a restart.",
                    e);
        }
        plainColumns.addAll(file.writer.columnsWithoutDictionary());
        staged.add(file);
        if (staging == Staging.NONE) {
            countInCard(file);
        }
        CommittedFile committed = file.committed();
        LOG.debug("Uploaded {} with {} rows", committed.staged(), committed.rows());
        onCommit.accept(committed);
    }

    private void countInCard(OpenFile file) {
        card.ifPresent(part -> {
            file.stats.addFile(file.writer.bytesWritten(), file.schema.fileColumns());
            part.committed(file.stats);
        });
    }

    /** A file being written, with the input records of its rows and their card stats. */
    private final class OpenFile implements OpenFileBudget.Slot {
        private final String slot;
        private final String key;
        private final String stagedKey;
        private final FileSchema schema;
        private final ParquetRowWriter writer;
        private final long openedAtMs;
        private final List<SourcePosition> sources = new ArrayList<>();
        private final CardStats stats = new CardStats();

        OpenFile(String slot, String key, String stagedKey, FileSchema schema, ParquetRowWriter writer,
                 long openedAtMs) {
            this.slot = slot;
            this.key = key;
            this.stagedKey = stagedKey;
            this.schema = schema;
            this.writer = writer;
            this.openedAtMs = openedAtMs;
        }

        void write(Row row, String split, Features extras) {
            try {
                writer.write(row, extras);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write a row to " + key + ": " + e.getMessage(), e);
            }
            sources.addAll(row.sources());
            if (card.isPresent()) {
                stats.addRow(row, split);
            }
        }

        CommittedFile committed() {
            return new CommittedFile(key, stagedKey, writer.rowCount(), sources);
        }

        @Override
        public void commitEarly() {
            LOG.debug("Committing {} early: the task's open-file budget is exceeded", key);
            commit(slot);
        }
    }
}
