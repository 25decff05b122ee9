package io.trainset.connect.pipeline;

import io.trainset.connect.join.JoinUnit;
import io.trainset.connect.model.Millis;

/**
 * When a unit's next commit is due (docs/guarantees.md): none is in flight, and a file was finished, or records were
 * read (or the restore repaired the state, or the unit caught up with its inputs: the card records it) and the
 * interval passed since the last, or the unit's rows stopped ({@link IdleFiles}); and when the unit next has
 * something to do without new records. Task thread only.
 */
final class CommitSchedule {

    private final JoinUnit join;
    private final UnitOutput output;
    private final IdleFiles idle;
    private long lastCommitMs;
    /** Records were read, or the restore repaired the state, since the last commit: one is due after the interval. */
    private boolean changedSinceCommit;
    /** The last commit found the unit caught up (the dataset card says so until the next commit). */
    private boolean caughtUpCommitted;

    /** The schedule of a unit opened at {@code nowMs}; {@code repaired}: its restore repaired the state. */
    CommitSchedule(JoinUnit join, UnitOutput output, IdleFiles idle, long nowMs, boolean repaired) {
        this.join = join;
        this.output = output;
        this.idle = idle;
        this.lastCommitMs = nowMs;
        // Even with no records to read, the repaired state is checkpointed: else every restart repeats the repair.
        this.changedSinceCommit = repaired;
    }

    /** Records were read (or settled at once) since the last commit. */
    void changed() {
        changedSinceCommit = true;
    }

    /** A commit was made at {@code nowMs}, finding the unit caught up or not. */
    void committed(long nowMs, boolean caughtUp) {
        caughtUpCommitted = caughtUp;
        lastCommitMs = nowMs;
        changedSinceCommit = false;
    }

    boolean due(long nowMs, CommitTiming timing) {
        return !output.commitInFlight()
                && (output.fileFinished() || intervalDue(nowMs, timing) || idle.due(nowMs, timing));
    }

    /** Whether the commit interval passed since the last commit, with something new to commit. */
    boolean intervalDue(long nowMs, CommitTiming timing) {
        return changedSince(nowMs) && nowMs - lastCommitMs >= timing.intervalMs();
    }

    /** A unit with a watermark caught up with its inputs since its last commit. */
    boolean caughtUpSinceCommit(long nowMs) {
        return !caughtUpCommitted && join.watermarkMs() != Long.MIN_VALUE && join.caughtUp(nowMs);
    }

    /** Records were read or the state repaired since the last commit, or a unit with a watermark caught up since. */
    private boolean changedSince(long nowMs) {
        return changedSinceCommit || caughtUpSinceCommit(nowMs);
    }

    /**
     * When the unit next has something to do without new records: now while a commit is in flight, a
     * file waits for one or rows wait for the files lane; within a second while its watermark follows
     * the wall clock (an idle timeout, events waiting); else at its oldest open file's rotation or,
     * having read records, repaired its state or caught up, when the commit interval passes; when its open files
     * are due to be finished for inactivity; {@code Long.MAX_VALUE} when nothing waits.
     */
    long nextDueMs(long nowMs, CommitTiming timing) {
        if (output.commitInFlight() || output.fileFinished() || output.writesPending()) {
            return nowMs;
        }
        long due = Math.min(output.nextRotationMs(), idle.dueMs(timing));
        if (changedSince(nowMs)) {
            due = Math.min(due, Millis.plus(lastCommitMs, timing.intervalMs()));
        }
        if (join.followsWallClock()) {
            due = Math.min(due, nowMs + UnitPipeline.WALL_CLOCK_TICK_MS);
        }
        return due;
    }
}
