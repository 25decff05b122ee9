package io.trainset.connect.pipeline;

import io.trainset.connect.join.WatermarkRepair;
import io.trainset.connect.model.InputPartition;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The warning a unit logs when the join repaired a restored state whose event times were beyond the clock. */
final class RepairWarning {

    /** Logged as the unit's own warning. */
    private static final Logger LOG = LoggerFactory.getLogger(UnitPipeline.class);

    private RepairWarning() {}

    /** The join state came from a checkpoint with event times beyond the clock plus join.time.max.ahead.ms. */
    static void log(int unit, WatermarkRepair repair, long nowMs) {
        LOG.warn(
                "Unit {}: its checkpoint holds event times beyond the worker's clock {} plus join.time.max.ahead.ms, "
                        + "written before Trainset refused them: unit watermark {} -> {}, highest event time of {} -> {} "
                        + "(absent: set again by its next event); {} held events beyond it go to the dead-letter queue. "
                        + "Records of these inputs reported late while the watermark was wrong are in the dead-letter "
                        + "queue with their original values: replay them (docs/join-semantics.md, \"Event times ahead of "
                        + "the clock\").",
                unit,
                Instant.ofEpochMilli(nowMs),
                watermark(repair.unitBefore()),
                watermark(repair.unitAfter()),
                times(repair.inputsBefore()),
                times(repair.inputsAfter()),
                repair.evicted());
    }

    private static String times(Map<InputPartition, Long> times) {
        return times.entrySet().stream()
                .map(e -> e.getKey() + "=" + watermark(e.getValue()))
                .sorted()
                .toList()
                .toString();
    }

    private static String watermark(long ms) {
        return ms == Long.MIN_VALUE ? "none" : Instant.ofEpochMilli(ms).toString();
    }
}
