package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.DatasetWriter;
import io.trainset.connect.dataset.PreparedCommit;
import io.trainset.connect.dataset.card.CardStats;
import io.trainset.connect.metrics.Metric;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinState;
import io.trainset.connect.model.Row;
import io.trainset.connect.output.DatasetOutput;
import io.trainset.connect.state.CheckpointStore;
import io.trainset.connect.state.EncodedJoin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output side of one join unit: its files and its commits, run on the task's {@link TaskLanes}.
 * The task thread hands over rows (in batches) and commit requests; the files lane writes the rows
 * and finishes the files (at a commit: all of them), the uploads lane uploads them to their staged
 * keys, creates the checkpoint (the commit point) and has the {@link DatasetOutput} publish the files
 * ({@link CommitPoint}), in the order handed over. What the task thread learns back: the offsets the newest checkpoint covers,
 * whether a finished file waits for a commit, whether a commit is in flight, and the failure that stopped
 * the unit (after which the unit's later jobs are skipped: nothing is checkpointed past a failure).
 */
final class UnitOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnitOutput.class);
    /** Rows handed to the lane at once: one hand-over per batch instead of per row. */
    private static final int BATCH = 256;
    /** {@link #idleInactivityMs} when no idle finish is asked for (rotate.inactivity.ms is never negative). */
    private static final long NO_IDLE_FINISH = -1;

    private final int unit;
    private final DatasetWriter writer;
    private final CheckpointStore checkpoints;
    private final CommitPoint commitPoint;
    private final UnitJobs jobs;
    private final UnitCounts counts;
    private final String token;
    private final UnitMeters meters;
    private volatile Map<InputPartition, Long> committed;
    private volatile int filesFinished;
    private volatile boolean commitInFlight;
    private volatile long nextRotationMs = Long.MAX_VALUE;
    /**
     * Task thread only: the rows not handed over yet, and the dropped events' kinds, which the files lane counts after
     * the batch's rows (they count for the commit). These, a batch's rotation and a commit's idle finish are data, not
     * jobs of several classes through one call: C2 compiled such a call for the kinds it had seen, and the first idle
     * finish failed its type check and threw away the files lane's root (docs/performance.md, "Issue 14, session 10").
     */
    private List<Row> rows = new ArrayList<>(BATCH);

    private List<CardStats.Dropped> dropped = new ArrayList<>();
    /**
     * Task thread only: the inactivity for which the next commit finishes its files ({@link #finishIdle}), or {@link
     * #NO_IDLE_FINISH}.
     */
    private long idleInactivityMs = NO_IDLE_FINISH;
    /** The hand-overs that wrote rows (task thread). */
    private long writesHanded;
    /** Rows handed to the files lane so far. */
    private long rowsHanded;
    /** The last of {@link #writesHanded} the files lane ran. */
    private volatile long writesRun;

    UnitOutput(
            int unit,
            DatasetWriter writer,
            Outputs outputs,
            UnitJobs jobs,
            UnitCounts counts,
            Map<InputPartition, Long> committed,
            UnitMeters meters) {
        this.unit = unit;
        this.meters = meters;
        this.writer = writer;
        this.checkpoints = outputs.checkpoints();
        this.commitPoint = new CommitPoint(unit, writer, outputs, jobs, counts, meters);
        this.jobs = jobs;
        this.counts = counts;
        this.token = writer.token();
        this.committed = Map.copyOf(committed);
    }

    /** The offsets the unit's newest checkpoint covers. */
    Map<InputPartition, Long> committed() {
        return committed;
    }

    /** What stopped the unit, if anything: the task thread rethrows it (or reopens a fenced unit). */
    RuntimeException failure() {
        return jobs.failure();
    }

    /** Whether a file was finished and waits for a commit, as of the files lane's last job. */
    boolean fileFinished() {
        return filesFinished > 0;
    }

    boolean commitInFlight() {
        return commitInFlight;
    }

    /** When the unit's oldest open file is due for rotation, as of the files lane's last job; MAX_VALUE: none open. */
    long nextRotationMs() {
        return nextRotationMs;
    }

    void write(Row row) {
        rows.add(row);
        rowsHanded++;
        if (rows.size() >= BATCH) {
            handOver(false);
        }
    }

    void noteDropped(CardStats.Dropped kind) {
        dropped.add(kind);
    }

    /** Rows handed to the files lane so far (task thread). */
    long rowsHanded() {
        return rowsHanded;
    }

    /**
     * Before the {@link #commit} that finishes them: the files lane counts and logs the open files as finished because
     * none got a row for {@code inactivityMs} (when that commit runs, after the rows handed over before it).
     */
    void finishIdle(long inactivityMs) {
        idleInactivityMs = inactivityMs;
    }

    /** Files lane: counts and logs the open files as finished for inactivity, unless there are none. */
    private void countIdleFinish(long inactivityMs) {
        int files = writer.openFileCount();
        if (files == 0) {
            return; // finished meanwhile by a rule of their own (flush size, rotation): not for inactivity
        }
        meters.task().add(Metric.FILES_FINISHED_IDLE, files);
        LOG.info(
                "Unit {}: no row for {} ms (rotate.inactivity.ms): finishing its {} open files with {} rows and "
                        + "committing",
                unit,
                inactivityMs,
                files,
                writer.openRows());
    }

    /** Whether rows were handed over that the files lane has not written yet (so {@link #nextRotationMs} may lag). */
    boolean writesPending() {
        return writesRun < writesHanded;
    }

    /** Hands over the rows so far and rotates the files that were open for the rotation interval. */
    void rotateDue() {
        handOver(true);
    }

    /** Hands over the rows and dropped kinds so far; the files lane then rotates the due files when {@code rotate}. */
    private void handOver(boolean rotate) {
        List<Row> handed = rows;
        List<CardStats.Dropped> handedDropped = dropped;
        long writes = handed.isEmpty() ? writesHanded : ++writesHanded;
        rows = new ArrayList<>(BATCH);
        dropped = new ArrayList<>();
        jobs.onFiles(() -> {
            // The rows by a direct call, the rest as data: no per-job call site with a type check for C2 to fail.
            for (int i = 0; i < handed.size(); i++) {
                writer.write(handed.get(i));
            }
            handedDropped.forEach(writer::noteDropped);
            if (rotate) {
                writer.rotateDue();
            }
            filesFinished = writer.finishedFileCount();
            nextRotationMs = writer.nextRotationMs();
            writesRun = writes;
        });
    }

    /**
     * Encodes the join state of commit {@code sequence} on the calling (task) thread, each payload as
     * {@code storedForm} gives it: inline when it fits in a chunk, else in chunks handed to the uploads
     * lane as they fill (so at most the lane's capacity of chunks waits in memory) and uploaded, several
     * at once, before the commit that names them (which waits for every one).
     */
    EncodedJoin encodeJoin(long sequence, JoinState state, UnaryOperator<Object> storedForm) {
        return checkpoints.encodeJoin(
                unit,
                sequence,
                token,
                state,
                storedForm,
                (key, bytes) -> jobs.onUploads(() -> commitPoint.uploadChunk(sequence, key, bytes)));
    }

    /**
     * Commits (after the rows handed over so far): the files lane finishes the open files, and the
     * uploads lane, once their uploads are done, creates the checkpoint and publishes them.
     */
    void commit(CommitRequest request) {
        handOver(false);
        long inactivityMs = idleInactivityMs;
        idleInactivityMs = NO_IDLE_FINISH;
        commitInFlight = true;
        jobs.onFiles(() -> {
            if (inactivityMs != NO_IDLE_FINISH) {
                countIdleFinish(inactivityMs);
            }
            if (writer.sequence() != request.sequence()) {
                throw new IllegalStateException("Unit " + unit + " prepared commit " + writer.sequence() + " but was "
                        + "asked to commit " + request.sequence());
            }
            PreparedCommit prepared = writer.prepare();
            filesFinished = 0;
            nextRotationMs = Long.MAX_VALUE;
            jobs.afterUploads(() -> {
                try {
                    committed = commitPoint.make(request, prepared);
                } finally {
                    commitInFlight = false;
                }
            });
        });
    }

    /**
     * Discards open and uploaded-but-uncommitted files: jobs not started yet are skipped, a running one
     * is waited for. Returns the rows discarded.
     */
    @Override
    public void close() {
        rows.clear();
        dropped.clear();
        idleInactivityMs = NO_IDLE_FINISH;
        long discarded = jobs.close(
                () -> {
                    long rows = writer.openRows();
                    writer.close();
                    return rows;
                },
                writer::closedForUploads);
        LOG.info("Unit {} output closed: discarded {} uncommitted rows; {}", unit, discarded, counts);
    }
}
