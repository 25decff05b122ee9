package io.trainset.connect.pipeline;

import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.metrics.UnitMetrics;
import java.time.Clock;

/**
 * Where one join unit records its metrics: the task's (counters, commits) and its own (buffer, spill,
 * watermark, checkpoint age), and the clock both measure with (the pipeline's).
 */
record UnitMeters(TaskMetrics task, UnitMetrics unit, Clock clock) {

    /** Stops publishing the unit's metrics (its instance closed; a reopened instance publishes anew). */
    void close() {
        task.closeUnit(unit.unit());
    }
}
