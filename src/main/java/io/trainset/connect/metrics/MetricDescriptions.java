package io.trainset.connect.metrics;

import java.util.EnumMap;
import java.util.Map;

/**
 * What each {@link Metric} measures and the alert an operator should set on it: the descriptions JMX and
 * Kafka's metrics show, and the text docs/metrics.md and the Prometheus rules are checked against. Every
 * metric has one (the switch is exhaustive: a new metric does not compile without its text).
 */
final class MetricDescriptions {

    /** A metric's description and its alert (empty when it is for graphs only). */
    record Text(String description, String alert) {}

    private static final Map<Metric, Text> TEXTS = new EnumMap<>(Metric.class);

    static {
        for (Metric metric : Metric.values()) {
            TEXTS.put(metric, textOf(metric));
        }
    }

    private MetricDescriptions() {}

    static Text of(Metric metric) {
        return TEXTS.get(metric);
    }

    private static Text textOf(Metric metric) {
        return switch (metric) {
            case RECORDS_READ ->
                new Text(
                        "Records the task read and turned into join events, by input side (a record that cannot be is "
                                + "counted in bad-records-total instead).",
                        "Rate 0 while the consumer lag of the connector's group grows: the task does not read.");
            case ROWS_WRITTEN ->
                new Text(
                        "Rows the join produced and the task wrote to the dataset's open files, by join_status; they "
                                + "are published with their unit's next commit (a unit revoked before it is written "
                                + "again by its next owner). The provisional rows of the early-label mode are counted "
                                + "in provisional-rows-total instead.",
                        "");
            case PROVISIONAL_ROWS ->
                new Text(
                        "Provisional rows (join_status=provisional, label null) the task wrote to the dataset's open "
                                + "files: cases still unresolved at their early point (join.early.window.ms). Each "
                                + "case's final row follows in rows-written-total, except with join.timed.out.policy "
                                + "drop or dlq for a case never resolved: its provisional row is never superseded. 0 "
                                + "while the mode is off.",
                        "");
            case ROWS_COMMITTED ->
                new Text(
                        "Rows in the files of the task's commits, counted when the commit's checkpoint is created: "
                                + "what readers of the dataset see.",
                        "");
            case TIMED_OUT_SUBMISSIONS ->
                new Text(
                        "Submissions whose window closed without a resolution, whatever join.timed.out.policy does "
                                + "with them (emit: they are also rows with status timed-out).",
                        "");
            case LATE_EVENTS ->
                new Text(
                        "Events behind their input's watermark (older than join.grace.ms allows), whatever "
                                + "join.late.policy does with them.",
                        "Rate > 0 for more than a few minutes: raise join.grace.ms to your producers' disorder.");
            case ORPHAN_RESOLUTIONS ->
                new Text(
                        "Resolutions that matched no submission in their window, whatever join.orphan.policy does "
                                + "with them.",
                        "Rate above a few percent of records-read-total{side=resolved}: check the keys and "
                                + "join.window.*.");
            case DUPLICATE_EVENTS ->
                new Text(
                        "Exact redeliveries of an event the join already holds (no second row); expected after a "
                                + "restart.",
                        "");
            case BAD_RECORDS ->
                new Text(
                        "Records that cannot become part of the dataset, by reason; each is logged at WARN (throttled "
                                + "per reason) with its topic, partition, offset and the fix.",
                        "Rate > 0: read the task's WARN lines for the reason and the fix.");
            case DLQ_RECORDS ->
                new Text(
                        "Records handed to the worker's error reporter (the dead-letter queue with "
                                + "errors.deadletterqueue.topic.name), by reason.",
                        "Rate > 0: records leave the dataset; look at the dead-letter topic's headers.");
            case EVENTS_BUFFERED -> new Text("Events the unit's join holds until their key is decided.", "");
            case BYTES_BUFFERED ->
                new Text(
                        "Estimated heap bytes of the events the unit's join holds; the task's sum is kept near "
                                + "join.buffer.max.bytes by spilling and pausing.",
                        "Sum per task above 0.8 x join.buffer.max.bytes for long: inputs are paused and values "
                                + "spilled.");
            case SPILL_BYTES ->
                new Text(
                        "Bytes of the unit's live spill segments on disk.",
                        "Sum per worker approaching the free space of join.spill.dir.");
            case SPILLED_VALUES ->
                new Text(
                        "Submission values written to the units' spill files on disk (join.spill.dir) instead of held "
                                + "in the heap, while the join buffer is over join.buffer.max.bytes.",
                        "");
            case PAUSED_PARTITIONS ->
                new Text(
                        "Input partitions the task holds paused: they run ahead of their unit's slowest active input "
                                + "by more than join.alignment.max.drift.ms, or while the buffer is over "
                                + "join.buffer.max.bytes.",
                        "> 0 for long while no backlog is read (alignment pauses are routine in a backfill): a slow "
                                + "input holds the others back; see partition-pauses-total's reason.");
            case PARTITION_PAUSES ->
                new Text(
                        "Times the task paused an input partition, by reason: event-time alignment (routine while one "
                                + "input is read ahead of the other, e.g. a backlog) or the buffer bound (the last "
                                + "line of defence).",
                        "Rate of reason=buffer-bound > 0: the buffer is full; raise join.buffer.max.bytes or lower "
                                + "join.alignment.max.drift.ms.");
            case WATERMARK ->
                new Text(
                        "The unit's watermark: the lowest of its input partitions' watermarks, in event time; NaN "
                                + "before the unit has one.",
                        "");
            case EVENT_TIME_LAG ->
                new Text(
                        "The worker's clock minus watermark-ms: how far the unit's decisions trail real time "
                                + "(join.grace.ms plus the inputs' delivery delay while they flow; a timed-out row "
                                + "waits join.window.after.ms more).",
                        "Growing for 15 minutes, or above join.grace.ms + your producers' delay + "
                                + "join.idle.timeout.ms: an input is silent or stuck.");
            case CHECKPOINT_AGE ->
                new Text(
                        "Time since the unit's newest checkpoint was created (since the unit was opened while it has "
                                + "none).",
                        "> 3 x rotate.interval.ms: the unit does not commit (store failures, or nothing due).");
            case COMMITS ->
                new Text(
                        "Unit commits whose checkpoint was created: their files are then published.",
                        "Rate 0 for 3 x rotate.interval.ms while records-read-total grows: commits are stuck.");
            case COMMIT_LATENCY ->
                new Text(
                        "Sum of the commit latencies (from the task thread's commit request to the creation of the "
                                + "checkpoint); its rate divided by the rate of commits-total is the mean latency.",
                        "");
            case COMMIT_LATENCY_P50 ->
                new Text("Median commit latency over the task's last 1024 commits; NaN before the first.", "");
            case COMMIT_LATENCY_P95 ->
                new Text("95th percentile of the commit latency over the task's last 1024 commits.", "");
            case COMMIT_LATENCY_P99 ->
                new Text(
                        "99th percentile of the commit latency over the task's last 1024 commits.",
                        "Above rotate.interval.ms / 2, or rising: the store slows commits down.");
            case COMMIT_LATENCY_MAX -> new Text("Longest commit latency over the task's last 1024 commits.", "");
            case FILES_FINISHED_IDLE ->
                new Text(
                        "Files finished because none of their unit's open files got a row for rotate.inactivity.ms (a "
                                + "burst or backfill ended), then committed, rather than at flush.size or "
                                + "rotate.interval.ms.",
                        "");
            case FILES_UPLOADED ->
                new Text(
                        "Parquet files uploaded to the store (to their staging key; published once the checkpoint "
                                + "exists).",
                        "");
            case BYTES_UPLOADED -> new Text("Bytes of the Parquet files uploaded to the store.", "");
            case UPLOAD_RETRIES ->
                new Text(
                        "Store requests tried again after a transient failure (throttling, 5xx, timeouts, I/O errors).",
                        "Rate rising: the store throttles or fails; commits slow down.");
            case UPLOAD_FAILURES ->
                new Text(
                        "Uploads that failed for good (retries exhausted, or a permanent error such as 403); each "
                                + "fails the task.",
                        "Increase > 0: the task failed; its status trace names the cause and the fix.");
            case OPEN_FILES ->
                new Text("Parquet files being written across the task's units, bounded by dataset.max.open.files.", "");
            case ROW_GROUP_BYTES_BUFFERED ->
                new Text(
                        "Bytes of the open files' row groups buffered in memory, bounded by "
                                + "dataset.max.buffered.bytes.",
                        "Near dataset.max.buffered.bytes most of the time: files are committed early and stay small.");
        };
    }
}
