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
 * The catalog of Trainset's metrics: the one place their names, kinds, units and tags are written; what
 * each means and the alert an operator should set on it are in {@link MetricDescriptions}, which must
 * describe every one (its switch is exhaustive). docs/metrics.md, the Prometheus rules and the Grafana
 * dashboard in config/ are checked against them. Names are stable: dashboards and alerts depend on them.
 */
public enum Metric {
    RECORDS_READ("records-read-total", COUNT, "records", TASK, SIDE),
    ROWS_WRITTEN("rows-written-total", COUNT, "rows", TASK, STATUS),
    PROVISIONAL_ROWS("provisional-rows-total", COUNT, "rows", TASK, NONE),
    ROWS_COMMITTED("rows-committed-total", COUNT, "rows", TASK, NONE),
    TIMED_OUT_SUBMISSIONS("timed-out-submissions-total", COUNT, "events", TASK, NONE),
    LATE_EVENTS("late-events-total", COUNT, "events", TASK, SIDE),
    ORPHAN_RESOLUTIONS("orphan-resolutions-total", COUNT, "events", TASK, NONE),
    DUPLICATE_EVENTS("duplicate-events-total", COUNT, "events", TASK, SIDE),
    BAD_RECORDS("bad-records-total", COUNT, "records", TASK, BAD_REASON),
    DLQ_RECORDS("dlq-records-total", COUNT, "records", TASK, DLQ_REASON),
    EVENTS_BUFFERED("events-buffered", VALUE, "events", UNIT, NONE),
    BYTES_BUFFERED("bytes-buffered", VALUE, "bytes", UNIT, NONE),
    SPILL_BYTES("spill-bytes", VALUE, "bytes", UNIT, NONE),
    SPILLED_VALUES("spilled-values-total", COUNT, "values", TASK, NONE),
    PAUSED_PARTITIONS("paused-partitions", VALUE, "partitions", TASK, NONE),
    PARTITION_PAUSES("partition-pauses-total", COUNT, "pauses", TASK, PAUSE_REASON),
    WATERMARK("watermark-ms", VALUE, "epoch ms", UNIT, NONE),
    EVENT_TIME_LAG("event-time-lag-ms", WATERMARK, "ms", UNIT),
    CHECKPOINT_AGE("checkpoint-age-ms", null, "ms", UNIT),
    COMMITS("commits-total", COUNT, "commits", TASK, NONE),
    COMMIT_LATENCY("commit-latency-ms-total", COUNT, "ms", TASK, NONE),
    COMMIT_LATENCY_P50("commit-latency-ms-p50", Reading.P50, "ms", TASK, NONE),
    COMMIT_LATENCY_P95("commit-latency-ms-p95", Reading.P95, "ms", TASK, NONE),
    COMMIT_LATENCY_P99("commit-latency-ms-p99", Reading.P99, "ms", TASK, NONE),
    COMMIT_LATENCY_MAX("commit-latency-ms-max", Reading.MAX, "ms", TASK, NONE),
    FILES_FINISHED_IDLE("files-finished-idle-total", COUNT, "files", TASK, NONE),
    FILES_UPLOADED("files-uploaded-total", COUNT, "files", TASK, NONE),
    BYTES_UPLOADED("bytes-uploaded-total", COUNT, "bytes", TASK, NONE),
    UPLOAD_RETRIES("upload-retries-total", COUNT, "attempts", TASK, NONE),
    UPLOAD_FAILURES("upload-failures-total", COUNT, "uploads", TASK, NONE),
    OPEN_FILES("open-files", VALUE, "files", TASK, NONE),
    ROW_GROUP_BYTES_BUFFERED("row-group-bytes-buffered", VALUE, "bytes", TASK, NONE);

    private final String metricName;
    private final Reading reading;
    private final String unit;
    private final Scope scope;
    private final Dimension dimension;
    private final Metric base;

    Metric(String metricName, Reading reading, String unit, Scope scope, Dimension dimension) {
        this(metricName, reading, unit, scope, dimension, null);
    }

    /** An {@link Reading#AGE age}: the clock minus the instant set for {@code base} (null: for itself). */
    Metric(String metricName, Metric base, String unit, Scope scope) {
        this(metricName, AGE, unit, scope, NONE, base);
    }

    private Metric(String metricName, Reading reading, String unit, Scope scope, Dimension dimension, Metric base) {
        this.metricName = metricName;
        this.reading = reading;
        this.unit = unit;
        this.scope = scope;
        this.dimension = dimension;
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

    /** What it measures ({@link MetricDescriptions}): the JMX and Kafka metric description, and docs/metrics.md's. */
    public String description() {
        return MetricDescriptions.of(this).description();
    }

    /** The alert an operator should set on it, or empty when it is for graphs only ({@link MetricDescriptions}). */
    public String alert() {
        return MetricDescriptions.of(this).alert();
    }

    public boolean alertable() {
        return !alert().isEmpty();
    }

    /** The metric whose instant an {@link Reading#AGE age} is measured from: its base, or itself. */
    Metric ageOf() {
        return base == null ? this : base;
    }
}
