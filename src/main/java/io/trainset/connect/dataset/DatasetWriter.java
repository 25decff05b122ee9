package io.trainset.connect.dataset;

import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.dataset.card.DatasetCard;
import io.trainset.connect.dataset.card.UnitProgress;
import io.trainset.connect.model.Column;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Millis;
import io.trainset.connect.model.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one join unit's rows into data files ({@link FileFormat}), one open file per directory and
 * split. A file is finished (footer written) and its upload to its {@link Staging} key submitted to the
 * {@link FileUploads} ({@link PendingUploads}) after {@code flushSize} rows, after the rotation interval,
 * when a row brings columns the open file's schema cannot hold, or early when the task's open-file budget
 * is exceeded.
 * The unit's commit finishes the rest and takes the commit's files ({@link #prepare()}), which starts
 * the next commit; once their uploads are done and the checkpoint that names them is created, the
 * output publishes them and {@link #published} counts them in the unit's card part, on whichever thread
 * published them (the card is touched nowhere else then). File names come from (unit, commit sequence,
 * index in the commit).
 */
public final class DatasetWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetWriter.class);

    private final WriterContext context;
    private final FileLayout layout;
    private final FileSlots slots;
    private final CardCounts card;
    private final Staging staging;
    private final PendingUploads uploads;
    private final String token;
    private final Map<String, OpenFile> open = new HashMap<>();
    private final List<OpenFile> finished = new ArrayList<>();

    private long sequence;
    private int index;

    /**
     * A writer of {@code unit} whose first commit is {@code sequence}; {@code token} names the writer instance
     * (its card part and staged keys); finished files are uploaded to their {@code staging} keys by {@code uploads}.
     */
    public DatasetWriter(
            WriterContext context, int unit, String token, long sequence, Staging staging, FileUploads uploads) {
        this.context = context;
        this.layout = new FileLayout(unit, context.shape().layout());
        this.slots = new FileSlots(layout);
        this.card = new CardCounts(context.card(), unit, token);
        this.staging = staging;
        this.uploads = new PendingUploads(uploads, context.metrics());
        this.token = token;
        this.sequence = sequence;
    }

    /** The writer instance's token, which its staged files' and checkpoint chunks' keys carry (any thread may ask). */
    public String token() {
        return token;
    }

    /** The sequence number of the commit being prepared. */
    public long sequence() {
        return sequence;
    }

    /** The files of the commit being prepared that were finished: they wait for the unit's commit. */
    public int finishedFileCount() {
        return finished.size();
    }

    /**
     * Finishes every open file and hands over the commit being prepared: its files (every row written
     * is in one; their uploads are submitted) and their card stats. The next commit starts.
     */
    public PreparedCommit prepare() {
        List.copyOf(open.keySet()).forEach(this::finish);
        PreparedCommit prepared = new PreparedCommit(
                sequence, finished.stream().map(OpenFile::staged).toList(), card.take());
        finished.clear();
        sequence++;
        index = 0;
        return prepared;
    }

    /**
     * Records that {@code prepared} is published: counts its files and the unit's {@code progress} at
     * that commit (offsets, watermark, caught up) in the unit's card part (a write of the part, unless
     * neither changed it) and rewrites the card's merged view when a part changed, unless
     * {@code moreCommitsWaiting} and the view is recent ({@link DatasetCard#refreshIfStale(boolean)}).
     * Runs where commits are published (the card is touched nowhere else then).
     */
    public void published(PreparedCommit prepared, UnitProgress progress, boolean moreCommitsWaiting) {
        card.published(prepared.card(), progress, moreCommitsWaiting);
    }

    /** Appends a row to the open file of its directory and split, finishing files as the rules say. */
    public void write(Row row) {
        String split = context.shape().splitOf(row);
        FileSlots.Slot where = slots.of(row, split);
        String slot = where.name();
        Features extras = context.shape().extras(row, split, layout);
        // No file yet (a first row, the first after a rotation): a miss in computeIfAbsent, no branch here to trap on.
        OpenFile file = open.computeIfAbsent(
                slot, s -> openFile(s, where.directory(), split, FileSchema.of(dataColumns(row, extras))));
        if (!holdsRow(file.schema, row, extras)) {
            FileSchema next = file.schema
                    .widenedFor(row.features().columns())
                    .widenedFor(row.resolved().columns());
            finish(slot);
            file = openFile(slot, where.directory(), split, next);
            open.put(slot, file);
        }
        file.write(row, split, extras);
        if (file.writer.rowCount() >= context.flushSize()) {
            finish(slot);
        } else {
            context.budget().written(file, file.writer.bufferedBytes());
        }
    }

    /** Counts an event the join settled without a row, for the card (once the commit is published). */
    public void noteDropped(CardStats.Dropped kind) {
        card.dropped(kind);
    }

    /** Finishes every open file that has been open for the rotation interval. */
    public void rotateDue() {
        long now = context.clock().millis();
        List<String> due = new ArrayList<>();
        open.forEach((slot, file) -> {
            if (now - file.openedAtMs >= context.rotateInterval().toMillis()) {
                due.add(slot);
            }
        });
        due.forEach(this::finish);
    }

    /** When the oldest open file is due for rotation ({@link #rotateDue}), or {@code Long.MAX_VALUE} with none open. */
    public long nextRotationMs() {
        long oldest = Long.MAX_VALUE;
        for (OpenFile file : open.values()) {
            oldest = Math.min(oldest, file.openedAtMs);
        }
        long interval = context.rotateInterval().toMillis();
        return Millis.plus(oldest, interval);
    }

    /** Files open (not finished yet). */
    public int openFileCount() {
        return open.size();
    }

    /** Rows in the open files (not finished yet). */
    public long openRows() {
        return open.values().stream().mapToLong(f -> f.writer.rowCount()).sum();
    }

    /**
     * Ends the writer's uploads, where they run, once none of them can run any more: discards the
     * finished files whose uploads never ran (skipped after a failure, or because the unit closed:
     * their temporary files or multipart uploads go), and writes the card's merged view if a part
     * changed since (a commit that left it to a later one that was then skipped).
     */
    public void closedForUploads() {
        uploads.discardNotUploaded();
        card.afterUploads();
    }

    /** Discards every open file and forgets the finished ones: nothing of them is published. */
    @Override
    public void close() {
        for (OpenFile file : List.copyOf(open.values())) {
            file.writer.abort();
            context.budget().closed(file);
        }
        open.clear();
        finished.clear();
    }

    private static boolean holdsRow(FileSchema schema, Row row, Features extras) {
        return schema.holds(row.features().columns())
                && schema.holds(row.resolved().columns())
                && schema.holds(extras.columns());
    }

    private static List<Column> dataColumns(Row row, Features extras) {
        List<Column> columns = new ArrayList<>(row.features().columns());
        columns.addAll(row.resolved().columns());
        columns.addAll(extras.columns());
        return columns;
    }

    /** Opens a file for the slot (the caller puts it into {@link #open}) and counts it in the open-file budget. */
    private OpenFile openFile(String slot, String directory, String split, FileSchema schema) {
        String key = layout.fileKey(directory, split, sequence, index++);
        String stagedKey = staging.stagedKey(key, sequence);
        Map<String, String> metadata = Map.of(
                HuggingFaceFeatures.METADATA_KEY,
                HuggingFaceFeatures.metadataFor(
                        schema.fileColumns(), context.shape().classNames()));
        try {
            FileWriter writer = context.format()
                    .open(
                            context.store().create(stagedKey),
                            schema.fileColumns(),
                            metadata,
                            context.dictionaries().plainColumns());
            OpenFile file = new OpenFile(
                    slot,
                    key,
                    stagedKey,
                    schema,
                    writer,
                    context.clock().millis(),
                    card.kept(),
                    context.store().location(),
                    () -> finish(slot));
            context.budget().opened(file);
            LOG.debug("Opened {} in {}", key, context.store().location());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot open " + key + " in " + context.store().location() + ": " + e.getMessage()
                            + ". Check that the output location is reachable and writable.",
                    e);
        }
    }

    /** Finishes the file in the slot, submits its upload and counts it for the card. */
    private void finish(String slot) {
        OpenFile file = open.remove(slot);
        context.budget().closed(file);
        file.finish();
        context.dictionaries().learn(file.writer.columnsWithoutDictionary());
        finished.add(file);
        uploads.submit(file);
        if (card.kept()) {
            file.stats.addFile(file.writer.bytesWritten(), file.schema.fileColumns());
            card.finished(file.stats);
        }
    }
}
