package io.trainset.connect.metrics;

import static io.trainset.connect.metrics.Dimension.BAD_REASON;
import static io.trainset.connect.metrics.Dimension.DLQ_REASON;
import static io.trainset.connect.metrics.Dimension.NONE;
import static io.trainset.connect.metrics.Dimension.PAUSE_REASON;
import static io.trainset.connect.metrics.Dimension.SIDE;
import static io.trainset.connect.metrics.Dimension.STATUS;
import static io.trainset.connect.metrics.Reading.AGE;
import static io.trainset.connect.metrics.Reading.COUNT;
import static io.trainset.connect.metrics.Reading.VALUE;
import static io.trainset.connect.metrics.Scope.TASK;
import static io.trainset.connect.metrics.Scope.UNIT;

/**
 * The catalog of Trainset's metrics: the one place their names, kinds, units, tags, meaning and the
 * alert an operator should set are written. docs/metrics.md, the Prometheus rules and the Grafana
 * dashboard in config/ are checked against it. Names are stable: dashboards and alerts depend on them.
 */
public enum Metric {
    RECORDS_READ(
            "records-read-total",
            COUNT,
            "records",
            TASK,
            SIDE,
            "Records the task read and turned into join events, by input side (a record that cannot be is "
                    + "counted in bad-records-total instead).",
            "Rate 0 while the consumer lag of the connector's group grows: the task does not read."),
    ROWS_WRITTEN(
            "rows-written-total",
            COUNT,
            "rows",
            TASK,
            STATUS,
            "Rows the join produced and the task wrote to the dataset's open files, by join_status; they are "
                    + "published with their unit's next commit (a unit revoked before it is written again by its "
                    + "next owner). The provisional rows of the early-label mode are counted in "
                    + "provisional-rows-total instead.",
            ""),
    PROVISIONAL_ROWS(
            "provisional-rows-total",
            COUNT,
            "rows",
            TASK,
            NONE,
            "Provisional rows (join_status=provisional, label null) the task wrote to the dataset's open files: "
                    + "cases still unresolved at their early point (join.early.window.ms). Each case's final row "
                    + "follows in rows-written-total, except with join.timed.out.policy drop or dlq for a case never "
                    + "resolved: its provisional row is never superseded. 0 while the mode is off.",
            ""),
    ROWS_COMMITTED(
            "rows-committed-total",
            COUNT,
            "rows",
            TASK,
            NONE,
            "Rows in the files of the task's commits, counted when the commit's checkpoint is created: what "
                    + "readers of the dataset see.",
            ""),
    TIMED_OUT_SUBMISSIONS(
            "timed-out-submissions-total",
            COUNT,
            "events",
            TASK,
            NONE,
            "Submissions whose window closed without a resolution, whatever join.timed.out.policy does with "
                    + "them (emit: they are also rows with status timed-out).",
            ""),
    LATE_EVENTS(
            "late-events-total",
            COUNT,
            "events",
            TASK,
            SIDE,
            "Events behind their input's watermark (older than join.grace.ms allows), whatever "
                    + "join.late.policy does with them.",
            "Rate > 0 for more than a few minutes: raise join.grace.ms to your producers' disorder."),
    ORPHAN_RESOLUTIONS(
            "orphan-resolutions-total",
            COUNT,
            "events",
            TASK,
            NONE,
            "Resolutions that matched no submission in their window, whatever join.orphan.policy does with them.",
            "Rate above a few percent of records-read-total{side=resolved}: check the keys and join.window.*."),
    DUPLICATE_EVENTS(
            "duplicate-events-total",
            COUNT,
            "events",
            TASK,
            SIDE,
            "Exact redeliveries of an event the join already holds (no second row); expected after a restart.",
            ""),
    BAD_RECORDS(
            "bad-records-total",
            COUNT,
            "records",
            TASK,
            BAD_REASON,
            "Records that cannot become part of the dataset, by reason; each is logged at WARN (throttled per "
                    + "reason) with its topic, partition, offset and the fix.",
            "Rate > 0: read the task's WARN lines for the reason and the fix."),
    DLQ_RECORDS(
            "dlq-records-total",
            COUNT,
            "records",
            TASK,
            DLQ_REASON,
            "Records handed to the worker's error reporter (the dead-letter queue with "
                    + "errors.deadletterqueue.topic.name), by reason.",
            "Rate > 0: records leave the dataset; look at the dead-letter topic's headers."),
    EVENTS_BUFFERED(
            "events-buffered",
            VALUE,
            "events",
            UNIT,
            NONE,
            "Events the unit's join holds until their key is decided.",
            ""),
    BYTES_BUFFERED(
            "bytes-buffered",
            VALUE,
            "bytes",
            UNIT,
            NONE,
            "Estimated heap bytes of the events the unit's join holds; the task's sum is kept near "
                    + "join.buffer.max.bytes by spilling and pausing.",
            "Sum per task above 0.8 x join.buffer.max.bytes for long: inputs are paused and values spilled."),
    SPILL_BYTES(
            "spill-bytes",
            VALUE,
            "bytes",
            UNIT,
            NONE,
            "Bytes of the unit's live spill segments on disk.",
            "Sum per worker approaching the free space of join.spill.dir."),
    SPILLED_VALUES(
            "spilled-values-total",
            COUNT,
            "values",
            TASK,
            NONE,
            "Submission values written to the units' spill files on disk (join.spill.dir) instead of held in "
                    + "the heap, while the join buffer is over join.buffer.max.bytes.",
            ""),
    PAUSED_PARTITIONS(
            "paused-partitions",
            VALUE,
            "partitions",
            TASK,
            NONE,
            "Input partitions the task holds paused: they run ahead of their unit's slowest active input by more "
                    + "than join.alignment.max.drift.ms, or while the buffer is over join.buffer.max.bytes.",
            "> 0 for long while no backlog is read (alignment pauses are routine in a backfill): a slow input "
                    + "holds the others back; see partition-pauses-total's reason."),
    PARTITION_PAUSES(
            "partition-pauses-total",
            COUNT,
            "pauses",
            TASK,
            PAUSE_REASON,
            "Times the task paused an input partition, by reason: event-time alignment (routine while one input "
                    + "is read ahead of the other, e.g. a backlog) or the buffer bound (the last line of defence).",
            "Rate of reason=buffer-bound > 0: the buffer is full; raise join.buffer.max.bytes or lower "
                    + "join.alignment.max.drift.ms."),
    WATERMARK(
            "watermark-ms",
            VALUE,
            "epoch ms",
            UNIT,
            NONE,
            "The unit's watermark: the lowest of its input partitions' watermarks, in event time; NaN before "
                    + "the unit has one.",
            ""),
    EVENT_TIME_LAG(
            "event-time-lag-ms",
            WATERMARK,
            "ms",
            UNIT,
            "The worker's clock minus watermark-ms: how far the unit's decisions trail real time (join.grace.ms "
                    + "plus the inputs' delivery delay while they flow; a timed-out row waits join.window.after.ms "
                    + "more).",
            "Growing for 15 minutes, or above join.grace.ms + your producers' delay + join.idle.timeout.ms: an "
                    + "input is silent or stuck."),
    CHECKPOINT_AGE(
            "checkpoint-age-ms",
            null,
            "ms",
            UNIT,
            "Time since the unit's newest checkpoint was created (since the unit was opened while it has none).",
            "> 3 x rotate.interval.ms: the unit does not commit (store failures, or nothing due)."),
    COMMITS(
            "commits-total",
            COUNT,
            "commits",
            TASK,
            NONE,
            "Unit commits whose checkpoint was created: their files are then published.",
            "Rate 0 for 3 x rotate.interval.ms while records-read-total grows: commits are stuck."),
    COMMIT_LATENCY(
            "commit-latency-ms-total",
            COUNT,
            "ms",
            TASK,
            NONE,
            "Sum of the commit latencies (from the task thread's commit request to the creation of the "
                    + "checkpoint); its rate divided by the rate of commits-total is the mean latency.",
            ""),
    COMMIT_LATENCY_P50(
            "commit-latency-ms-p50",
            Reading.P50,
            "ms",
            TASK,
            NONE,
            "Median commit latency over the task's last 1024 commits; NaN before the first.",
            ""),
    COMMIT_LATENCY_P95(
            "commit-latency-ms-p95",
            Reading.P95,
            "ms",
            TASK,
            NONE,
            "95th percentile of the commit latency over the task's last 1024 commits.",
            ""),
    COMMIT_LATENCY_P99(
            "commit-latency-ms-p99",
            Reading.P99,
            "ms",
            TASK,
            NONE,
            "99th percentile of the commit latency over the task's last 1024 commits.",
            "Above rotate.interval.ms / 2, or rising: the store slows commits down."),
    COMMIT_LATENCY_MAX(
            "commit-latency-ms-max",
            Reading.MAX,
            "ms",
            TASK,
            NONE,
            "Longest commit latency over the task's last 1024 commits.",
            ""),
    FILES_FINISHED_IDLE(
            "files-finished-idle-total",
            COUNT,
            "files",
            TASK,
            NONE,
            "Files finished because none of their unit's open files got a row for rotate.inactivity.ms (a burst "
                    + "or backfill ended), then committed, rather than at flush.size or rotate.interval.ms.",
            ""),
    FILES_UPLOADED(
            "files-uploaded-total",
            COUNT,
            "files",
            TASK,
            NONE,
            "Parquet files uploaded to the store (to their staging key; published once the checkpoint exists).",
            ""),
    BYTES_UPLOADED(
            "bytes-uploaded-total",
            COUNT,
            "bytes",
            TASK,
            NONE,
            "Bytes of the Parquet files uploaded to the store.",
            ""),
    UPLOAD_RETRIES(
            "upload-retries-total",
            COUNT,
            "attempts",
            TASK,
            NONE,
            "Store requests tried again after a transient failure (throttling, 5xx, timeouts, I/O errors).",
            "Rate rising: the store throttles or fails; commits slow down."),
    UPLOAD_FAILURES(
            "upload-failures-total",
            COUNT,
            "uploads",
            TASK,
            NONE,
            "Uploads that failed for good (retries exhausted, or a permanent error such as 403); each fails the "
                    + "task.",
            "Increase > 0: the task failed; its status trace names the cause and the fix."),
    OPEN_FILES(
            "open-files",
            VALUE,
            "files",
            TASK,
            NONE,
            "Parquet files being written across the task's units, bounded by dataset.max.open.files.",
            ""),
    ROW_GROUP_BYTES_BUFFERED(
            "row-group-bytes-buffered",
            VALUE,
            "bytes",
            TASK,
            NONE,
            "Bytes of the open files' row groups buffered in memory, bounded by dataset.max.buffered.bytes.",
            "Near dataset.max.buffered.bytes most of the time: files are committed early and stay small.");

