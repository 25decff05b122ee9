package io.trainset.connect.pipeline;

import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.Millis;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Event-time alignment of a join unit's inputs ({@code join.alignment.max.drift.ms}; Flink calls it watermark
 * alignment): an input partition whose highest event time runs ahead of its unit's slowest <em>active</em> input by
 * more than the drift is held (the task pauses it) until the slowest one is within half the drift of it. So the
 * join buffer holds the window, not a backlog of one side read ahead of the other (the consumer fetches by bytes:
 * small records come in far more per fetch than large ones).
 *
 * <p>Only active inputs hold others back: an input that delivered nothing for {@link #SILENT_MS} of reading time
 * (at its end, or empty) is left out, so a silent input never keeps the others paused; a unit with an active input
 * that has delivered no event yet holds nothing (its time is unknown). A held input counts as active (its silence is
 * ours). What is actually paused is decided in one place, {@link PausedInputs}, with the buffer bound's pauses.
 */
final class InputAlignment {

    /** An input that delivered nothing for this long while the task was reading no longer holds the others. */
    static final long SILENT_MS = 3_000;

    private final long maxDriftMs;
    private final Map<TopicPartition, Long> lastDeliveredMs = new HashMap<>();
    private final Set<TopicPartition> held = new HashSet<>();

    /** @param maxDriftMs how far an input's event time may run ahead of its unit's slowest; 0: no alignment */
    InputAlignment(long maxDriftMs) {
        this.maxDriftMs = maxDriftMs;
    }

    boolean enabled() {
        return maxDriftMs > 0;
    }

    /** Partition {@code topic}-{@code partition} delivered a record at {@code nowMs}. */
    void delivering(String topic, int partition, long nowMs) {
        if (enabled()) {
            lastDeliveredMs.put(new TopicPartition(topic, partition), nowMs);
        }
    }

    /** The task was not reading until {@code nowMs} (opened partitions, a stalled put): no input's silence before counts. */
    void notReadingUntil(long nowMs, Collection<TopicPartition> partitions) {
        if (enabled()) {
            partitions.forEach(tp -> lastDeliveredMs.merge(tp, nowMs, Math::max));
        }
    }

    /** Forgets revoked partitions. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(lastDeliveredMs::remove);
        held.removeAll(partitions);
    }

    /**
     * Decides which of the {@code assigned} input partitions are held at {@code nowMs}, given each unit's highest
     * event time per input ({@code maximaByUnit}: by unit number; an input without an entry delivered no event).
     */
    Set<TopicPartition> hold(
            Map<Integer, Map<InputPartition, Long>> maximaByUnit, Set<TopicPartition> assigned, long nowMs) {
        if (!enabled()) {
            return Set.of();
        }
        Map<Integer, List<TopicPartition>> inputsByUnit = new HashMap<>();
        for (TopicPartition tp : assigned) {
            inputsByUnit.computeIfAbsent(tp.partition(), n -> new ArrayList<>()).add(tp);
        }
        Set<TopicPartition> next = new HashSet<>();
        inputsByUnit.forEach(
                (unit, inputs) -> next.addAll(holdInUnit(inputs, maximaByUnit.getOrDefault(unit, Map.of()), nowMs)));
        held.clear();
        held.addAll(next);
        return Set.copyOf(next);
    }

    private Set<TopicPartition> holdInUnit(List<TopicPartition> inputs, Map<InputPartition, Long> maxima, long nowMs) {
        Map<TopicPartition, Long> active = new HashMap<>();
        for (TopicPartition tp : inputs) {
            if (held.contains(tp)) {
                lastDeliveredMs.put(tp, nowMs); // paused by us: its silence says nothing
            } else if (nowMs - lastDeliveredMs.computeIfAbsent(tp, k -> nowMs) >= SILENT_MS) {
                continue;
            }
            Long maxMs = maxima.get(new InputPartition(tp.topic(), tp.partition()));
            if (maxMs == null) {
                return Set.of(); // an active input's event time is unknown yet: nothing to align to
            }
            active.put(tp, maxMs);
        }
        if (active.size() < 2) {
            return Set.of();
        }
        long slowest = active.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        Set<TopicPartition> hold = new HashSet<>();
        active.forEach((tp, maxMs) -> {
            long allowed = Millis.plus(slowest, held.contains(tp) ? maxDriftMs / 2 : maxDriftMs);
            if (maxMs > allowed) {
                hold.add(tp);
            }
        });
        return hold;
    }
}
