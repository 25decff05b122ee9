package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.CommittedFile;
import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.Row;
import io.trainset.connect.dataset.RowBuilder;
import io.trainset.connect.join.Event;
import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.join.SourcePosition;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointChain;
import io.trainset.connect.state.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One join unit end to end: its join state, its open files, its input positions and the original
 * records of held events that may end in the dead-letter queue. The unit's commit (docs/guarantees.md)
 * uploads its files, writes its checkpoint (the commit point: offsets, join state or the keys that
 * changed since the checkpoint before, files) and publishes the files; {@link #committedOffset} is what the last checkpoint covers.
 */
final class UnitPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnitPipeline.class);

    private final int unit;
    private final JoinUnit join;
    private final DatasetWriter writer;
    private final OutcomeReports reports;
    private final CheckpointStore checkpoints;
    private final InputPositions positions;
    private final UnitCounts counts = new UnitCounts();
    private final CheckpointChain chain = new CheckpointChain();
    private final Map<SourcePosition, SinkRecord> originals = new HashMap<>();
    private Map<InputPartition, Long> committed;
    private long lastCommitMs;
    private boolean readSinceCommit;

    /** A unit that continues after {@code restored} (its offsets, join state and next commit), or starts empty. */
    UnitPipeline(int unit, JoinUnit join, DatasetWriter writer, OutcomeReports reports, CheckpointStore checkpoints,
                 Optional<Checkpoint> restored, long nowMs) {
        this.unit = unit;
        this.join = join;
        this.writer = writer;
        this.reports = reports;
        this.checkpoints = checkpoints;
        this.committed = restored.map(Checkpoint::nextOffsets).orElse(Map.of());
        this.positions = new InputPositions(unit, committed);
        this.lastCommitMs = nowMs;
    }

    JoinUnit join() {
        return join;
    }

    /** The inputs of this unit that run ahead of its slowest one. */
    Set<InputPartition> inputsAhead() {
        return join.inputsAhead();
    }

    /** The offset the last checkpoint covers for {@code input}, if it has one. */
    OptionalLong committedOffset(InputPartition input) {
        Long offset = committed.get(input);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** What a new instance of the unit must read again of {@code input}: from its checkpoint, or all this one read. */
    OptionalLong startOffset(InputPartition input) {
        Long offset = committed.containsKey(input) ? committed.get(input) : positions.start(input);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    void accept(Event event, SinkRecord record, long nowMs) {
        if (!positions.read(event.source())) {
            return;
        }
        readSinceCommit = true;
        if (reports.mayReportLater(event)) {
            originals.put(event.source(), record);
        }
        handle(join.accept(event, nowMs), record);
    }

    /** Records a record that goes nowhere but the dead-letter queue; false when a checkpoint covers it already. */
    boolean readSettled(SourcePosition position) {
        boolean fresh = positions.read(position);
        readSinceCommit |= fresh;
        return fresh;
    }

    void tick(long nowMs) {
        handle(join.expire(nowMs), null);
        writer.rotateDue();
    }

    /** Whether a commit is due: a file was uploaded, or records were read and the interval passed since the last. */
    boolean commitDue(long nowMs, long intervalMs) {
        return !writer.staged().isEmpty() || readSinceCommit && nowMs - lastCommitMs >= intervalMs;
    }

    /**
     * Commits the unit: uploads its open files, creates its checkpoint, publishes the files.
     *
     * @throws UnitFencedException when another task created this commit's checkpoint first
     */
    void commit(long nowMs) {
        writer.stageAll();
        List<CommittedFile> files = writer.staged();
        long sequence = writer.commit();
        boolean full = chain.fullDue(join.changedCount(), join.keyCount());
        Checkpoint checkpoint = new Checkpoint(unit, sequence, full ? sequence : chain.base(), positions.next(),
                full ? join.snapshot() : join.takeChanges(),
                files.stream().map(f -> new Checkpoint.File(f.key(), f.staged(), f.rows())).toList());
        try {
            if (!checkpoints.create(checkpoint)) {
                throw new UnitFencedException(unit, checkpoint.sequence());
            }
            chain.written(checkpoint);
            checkpoints.publish(checkpoint);
            writer.published();
            checkpoints.cleanUpTo(unit, checkpoint.sequence(), chain.base());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit unit " + unit + " (checkpoint " + checkpoint.sequence()
                    + ", " + files.size() + " files): " + e.getMessage() + ". The task fails; after a restart the "
                    + "unit continues from its last checkpoint, losing and duplicating nothing.", e);
        }
        committed = checkpoint.nextOffsets();
        lastCommitMs = nowMs;
        readSinceCommit = false;
        counts.committed(files.size(), checkpoint.rows());
        LOG.info("Unit {}: commit {} with {} files and {} rows, checkpoint {} {} keys; waiting={} watermark={} "
                + "offsets={} {}", unit, checkpoint.sequence(), files.size(), checkpoint.rows(),
                full ? "full," : "delta on " + checkpoint.base() + ",", checkpoint.join().keys().size(),
                join.waitingCount(), join.watermarkMs(), committed, counts);
    }

    private void handle(List<JoinOutcome> outcomes, SinkRecord current) {
        for (JoinOutcome outcome : outcomes) {
            counts.count(outcome);
            Optional<Row> row = RowBuilder.rowOf(outcome);
            if (row.isPresent()) {
                row.get().sources().forEach(originals::remove);
                writer.write(row.get());
                continue;
            }
            for (Event event : outcome.events()) {
                SinkRecord original = originals.remove(event.source());
                if (original == null && current != null
                        && EventExtractor.positionOf(current).equals(event.source())) {
                    original = current;
                }
                reports.report(outcome, event, original);
            }
            UnitCounts.cardKind(outcome).ifPresent(writer::noteDropped);
        }
    }

    /** Discards open and uploaded-but-uncommitted files and the join state; a later owner restores the unit. */
    @Override
    public void close() {
        long discarded = writer.uncommittedRows();
        writer.close();
        LOG.info("Unit {} closed: discarded {} uncommitted rows and {} waiting events; {}", unit,
                discarded, join.waitingCount(), counts);
    }
}
