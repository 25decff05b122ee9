package io.trainset.connect;

import io.trainset.connect.metrics.MetricSet;
import io.trainset.connect.metrics.MetricsSink;
import io.trainset.connect.metrics.Series;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's metrics through the worker's plugin metrics (KIP-877, Connect 4.1 and later): Kafka metrics
 * of group {@code plugins} with the worker's tags {@code connector} and {@code task} and ours, each a
 * {@link Measurable} that reads the series. Loaded only once the worker has handed over its
 * {@link PluginMetrics}, so older workers never resolve Kafka's plugin metrics types.
 */
final class PluginMetricsSink implements MetricsSink {

    private static final Logger LOG = LoggerFactory.getLogger(PluginMetricsSink.class);

    private final PluginMetrics metrics;
    private final Map<MetricSet, List<MetricName>> registered = new IdentityHashMap<>();

    PluginMetricsSink(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    /** A sink to {@code context}'s plugin metrics; a linkage error on workers before 4.1, or null if it has none. */
    static PluginMetricsSink of(SinkTaskContext context) {
        PluginMetrics metrics = context.pluginMetrics();
        return metrics == null ? null : new PluginMetricsSink(metrics);
    }

    @Override
    public synchronized void register(MetricSet set) {
        List<MetricName> names = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (Series series : set.series()) {
            try {
                MetricName name = metrics.metricName(
                        series.metric().metricName(), series.metric().description(), series.orderedTags());
                metrics.addMetric(name, (Measurable) (config, nowMs) -> series.read());
                names.add(name);
            } catch (RuntimeException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (firstFailure != null) {
            LOG.warn(
                    "Could not register {} of the {} plugin metrics {} (the first failed with {}); the task goes on "
                            + "without them",
                    set.series().size() - names.size(),
                    set.series().size(),
                    set.tags(),
                    firstFailure.toString());
        }
        registered.put(set, names);
    }

    /** Removes the set's metrics; those the worker already removed (it closes them after the task stops) are skipped. */
    @Override
    public synchronized void unregister(MetricSet set) {
        for (MetricName name : registered.getOrDefault(set, List.of())) {
            try {
                metrics.removeMetric(name);
            } catch (IllegalStateException | IllegalArgumentException e) {
                LOG.debug("Metric {} was already removed: {}", name, e.toString());
            }
        }
        registered.remove(set);
    }

    @Override
    public String describe() {
        return "through the worker's plugin metrics (JMX: kafka.connect:type=plugins,connector=<connector>,"
                + "task=<task>, and ,unit=N per join unit)";
    }
}
