package io.trainset.connect.dataset;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Row;
import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.dataset.card.UnitProgress;
import io.trainset.connect.parquet.ParquetRowWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one join unit's rows into Parquet files, one open file per directory and split. A file is
 * finished and its upload (to its {@link Staging} key) submitted to the {@link FileUploads} after
 * {@code flushSize} rows, after the rotation interval, when a row brings columns the open file's
 * schema cannot hold, or early when the task's open-file budget is exceeded; each finished file is
 * reported to the listener. The unit's commit finishes the rest and takes the commit's files
 * ({@link #prepare()}), which starts the next commit; once their uploads are done and the checkpoint
 * that names them is written, {@link #published} counts them in the unit's card part, on whichever
 * thread published them (the card is touched nowhere else then). File names come from (unit, commit
 * sequence, index in the commit).
 */
public final class DatasetWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetWriter.class);

    private final WriterContext context;
    private final FileLayout layout;
    private final FileSlots slots;
    private final Consumer<CommittedFile> onCommit;
    private final CardCounts card;
    private final Staging staging;
    private final FileUploads uploads;
    private final String token;
    private final Map<String, OpenFile> open = new HashMap<>();
    private final List<OpenFile> staged = new ArrayList<>();
    /** Columns whose values are unique enough that a dictionary only costs: the key, and those Parquet gave up on. */
    private final Set<String> plainColumns = new HashSet<>(Set.of(DatasetColumns.KEY));
    /** Files finished and not yet uploaded, wherever their uploads run. */
    private final Set<OpenFile> unpublished = ConcurrentHashMap.newKeySet();
    private long commit;
    private int index;

    /** A writer of commit 1 that uploads straight to the final keys. */
    public DatasetWriter(WriterContext context, int unit, String token, Consumer<CommittedFile> onCommit) {
        this(context, unit, token, 1, Staging.NONE, onCommit);
    }

    /** A writer whose first commit is {@code commit}, uploading files at once; {@code token} names its card part. */
    public DatasetWriter(WriterContext context, int unit, String token, long commit, Staging staging,
                         Consumer<CommittedFile> onCommit) {
        this(context, unit, token, commit, staging, FileUploads.INLINE, onCommit);
    }

    /** A writer whose first commit is {@code commit} and whose files are uploaded by {@code uploads}. */
    public DatasetWriter(WriterContext context, int unit, String token, long commit, Staging staging,
                         FileUploads uploads, Consumer<CommittedFile> onCommit) {
        this.context = context;
        this.layout = new FileLayout(unit, context.shape().layout());
        this.slots = new FileSlots(layout);
        this.onCommit = onCommit;
        this.card = new CardCounts(context.card(), unit, token, staging == Staging.NONE);
        this.staging = staging;
        this.uploads = uploads;
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

    /** Whether a file of the commit being prepared was finished: it waits for the unit's commit. */
    public boolean hasStaged() {
        return !staged.isEmpty();
    }

    /**
     * Finishes every open file and hands over the commit being prepared: its files (every row written
     * is in one; their uploads are submitted) and their card stats. The next commit starts.
     */
    public PreparedCommit prepare() {
        List.copyOf(open.keySet()).forEach(this::commit);
        PreparedCommit prepared = new PreparedCommit(commit, staged.stream().map(OpenFile::committed).toList(),
                card.take());
        staged.clear();
        commit++;
        index = 0;
        return prepared;
    }

    /**
     * Records that {@code prepared} is published: counts its files and the unit's {@code progress} at
     * that commit (offsets, watermark, caught up) in the unit's card part (a write of the part, unless
     * neither changed it) and rewrites the card's merged view when a part
     * changed, unless {@code moreCommitsWaiting} and the view is recent
     * ({@link DatasetCard#refreshIfStale(boolean)}). Runs where commits are published (the card is
     * touched nowhere else then).
     */
    public void published(PreparedCommit prepared, UnitProgress progress, boolean moreCommitsWaiting) {
        card.published(prepared.card(), progress, moreCommitsWaiting);
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

    /** Counts an event the join settled without a row, for the card (with staging: once the commit is published). */
    public void noteDropped(CardStats.Dropped kind) {
        card.dropped(kind);
    }

    /** Commits every open file that has been open for the rotation interval; without staging, refreshes the card. */
    public void rotateDue() {
        long now = context.clock().millis();
        List<String> due = new ArrayList<>();
        open.forEach((slot, file) -> {
            if (now - file.openedAtMs >= context.rotateInterval().toMillis()) {
                due.add(slot);
            }
        });
        due.forEach(this::commit);
        card.afterRotation();
    }

    /** When the oldest open file is due for rotation ({@link #rotateDue}), or {@code Long.MAX_VALUE} with none open. */
    public long nextRotationMs() {
        long oldest = Long.MAX_VALUE;
        for (OpenFile file : open.values()) {
            oldest = Math.min(oldest, file.openedAtMs);
        }
        long interval = context.rotateInterval().toMillis();
        return oldest > Long.MAX_VALUE - interval ? Long.MAX_VALUE : oldest + interval;
    }

    /** Rows written to files that are not committed yet. */
    public long uncommittedRows() {
        return open.values().stream().mapToLong(f -> f.writer.rowCount()).sum();
    }

    /**
     * Ends the writer's uploads, where they run, once none of them can run any more: discards the
     * finished files whose uploads never ran (skipped after a failure, or because the unit closed:
     * their temporary files or multipart uploads go), and writes the card's merged view if a part
     * changed since (a commit that left it to a later one that was then skipped).
     */
    public void closedForUploads() {
        for (OpenFile file : List.copyOf(unpublished)) {
            file.writer.discardFinished();
            unpublished.remove(file);
        }
        card.afterUploads();
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
            OpenFile file = new OpenFile(slot, key, stagedKey, schema, writer, context.clock().millis(),
                    card.kept(), context.store().location(), () -> commit(slot));
            open.put(slot, file);
            LOG.debug("Opened {} in {}", key, context.store().location());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + key + " in " + context.store().location() + ": "
                    + e.getMessage() + ". Check that the output location is reachable and writable.", e);
        }
    }

    /**
     * Finishes the file in the slot and submits its upload; without staging, counts it in the card
     * (once uploaded, with inline uploads).
     */
    private void commit(String slot) {
        OpenFile file = open.remove(slot);
        context.budget().closed(file);
        file.finish();
        plainColumns.addAll(file.writer.columnsWithoutDictionary());
        staged.add(file);
        unpublished.add(file);
        uploads.submit(() -> {
            try {
                file.upload();
            } finally {
                unpublished.remove(file); // a failed upload discarded its object
            }
        });
        if (card.kept()) {
            file.stats.addFile(file.writer.bytesWritten(), file.schema.fileColumns());
            card.finished(file.stats);
        }
        onCommit.accept(file.committed());
    }
}
