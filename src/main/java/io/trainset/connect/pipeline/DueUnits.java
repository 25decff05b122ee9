package io.trainset.connect.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * What the task's units have due at the end of a {@code put()} (task thread): the commits due now, once the
 * dead-letter reports their checkpoints cover are durable, and the next {@code put()} asked for when a unit is next
 * due, since an idle consumer hands nothing over until the worker's next offset commit (docs/architecture.md,
 * "Waking an idle task").
 */
final class DueUnits {

    /** The shortest wait asked for before the next put(): how often a commit in flight is looked at. */
    static final long SOONEST_WAKE_UP_MS = 100;

    private final Map<Integer, UnitPipeline> units;
    private final CommitTiming timing;
    private final PausedInputs pauses;
    private final PendingReports pendingReports;
    private final TaskPort task;

    /** Over the task's open {@code units} (a live view), committed by {@code timing}. */
    DueUnits(
            Map<Integer, UnitPipeline> units,
            CommitTiming timing,
            PausedInputs pauses,
            PendingReports pendingReports,
            TaskPort task) {
        this.units = units;
        this.timing = timing;
        this.pauses = pauses;
        this.pendingReports = pendingReports;
        this.task = task;
    }

    CommitTiming timing() {
        return timing;
    }

    /** Commits every unit whose commit is due, once the dead-letter reports its checkpoint covers are durable. */
    void commit(long now) {
        List<Integer> due = new ArrayList<>();
        units.forEach((n, unit) -> {
            if (unit.commitDue(now, timing)) {
                due.add(n);
            }
        });
        if (due.isEmpty()) {
            return;
        }
        ConnectException reportFailure = pendingReports.awaitAll();
        if (reportFailure != null) {
            throw reportFailure;
        }
        for (int n : due) {
            UnitLogContext.around(n, () -> units.get(n).commit(now, timing));
        }
    }

    /**
     * Asks for the next put() when a unit is next due (as of the put's start, {@code now}), counted from the put's
     * {@code end}.
     */
    void scheduleWakeUp(long now, long end) {
        long due = Long.MAX_VALUE;
        for (UnitPipeline unit : units.values()) {
            due = Math.min(due, unit.nextDueMs(now, timing));
        }
        if (pauses.any()) {
            due = Math.min(due, now + UnitPipeline.WALL_CLOCK_TICK_MS); // to see when a slow input falls silent
        }
        if (due != Long.MAX_VALUE) {
            task.wakeWithin(Math.max(SOONEST_WAKE_UP_MS, due - end));
        }
    }
}
