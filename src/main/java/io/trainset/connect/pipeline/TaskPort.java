package io.trainset.connect.pipeline;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** What the pipeline asks of the task's consumer (the Connect task context), behind a seam for tests. */
public interface TaskPort {

    /** Every partition currently assigned to the task. */
    Set<TopicPartition> assignment();

    /** Moves partitions back to the given offsets. */
    void rewind(Map<TopicPartition, Long> offsets);

    /** Stops fetching from partitions until resumed. */
    void pause(Collection<TopicPartition> partitions);

    /** Fetches from paused partitions again. */
    void resume(Collection<TopicPartition> partitions);

    /**
     * Asks for the next {@code put()} within {@code delayMs} even if no record arrives (a consumer with
     * nothing new would otherwise wait until the worker's next offset commit).
     */
    void wakeWithin(long delayMs);
}