    private final String metricName;
    private final Reading reading;
    private final String unit;
    private final Scope scope;
    private final Dimension dimension;
    private final String description;
    private final String alert;
    private final Metric base;

    Metric(
            String metricName,
            Reading reading,
            String unit,
            Scope scope,
            Dimension dimension,
            String description,
            String alert) {
        this(metricName, reading, unit, scope, dimension, description, alert, null);
    }

    /** An {@link Reading#AGE age}: the clock minus the instant set for {@code base} (null: for itself). */
    Metric(String metricName, Metric base, String unit, Scope scope, String description, String alert) {
        this(metricName, AGE, unit, scope, NONE, description, alert, base);
    }

    private Metric(
            String metricName,
            Reading reading,
            String unit,
            Scope scope,
            Dimension dimension,
            String description,
            String alert,
            Metric base) {
        this.metricName = metricName;
        this.reading = reading;
        this.unit = unit;
        this.scope = scope;
        this.dimension = dimension;
        this.description = description;
        this.alert = alert;
        this.base = base;
    }

    /** The stable name, e.g. {@code records-read-total}: the JMX attribute and Kafka metric name. */
    public String metricName() {
        return metricName;
    }

    /** The name Prometheus' JMX exporter gives it with config/prometheus-jmx-trainset.yml. */
    public String prometheusName() {
        return "trainset_" + metricName.replace('-', '_');
    }

    public Reading reading() {
        return reading;
    }

    public Reading.Type type() {
        return reading.type();
    }

    public String unit() {
        return unit;
    }

    public Scope scope() {
        return scope;
    }

    public Dimension dimension() {
        return dimension;
    }

    public String description() {
        return description;
    }

    /** The alert an operator should set on it, or empty when it is for graphs only. */
    public String alert() {
        return alert;
    }

    public boolean alertable() {
        return !alert.isEmpty();
    }

    /** The metric whose instant an {@link Reading#AGE age} is measured from: its base, or itself. */
    Metric ageOf() {
        return base == null ? this : base;
    }
}
