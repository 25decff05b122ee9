package io.trainset.connect;

import io.trainset.connect.pipeline.TaskPort;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** The pipeline's {@link TaskPort} over Connect's {@link SinkTaskContext}. */
final class ContextPort implements TaskPort {

    private final SinkTaskContext context;

    ContextPort(SinkTaskContext context) {
        this.context = context;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return context.assignment();
    }

    @Override
    public void rewind(Map<TopicPartition, Long> offsets) {
        context.offset(offsets);
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        context.pause(partitions.toArray(TopicPartition[]::new));
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        context.resume(partitions.toArray(TopicPartition[]::new));
    }

    /**
     * {@link SinkTaskContext#timeout}: the worker caps its next consumer poll at this (once), so an
     * idle task's put() comes when a file is due, not only at the next offset commit.
     */
    @Override
    public void wakeWithin(long delayMs) {
        context.timeout(delayMs);
    }
}
