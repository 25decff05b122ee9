package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.join.JoinOutcome;
import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.UnitMetrics;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinState;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.state.Checkpoint;
import io.trainset.connect.state.CheckpointChain;
import io.trainset.connect.state.PayloadSpill;
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
    /** How often a unit whose watermark follows the wall clock looks at it again without records. */
    static final long WALL_CLOCK_TICK_MS = 1_000;

    private final int unit;
    private final JoinUnit join;
    private final UnitOutput output;
    private final OutcomeReports reports;
    private final InputPositions positions;
    private final PayloadSpill spill;
    private final UnitMeters meters;
    private final UnitCounts counts;
    private final CheckpointChain chain = new CheckpointChain();
    private final Map<SourcePosition, SinkRecord> originals = new HashMap<>();
    private final OutcomeHandler handler;
    private final IdleFiles idle = new IdleFiles();
    private final CommitSchedule schedule;
    private long nextCommit;

    private boolean spilling;

    /**
     * A unit that continues after {@code restored} (its offsets, join state and next commit), or starts
     * empty; its files are written and its commits made by {@code jobs}; the values of waiting
     * submissions go to {@code spill} while {@link #spilling} (the task's join buffer is over its bound); its
     * metrics go to {@code meters}.
     */
    UnitPipeline(
            int unit,
            JoinUnit join,
            DatasetWriter writer,
            OutcomeReports reports,
            Outputs outputs,
            UnitJobs jobs,
            PayloadSpill spill,
            Optional<Checkpoint> restored,
            long nowMs,
            UnitMeters meters) {
        this.unit = unit;
        this.meters = meters;
        this.counts = new UnitCounts(meters.task());
        this.join = join;
        this.spill = spill;
        this.reports = reports;
        Map<InputPartition, Long> committed =
                restored.map(Checkpoint::nextOffsets).orElse(Map.of());
        this.output = new UnitOutput(unit, writer, outputs, jobs, counts, committed, meters);
        this.positions = new InputPositions(unit, committed);
        this.handler = new OutcomeHandler(counts, output::write, output::noteDropped, reports, originals);
        this.nextCommit = writer.sequence();
        join.restoreRepair().ifPresent(repair -> RepairWarning.log(unit, repair, nowMs));
        this.schedule = new CommitSchedule(
                join, output, idle, nowMs, join.restoreRepair().isPresent());
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
        Long offset = output.committed().get(input);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** What a new instance of the unit must read again of {@code input}: from its checkpoint, or all this one read. */
    OptionalLong startOffset(InputPartition input) {
        Map<InputPartition, Long> committed = output.committed();
        Long offset = committed.containsKey(input) ? committed.get(input) : positions.start(input);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    void accept(Event event, SinkRecord record, long nowMs) {
        if (!positions.read(event.source())) {
            return;
        }
        schedule.changed();
        boolean keepOriginal = reports.mayReportLater(event);
        if (keepOriginal) {
            originals.put(event.source(), record);
        }
        // An event whose original record is kept for the dead-letter queue stays whole: spilling its values
        // would free nothing (the record holds them) and hide them from the buffer's estimate.
        handle(join.accept(spilling && !keepOriginal ? spilled(event) : event, nowMs), record);
    }

    /** Submissions whose values this unit instance spilled to disk. */
    long spilledCount() {
        return spill.spilledCount();
    }

    /** Whether the values of arriving submissions go to disk from now on. */
    void spilling(boolean spilling) {
        this.spilling = spilling;
    }

    private Event spilled(Event event) {
        if (!(event.payload() instanceof Features features)) {
            return event;
        }
        meters.task().increment(Metric.SPILLED_VALUES);
        return new Event(event.side(), event.key(), event.timestampMs(), event.source(), spill.spill(features));
    }

    /** Sets the unit's gauges: what its join holds and has spilled, and its watermark (task thread, after a put). */
    void recordGauges() {
        UnitMetrics metrics = meters.unit();
        metrics.set(Metric.EVENTS_BUFFERED, join.waitingCount());
        metrics.set(Metric.BYTES_BUFFERED, join.heldBytes());
        metrics.set(Metric.SPILL_BYTES, spill.liveBytes());
        metrics.set(Metric.WATERMARK, join.watermarkMs()); // Long.MIN_VALUE, none yet, reads as NaN
    }

    /** Records a record that goes nowhere but the dead-letter queue; false when a checkpoint covers it already. */
    boolean readSettled(SourcePosition position) {
        boolean fresh = positions.read(position);
        if (fresh) {
            schedule.changed();
        }
        return fresh;
    }

    /** After a put's records: expires what the join holds, rotates due files and notes whether rows came. */
    void tick(long nowMs) {
        handle(join.expire(nowMs), null);
        output.rotateDue();
        idle.look(output.rowsHanded(), nowMs);
        if (schedule.caughtUpSinceCommit(nowMs)) {
            idle.inputsCaughtUp();
        }
    }

    /** A put() ran from {@code startMs} to {@code endMs}: a long one does not count as its rows' silence. */
    void putEnded(long startMs, long endMs, CommitTiming timing) {
        idle.putEnded(startMs, endMs, timing);
    }

    /** What stopped the unit's output (a failed or fenced commit, a file that could not be written), if anything. */
    RuntimeException failure() {
        return output.failure();
    }

    /** Whether a commit is due ({@link CommitSchedule}). */
    boolean commitDue(long nowMs, CommitTiming timing) {
        return schedule.due(nowMs, timing);
    }

    /** When the unit next has something to do without new records ({@link CommitSchedule#nextDueMs}). */
    long nextDueMs(long nowMs, CommitTiming timing) {
        return schedule.nextDueMs(nowMs, timing);
    }

    /**
     * Commits the unit as of now: takes its join state (whole, or what changed since the last checkpoint)
     * and its offsets, encodes the state (a large one into chunks uploaded as they fill), and hands the
     * commit to the lanes, which finish and upload the files, create the checkpoint and publish them
     * (a fenced or failed commit shows in {@link #failure}); when only the unit's rows having stopped made it due,
     * the open files it finishes are logged and counted as finished for inactivity ({@link IdleFiles}, whose rows were
     * looked at by this put()'s {@link #tick}).
     */
    void commit(long nowMs, CommitTiming timing) {
        if (idle.committing(nowMs, timing, output.fileFinished() || schedule.intervalDue(nowMs, timing))) {
            output.finishIdle(timing.inactivityMs());
        }
        long sequence = nextCommit++;
        boolean full = chain.fullDue(join.changedCount(), join.keyCount());
        // Read from the keys in place and encoded now, before the unit is driven again: the commit point's bytes.
        JoinState state = full ? join.snapshotInPlace() : join.takeChangesInPlace();
        CommitRequest request = new CommitRequest(
                sequence,
                full ? sequence : chain.base(),
                positions.next(),
                state.keyCount(),
                output.encodeJoin(sequence, state, PayloadSpill::inHeap),
                "waiting=" + join.waitingCount() + " spilled=" + spill.spilledCount() + " watermark="
                        + join.watermarkMs(),
                join.watermarkMs(),
                join.caughtUp(nowMs),
                nowMs);
        schedule.committed(nowMs, request.caughtUp());
        chain.written(sequence, full, state.keyCount());
        output.commit(request);
    }

    private void handle(List<JoinOutcome> outcomes, SinkRecord current) {
        if (!outcomes.isEmpty()) {
            handler.handle(outcomes, current);
        }
    }

    /** Discards open and uploaded-but-uncommitted files and the join state; a later owner restores the unit. */
    @Override
    public void close() {
        try {
            output.close();
        } finally {
            spill.close();
            meters.close();
        }
        LOG.info("Unit {} closed: discarded {} waiting events", unit, join.waitingCount());
    }
}
