package io.trainset.connect.pipeline;

import io.trainset.connect.model.InputPartition;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the join's buffered events under a byte bound without dropping anything, the last line of defence behind
 * the event-time alignment ({@link InputAlignment}): above the bound the units spill the values of arriving
 * submissions to disk ({@link #spilling}) until the buffer is under 80% of it again, and the inputs that run ahead
 * of their unit's slowest input are held (their events cannot be decided until the slow ones catch up); they are
 * released when they no longer run ahead, or all of them below 80% of the bound. {@link PausedInputs} pauses and
 * resumes what this and the alignment hold.
 */
final class BufferBound {

    private static final Logger LOG = LoggerFactory.getLogger(BufferBound.class);

    private final long maxBytes;
    private final TaskPort task;
    private final Set<TopicPartition> held = new HashSet<>();
    private boolean spilling;

    BufferBound(long maxBytes, TaskPort task) {
        this.maxBytes = maxBytes;
        this.task = task;
    }

    /** Whether the units spill arriving submissions: set above the bound, cleared under 80% of it. */
    boolean spilling() {
        return spilling;
    }

    /** Decides spilling and which inputs the bound holds now (returned). */
    Set<TopicPartition> enforce(Collection<UnitPipeline> units) {
        long bytes = units.stream().mapToLong(u -> u.join().heldBytes()).sum();
        if (bytes > maxBytes && !spilling) {
            LOG.info("Join buffer holds ~{} bytes (bound {}): spilling arriving submissions to disk", bytes, maxBytes);
            spilling = true;
        } else if (bytes < maxBytes / 10 * 8 && spilling) {
            LOG.info("Join buffer holds ~{} bytes (bound {}): no longer spilling", bytes, maxBytes);
            spilling = false;
        }
        if (bytes <= maxBytes && held.isEmpty()) {
            return Set.of(); // the common case: nothing to hold or release
        }
        Set<TopicPartition> ahead = inputsAhead(units);
        if (bytes > maxBytes) {
            Set<TopicPartition> hold = new HashSet<>(ahead);
            hold.removeAll(held);
            if (!hold.isEmpty()) {
                LOG.info(
                        "Join buffer holds ~{} bytes (bound {}): pausing {} until the slower inputs catch up",
                        bytes,
                        maxBytes,
                        hold);
                held.addAll(hold);
            }
        } else if (!held.isEmpty() && bytes < maxBytes / 10 * 8) {
            LOG.info("Join buffer holds ~{} bytes (bound {}): resuming {}", bytes, maxBytes, held);
            held.clear();
        }
        // An input held for running ahead is released once its unit's slowest input has caught up, even while
        // the task is over the bound: waiting longer cannot release anything of its unit, and memory held by
        // another unit (e.g. behind a silent input) must not stall this one.
        Set<TopicPartition> caughtUp = new HashSet<>(held);
        caughtUp.removeAll(ahead);
        if (!caughtUp.isEmpty()) {
            LOG.info("Resuming {}: no longer ahead of the slowest input of their join unit", caughtUp);
            held.removeAll(caughtUp);
        }
        return Set.copyOf(held);
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

    /** Forgets revoked partitions (a revoked partition is no longer held by this task). */
    void forget(Collection<TopicPartition> partitions) {
        held.removeAll(partitions);
    }
}
