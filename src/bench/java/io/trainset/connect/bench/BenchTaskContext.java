package io.trainset.connect.bench;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The context of a task driven without a worker: a fixed assignment; it notes when the task first
 * asks to pause an input (its buffer bound), after how many records, and the rewinds it asks for
 * (a restored task seeks to its checkpoint; the benchmark feeds it what comes after).
 */
final class BenchTaskContext implements SinkTaskContext {

    private final Map<String, String> configs;
    private final Set<TopicPartition> assignment;
    private long recordsPut;
    private long firstPauseAt = -1;
    private final java.util.List<Map<TopicPartition, Long>> rewinds = new java.util.ArrayList<>();

    BenchTaskContext(Map<String, String> configs, Set<TopicPartition> assignment) {
        this.configs = Map.copyOf(configs);
        this.assignment = Set.copyOf(assignment);
    }

    void recordsPut(long records) {
        recordsPut = records;
    }

    /** Records put when the task first paused an input, or -1. */
    long firstPauseAt() {
        return firstPauseAt;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    /** The rewinds the task asked for, in order. */
    java.util.List<Map<TopicPartition, Long>> rewinds() {
        return rewinds;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        rewinds.add(Map.copyOf(offsets));
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        offset(Map.of(tp, offset));
    }

    @Override
    public void timeout(long timeoutMs) {
        // no retries in the benchmark
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
        if (firstPauseAt < 0) {
            firstPauseAt = recordsPut;
        }
    }

    @Override
    public void resume(TopicPartition... partitions) {
        // the benchmark feeds the task itself
    }

    @Override
    public void requestCommit() {
        // offsets are not committed in the benchmark
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }
}
