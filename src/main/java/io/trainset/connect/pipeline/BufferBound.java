package io.trainset.connect.pipeline;

import io.trainset.connect.metrics.Metric;
import io.trainset.connect.metrics.TaskMetrics;
import io.trainset.connect.model.InputPartition;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the join's buffered events under a byte bound without dropping anything: above the bound
 * the units spill the values of arriving submissions to disk ({@link #spilling}) until the buffer is
 * under 80% of it again, and the inputs that run ahead of their unit's slowest input are paused
 * (their events cannot be decided until the slow ones catch up); they are resumed when they no
 * longer run ahead, or all of them below 80% of the bound. Each unit is told which of its inputs are
 * paused: a paused input's silence does not make it idle (join.idle.timeout.ms).
 */
final class BufferBound {

    private static final Logger LOG = LoggerFactory.getLogger(BufferBound.class);

    private final long maxBytes;
    private final TaskPort task;
    private final TaskMetrics metrics;
    private final Set<TopicPartition> paused = new HashSet<>();
    private boolean spilling;

    BufferBound(long maxBytes, TaskPort task, TaskMetrics metrics) {
        this.maxBytes = maxBytes;
        this.task = task;
        this.metrics = metrics;
        metrics.set(Metric.PAUSED_PARTITIONS, 0);
    }

    /** Whether the units spill arriving submissions: set above the bound, cleared under 80% of it. */
    boolean spilling() {
        return spilling;
    }

    void enforce(Collection<UnitPipeline> units) {
        long held = units.stream().mapToLong(u -> u.join().heldBytes()).sum();
        if (held > maxBytes && !spilling) {
            LOG.info("Join buffer holds ~{} bytes (bound {}): spilling arriving submissions to disk", held, maxBytes);
            spilling = true;
        } else if (held < maxBytes / 10 * 8 && spilling) {
            LOG.info("Join buffer holds ~{} bytes (bound {}): no longer spilling", held, maxBytes);
            spilling = false;
        }
        if (held <= maxBytes && paused.isEmpty()) {
            return; // the common case: nothing to pause or resume (the paused-partitions gauge stays 0)
        }
        Set<TopicPartition> ahead = inputsAhead(units);
        if (held > maxBytes) {
            Set<TopicPartition> pause = new HashSet<>(ahead);
            pause.removeAll(paused);
            if (!pause.isEmpty()) {
                LOG.info(
                        "Join buffer holds ~{} bytes (bound {}): pausing {} until the slower inputs catch up",
                        held,
                        maxBytes,
                        pause);
                task.pause(pause);
                paused.addAll(pause);
            }
        } else if (!paused.isEmpty() && held < maxBytes / 10 * 8) {
            LOG.info("Join buffer holds ~{} bytes (bound {}): resuming {}", held, maxBytes, paused);
            task.resume(Set.copyOf(paused));
            paused.clear();
        }
        // An input paused for running ahead is resumed once its unit's slowest input has caught up, even while
        // the task is over the bound: waiting longer cannot release anything of its unit, and memory held by
        // another unit (e.g. behind a silent input) must not stall this one.
        Set<TopicPartition> caughtUp = new HashSet<>(paused);
        caughtUp.removeAll(ahead);
        if (!caughtUp.isEmpty()) {
            LOG.info("Resuming {}: no longer ahead of the slowest input of their join unit", caughtUp);
            task.resume(caughtUp);
            paused.removeAll(caughtUp);
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

    private Set<TopicPartition> inputsAhead(Collection<UnitPipeline> units) {
        Set<TopicPartition> ahead = new HashSet<>();
        for (UnitPipeline unit : units) {
            for (InputPartition input : unit.inputsAhead()) {
                ahead.add(new TopicPartition(input.topic(), input.partition()));
            }
        }
        ahead.retainAll(task.assignment());
        return ahead;
    }

    /** Forgets revoked partitions (a revoked partition is no longer paused by this task). */
    void forget(Collection<TopicPartition> partitions) {
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
