package io.trainset.connect;

import io.trainset.connect.metrics.MetricsSink;
import io.trainset.connect.metrics.TaskMetrics;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a task's metrics where its worker offers: through the worker's plugin metrics on Connect
 * 4.1 and later (KIP-877), else as JMX MBeans under the {@code trainset} domain. Call {@link #bind} on
 * the task's thread in {@code start} (the logging context names the task) and close the metrics in
 * {@code stop}.
 */
public final class TaskMetricsBinder {

    private static final Logger LOG = LoggerFactory.getLogger(TaskMetricsBinder.class);

    private TaskMetricsBinder() {}

    public static TaskMetrics bind(SinkTaskContext context, Map<String, String> props, Clock clock) {
        TaskMetrics metrics = new TaskMetrics(
                clock, sinkFor(context, () -> TaskIdentity.current(props), ManagementFactory.getPlatformMBeanServer()));
        LOG.info("Task metrics are published {}", metrics.publishedTo());
        return metrics;
    }

    static MetricsSink sinkFor(SinkTaskContext context, Supplier<TaskIdentity> task, MBeanServer server) {
        MetricsSink plugin = pluginMetrics(context);
        return plugin != null ? plugin : new JmxMetrics(server, task.get());
    }

    /**
     * A sink to the worker's plugin metrics, or null where it has none: a worker before 4.1 has no such
     * method or type (NoSuchMethodError, NoClassDefFoundError, AbstractMethodError: all linkage errors,
     * thrown inside {@link PluginMetricsSink}, which only then is loaded), and a context outside a worker
     * may refuse (UnsupportedOperationException).
     */
    static MetricsSink pluginMetrics(SinkTaskContext context) {
        if (context == null) {
            return null;
        }
        try {
            return PluginMetricsSink.of(context);
        } catch (LinkageError | UnsupportedOperationException e) {
            LOG.debug("The worker offers no plugin metrics ({}): registering JMX MBeans", e.toString());
            return null;
        }
    }
}
