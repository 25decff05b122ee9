package io.trainset.connect.pipeline;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.Tags;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.InputPartition;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that pauses and resumes the task's input partitions (Connect's {@code SinkTaskContext}): what is
 * paused is what the event-time alignment ({@link InputAlignment}) or the buffer bound ({@link BufferBound}) holds,
 * everything else is resumed. Each unit is told which of its inputs are paused: a paused input's silence does not
 * make it idle (join.idle.timeout.ms).
 */
final class PausedInputs {

    private static final Logger LOG = LoggerFactory.getLogger(PausedInputs.class);

    private final TaskPort task;
    private final TaskMetrics metrics;
    private final BufferBound bound;
    private final InputAlignment alignment;
    private final Set<TopicPartition> paused = new HashSet<>();

    PausedInputs(JoinBuffer buffer, TaskPort task, TaskMetrics metrics) {
        this.task = task;
        this.metrics = metrics;
        this.bound = new BufferBound(buffer.maxBytes(), task);
        this.alignment = new InputAlignment(buffer.alignmentMaxDriftMs());
        metrics.set(Metric.PAUSED_PARTITIONS, 0);
    }

    /** Whether the task holds any input paused (its next put() should come soon, to see a silent input). */
    boolean any() {
        return !paused.isEmpty();
    }

    /** Whether the units spill arriving submissions (the buffer bound's decision). */
    boolean spilling() {
        return bound.spilling();
    }

    /** Partition {@code topic}-{@code partition} delivered a record at {@code nowMs} (for the alignment's silence). */
    void delivering(String topic, int partition, long nowMs) {
        alignment.delivering(topic, partition, nowMs);
    }

    /** The task was not reading until {@code nowMs}: no input's silence before counts. */
    void notReadingUntil(long nowMs) {
        alignment.notReadingUntil(nowMs, task.assignment());
    }

    /** After a put() at {@code nowMs}: decides spilling and what is paused, and pauses and resumes accordingly. */
    void enforce(Map<Integer, UnitPipeline> units, long nowMs) {
        Set<TopicPartition> bounded = bound.enforce(units.values());
        Set<TopicPartition> aligned = Set.of();
        if (alignment.enabled()) {
            Map<Integer, Map<InputPartition, Long>> maxima = new HashMap<>();
            units.forEach((n, unit) -> maxima.put(n, unit.join().inputMaxima()));
            aligned = alignment.hold(maxima, task.assignment(), nowMs);
        }
        apply(aligned, bounded, units.values());
    }

    /** Pauses what {@code aligned} or {@code bounded} holds (of the task's assignment), resumes the rest. */
    private void apply(Set<TopicPartition> aligned, Set<TopicPartition> bounded, Collection<UnitPipeline> units) {
        if (aligned.isEmpty() && bounded.isEmpty() && paused.isEmpty()) {
            return; // the common case: nothing held, nothing to resume
        }
        Set<TopicPartition> wanted = new HashSet<>(aligned);
        wanted.addAll(bounded);
        wanted.retainAll(task.assignment());
        Set<TopicPartition> resume = new HashSet<>(paused);
        resume.removeAll(wanted);
        Set<TopicPartition> pause = new HashSet<>(wanted);
        pause.removeAll(paused);
        if (!resume.isEmpty()) {
            LOG.debug("Resuming {}", resume);
            task.resume(resume);
            paused.removeAll(resume);
        }
        if (!pause.isEmpty()) {
            LOG.debug("Pausing {} (ahead in event time)", pause);
            task.pause(pause);
            paused.addAll(pause);
            for (TopicPartition tp : pause) {
                metrics.increment(
                        Metric.PARTITION_PAUSES,
                        bounded.contains(tp) ? Tags.PauseReason.BUFFER_BOUND : Tags.PauseReason.ALIGNMENT);
            }
        }
        tellUnits(units);
        metrics.set(Metric.PAUSED_PARTITIONS, paused.size());
    }

    /** Tells every unit which inputs are paused (each picks its own), so that their silence is not idleness. */
    private void tellUnits(Collection<UnitPipeline> units) {
        Set<InputPartition> pausedInputs = new HashSet<>();
        for (TopicPartition partition : paused) {
            pausedInputs.add(new InputPartition(partition.topic(), partition.partition()));
        }
        for (UnitPipeline unit : units) {
            unit.join().pausedInputs(pausedInputs);
        }
    }

    /** Forgets revoked partitions (a revoked partition is no longer paused by this task). */
    void forget(Collection<TopicPartition> partitions) {
        bound.forget(partitions);
        alignment.forget(partitions);
        paused.removeAll(partitions);
        metrics.set(Metric.PAUSED_PARTITIONS, paused.size());
    }

    /**
     * Resumes newly opened partitions. Connect remembers the partitions a task paused and pauses
     * them again when they are assigned back; a unit opens with nothing held, so none of its
     * partitions may stay paused (it would never be resumed: it is in no pause of ours).
     */
    void opened(Collection<TopicPartition> partitions) {
        task.resume(partitions);
    }
}
