package io.trainset.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.storage.ForwardingObjectStore;
import io.trainset.connect.storage.LocalObjectStore;
import io.trainset.connect.testing.ConnectorProps;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainsetSinkTaskTest {

    @TempDir
    Path root;

    @Test
    void stopReleasesTheStoreEvenWhenClosingThePipelineFails() throws IOException {
        AtomicBoolean storeClosed = new AtomicBoolean();
        LocalObjectStore local = new LocalObjectStore(root);
        Wiring wiring = new Wiring((url, s3) -> new ForwardingObjectStore(local) {
            @Override
            public void close() {
                storeClosed.set(true);
                super.close();
            }
        }, Clock.systemUTC());
        TrainsetSinkTask task = new TrainsetSinkTask(wiring);
        List<TopicPartition> partitions = List.of(new TopicPartition("issues", 0), new TopicPartition("resolutions", 0));
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

    /** A context with {@code assigned}, no reporter and no metrics: all the task asks of it here. */
    private static SinkTaskContext context(Set<TopicPartition> assigned) {
        return (SinkTaskContext) Proxy.newProxyInstance(SinkTaskContext.class.getClassLoader(),
                new Class<?>[] {SinkTaskContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "configs" -> Map.of();
                    case "assignment" -> assigned;
                    default -> null;
                });
    }
}
