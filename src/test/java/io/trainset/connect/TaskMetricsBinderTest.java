package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.metrics.MetricsSink;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The binder uses the worker's plugin metrics where there are any, JMX otherwise, and never fails the task. */
class TaskMetricsBinderTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final Supplier<TaskIdentity> task = () -> new TaskIdentity("c", "0");

    @Test
    void aWorkerWithPluginMetricsGetsThem() throws Exception {
        try (Metrics kafka = new Metrics();
                PluginMetricsImpl plugin = new PluginMetricsImpl(kafka, Map.of())) {
            assertThat(TaskMetricsBinder.sinkFor(contextAnswering(() -> plugin), task, server))
                    .isInstanceOf(PluginMetricsSink.class);
        }
    }

    @Test
    void olderWorkersAndContextsWithoutPluginMetricsGetJmx() {
        List<Supplier<Object>> refusals = List.of(
                () -> {
                    throw new NoSuchMethodError("SinkTaskContext.pluginMetrics()");
                },
                () -> {
                    throw new AbstractMethodError("WorkerSinkTaskContext.pluginMetrics()");
                },
                () -> {
                    throw new NoClassDefFoundError("org/apache/kafka/common/metrics/PluginMetrics");
                },
                () -> {
                    throw new UnsupportedOperationException();
                },
                () -> null);
        for (Supplier<Object> refusal : refusals) {
            MetricsSink sink = TaskMetricsBinder.sinkFor(contextAnswering(refusal), task, server);
            assertThat(sink).isInstanceOf(JmxMetrics.class);
            assertThat(sink.describe()).startsWith("as JMX MBeans trainset:type=task-metrics,connector=c,task=0");
        }
        assertThat(TaskMetricsBinder.sinkFor(null, task, server)).isInstanceOf(JmxMetrics.class);
    }

    @Test
    void theTaskIsNamedByConnectsLoggingContextOrItsThread() throws Exception {
        MDC.put(TaskIdentity.CONNECT_CONTEXT, "[my-sink|task-12] ");
        try {
            assertThat(TaskIdentity.current(Map.of("name", "other"))).isEqualTo(new TaskIdentity("my-sink", "12"));
        } finally {
            MDC.remove(TaskIdentity.CONNECT_CONTEXT);
        }
        AtomicReference<TaskIdentity> onTaskThread = new AtomicReference<>();
        Thread worker = new Thread(() -> onTaskThread.set(TaskIdentity.current(Map.of())), "task-thread-a-b-3");
        worker.start();
        worker.join();
        assertThat(onTaskThread).hasValue(new TaskIdentity("a-b", "3"));
        TaskIdentity unnamed = TaskIdentity.current(Map.of("name", "ds"));
        assertThat(unnamed.connector()).isEqualTo("ds");
        assertThat(unnamed.task())
                .startsWith("unidentified-")
                .isNotEqualTo(TaskIdentity.current(Map.of()).task());
    }

    /** A context whose pluginMetrics() answers {@code answer}; every other method is unused here. */
    private static SinkTaskContext contextAnswering(Supplier<?> answer) {
        return (SinkTaskContext) Proxy.newProxyInstance(
                SinkTaskContext.class.getClassLoader(),
                new Class<?>[] {SinkTaskContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("pluginMetrics")) {
                        return answer.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
