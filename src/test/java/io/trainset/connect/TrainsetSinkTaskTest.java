package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.ConnectorProps;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

class TrainsetSinkTaskTest {

    @TempDir
    Path root;

    @Test
    void stopReleasesTheStoreEvenWhenClosingThePipelineFails() throws IOException {
        AtomicBoolean storeClosed = new AtomicBoolean();
        LocalObjectStore local = new LocalObjectStore(root);
        Wiring wiring = new Wiring(
                (url, s3) -> new ForwardingObjectStore(local) {
                    @Override
                    public void close() {
                        storeClosed.set(true);
                        super.close();
                    }
                },
                Clock.systemUTC());
        TrainsetSinkTask task = new TrainsetSinkTask(wiring);
        List<TopicPartition> partitions =
                List.of(new TopicPartition("issues", 0), new TopicPartition("resolutions", 0));
        task.initialize(context(Set.copyOf(partitions)));
        task.start(ConnectorProps.of("output.url", root.toUri().toString()));
        task.open(partitions);

        // A worker that shuts down interrupts the task thread: closing the open unit, which waits for its
        // writer threads, fails.
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(task::stop).isInstanceOf(ConnectException.class).hasMessageContaining("Interrupted");
        } finally {
            Thread.interrupted();
        }

        assertThat(storeClosed).isTrue();
    }

    /**
     * On a worker without plugin metrics (this context has none) the task's metrics are MBeans named after Connect's
     * logging context from start until stop, a unit's from its opening until its closing.
     */
    @Test
    void theTaskPublishesItsMetricsFromStartUntilStop() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName task = new ObjectName("trainset:type=task-metrics,connector=metrics-test,task=3");
        ObjectName unit = new ObjectName("trainset:type=unit-metrics,connector=metrics-test,task=3,unit=0");
        TrainsetSinkTask sinkTask =
                new TrainsetSinkTask(new Wiring((url, s3) -> new LocalObjectStore(root), Clock.systemUTC()));
        List<TopicPartition> partitions =
                List.of(new TopicPartition("issues", 0), new TopicPartition("resolutions", 0));
        sinkTask.initialize(context(Set.copyOf(partitions)));
        MDC.put("connector.context", "[metrics-test|task-3] ");
        try {
            sinkTask.start(ConnectorProps.of("output.url", root.toUri().toString()));
            assertThat(jmx.isRegistered(task)).isTrue();
            assertThat(jmx.isRegistered(unit)).isFalse();

            sinkTask.open(partitions);
            assertThat(jmx.getAttribute(unit, "checkpoint-age-ms")).isInstanceOf(Double.class);
            sinkTask.put(List.of());
            assertThat(jmx.getAttribute(new ObjectName(task + ",side=submitted"), "records-read-total"))
                    .isEqualTo(0.0);
        } finally {
            sinkTask.stop();
            MDC.remove("connector.context");
        }
        assertThat(jmx.queryNames(new ObjectName("trainset:connector=metrics-test,*"), null))
                .isEmpty();
    }

    /** A context with {@code assigned}, no reporter and no metrics: all the task asks of it here. */
    private static SinkTaskContext context(Set<TopicPartition> assigned) {
        return (SinkTaskContext) Proxy.newProxyInstance(
                SinkTaskContext.class.getClassLoader(),
                new Class<?>[] {SinkTaskContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "configs" -> Map.of();
                    case "assignment" -> assigned;
                    default -> null;
                });
    }
}
