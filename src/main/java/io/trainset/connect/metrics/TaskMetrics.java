package io.trainset.connect.metrics;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics of one task and of its open join units, published through a {@link MetricsSink} from
 * construction until {@link #close()}. A unit's metrics are published from {@link #openUnit} until
 * {@link #closeUnit}. Safe to use from the task's threads (task, writer, uploads) at once.
 */
public final class TaskMetrics extends Recorder implements AutoCloseable {

    private final Clock clock;
    private final MetricsSink sink;
    private final MetricSet set;
    private final LatencyWindow latencies = new LatencyWindow();
    private final Map<Integer, UnitMetrics> units = new ConcurrentHashMap<>();

    public TaskMetrics(Clock clock, MetricsSink sink) {
        this(clock, sink, true);
    }

    private TaskMetrics(Clock clock, MetricsSink sink, boolean recording) {
        super(Scope.TASK, clock, recording);
        this.clock = clock;
        this.sink = sink;
        this.set = metricSet(Map.of());
        sink.register(set);
    }

    /** Metrics recorded but published nowhere: for tests and tools without a worker. */
    public static TaskMetrics unpublished(Clock clock) {
        return new TaskMetrics(clock, MetricsSink.NONE);
    }

    /**
     * Metrics that record nothing and are published nowhere (every call still checks its arguments): the
     * benchmark runs the task with them to measure what recording costs (docs/performance.md).
     */
    public static TaskMetrics discarding(Clock clock) {
        return new TaskMetrics(clock, MetricsSink.NONE, false);
    }

    /** A unit's checkpoint was created now; its commit was requested at {@code requestedAtMs} (epoch ms). */
    public void committedSince(long requestedAtMs) {
        committed(recording() ? clock.millis() - requestedAtMs : 0);
    }

    /** A unit's checkpoint was created {@code latencyMs} after its commit was requested. */
    public void committed(long latencyMs) {
        increment(Metric.COMMITS);
        add(Metric.COMMIT_LATENCY, Math.max(latencyMs, 0));
        if (recording()) {
            latencies.record(Math.max(latencyMs, 0));
        }
    }

    /**
     * The metrics of unit {@code unit}, published until {@link #closeUnit}; its checkpoint age counts
     * from now until {@link Metric#CHECKPOINT_AGE} is marked. A unit opened again starts afresh.
     */
    public UnitMetrics openUnit(int unit) {
        UnitMetrics metrics = new UnitMetrics(unit, clock, recording());
        UnitMetrics previous = units.put(unit, metrics);
        if (previous != null) {
            sink.unregister(previous.set());
        }
        sink.register(metrics.set());
        return metrics;
    }

    /** Stops publishing unit {@code unit}'s metrics; a unit not open is ignored. */
    public void closeUnit(int unit) {
        UnitMetrics metrics = units.remove(unit);
        if (metrics != null) {
            sink.unregister(metrics.set());
        }
    }

    /** Where the metrics are published, for the task's start line. */
    public String publishedTo() {
        return sink.describe();
    }

    @Override
    double latency(Metric percentile) {
        return latencies.quantile(percentile.reading().quantile());
    }

    /** Stops publishing every metric of the task and its units. */
    @Override
    public void close() {
        units.keySet().forEach(this::closeUnit);
        sink.unregister(set);
    }
}
