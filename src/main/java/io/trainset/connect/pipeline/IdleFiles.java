package io.trainset.connect.pipeline;

import io.trainset.connect.model.Millis;

/**
 * When a unit's open files are due to be finished because its rows stopped ({@code rotate.inactivity.ms},
 * docs/guarantees.md "When a unit commits"): no row reached any of them for the inactivity interval, and the
 * unit's last such finish was at least the commit interval ago, so that a trickle of rows gets at most twice the
 * files rotation alone would write. Per unit, not per file: a split that gets a tenth of the rows is not finished
 * while the others are written. Rows are noticed once per {@code put()} (no clock read per row). The task's own
 * stalls are no silence: a {@code put()} that took longer than a quarter of the inactivity interval (blocked on a
 * full lane while the store is slow) was not reading, so its time is not counted. Catching up with its inputs (every
 * input quiet for {@code join.idle.timeout.ms}) lifts the once-per-interval guard ({@link #inputsCaughtUp}): the rows
 * the idle timeout decides are a backfill's last, a unit catches up once per quiet period, and without the lift they
 * would wait for the rotation after the backfill's own finish. Task thread only.
 */
final class IdleFiles {

    /** The unit's rows handed to its files as of the last look, and as of its last commit. */
    private long rowsSeen;

    private long rowsCommitted;
    /** When the last look found new rows. */
    private long lastRowMs = Long.MIN_VALUE;
    /** The unit's next inactivity finish, not before. */
    private long notBeforeMs = Long.MIN_VALUE;

    /** Looks at the unit's {@code rowsHanded} (rows handed to its files so far) at {@code nowMs}: new ones, now. */
    void look(long rowsHanded, long nowMs) {
        if (rowsHanded != rowsSeen) {
            rowsSeen = rowsHanded;
            lastRowMs = nowMs;
        }
    }

    /** A put() ran from {@code startMs} to {@code endMs}: if it took long, the task was not reading meanwhile. */
    void putEnded(long startMs, long endMs, CommitTiming timing) {
        long took = endMs - startMs;
        if (rowsSeen != rowsCommitted && took > timing.inactivityMs() / 4) {
            lastRowMs = Millis.plus(lastRowMs, took);
        }
    }

    /** The unit caught up with its inputs and has not committed since: its next finish need not wait for the guard. */
    void inputsCaughtUp() {
        notBeforeMs = Long.MIN_VALUE;
    }

    /** When the open files are due to be finished; {@code Long.MAX_VALUE}: off, or no row since the last commit. */
    long dueMs(CommitTiming timing) {
        long inactivity = timing.inactivityMs();
        if (inactivity == 0 || rowsSeen == rowsCommitted) {
            return Long.MAX_VALUE;
        }
        return Math.max(Millis.plus(lastRowMs, inactivity), notBeforeMs);
    }

    boolean due(long nowMs, CommitTiming timing) {
        return nowMs >= dueMs(timing);
    }

    /**
     * The unit commits at {@code nowMs}, taking every row looked at so far: a commit made once its rows stopped
     * counts as its inactivity finish whatever else made it due (at a steady trickle the interval's commit takes its
     * place), so the next is an interval later. Returns whether nothing but the rows' stop made it due
     * ({@code otherwiseDue}: a finished file or the commit interval).
     */
    boolean committing(long nowMs, CommitTiming timing, boolean otherwiseDue) {
        boolean stopped = due(nowMs, timing);
        if (stopped) {
            notBeforeMs = Millis.plus(nowMs, timing.intervalMs());
        }
        rowsCommitted = rowsSeen;
        return stopped && !otherwiseDue;
    }
}
