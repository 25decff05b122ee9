package io.trainset.connect.join;

import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.Millis;
import io.trainset.connect.model.SourcePosition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The event-time progress of one join unit. Each input partition's watermark is the highest
 * timestamp read from it minus the grace; the unit's watermark is the lowest of them (none until
 * every input has delivered) and never goes back. With an idle timeout, an input that has been
 * silent that long by the wall clock (and is not paused) holds the unit back no further than the
 * worker clock minus the idle timeout and the grace: a caught-up backfill closes its windows even
 * though its event times are weeks behind the clock. A unit none of whose inputs delivered stays
 * without a watermark. Semantics: docs/join-semantics.md, "Quiet streams and backfills".
 */
final class Watermarks {

    static final long NONE = Long.MIN_VALUE;

    private final long graceMs;
    private final long idleMs;
    private final Map<InputPartition, Input> inputs = new HashMap<>();
    /** The same inputs for the per-event lookups: a few, found by topic and partition without a key object. */
    private final Input[] list;

    private long unitMs = NONE;

    Watermarks(Set<InputPartition> partitions, long graceMs, long idleMs, long nowMs) {
        this.graceMs = graceMs;
        this.idleMs = idleMs;
        partitions.forEach(p -> inputs.put(p, new Input(p, nowMs)));
        this.list = inputs.values().toArray(new Input[0]);
    }

    /** The unit's watermark: every decision at or before it is final. */
    long unit() {
        return unitMs;
    }

    /** The watermark an event read at {@code source} must not be behind; throws for a foreign partition. */
    long lateBound(SourcePosition source) {
        return Math.max(inputOf(source).watermark(graceMs), unitMs);
    }

    /** Records an event read at {@code source}. */
    void observe(SourcePosition source, long timestampMs, long nowMs) {
        Input input = inputOf(source);
        input.maxMs = Math.max(input.maxMs, timestampMs);
        input.lastReadMs = nowMs;
    }

    private Input inputOf(SourcePosition source) {
        for (Input input : list) {
            if (input.partition.partition() == source.partition()
                    && input.partition.topic().equals(source.topic())) {
                return input;
            }
        }
        throw new IllegalArgumentException(
                "Event " + source + " is not from an input of this unit: " + inputs.keySet());
    }

    /**
     * Counts the input partition {@code topic}-{@code partition} as delivering at {@code nowMs}, whether or
     * not its record becomes an event (a bad record, one a checkpoint covers): it is not silent. Ignores a
     * partition that is not an input of this unit.
     */
    void delivering(String topic, int partition, long nowMs) {
        for (Input input : list) {
            if (input.partition.partition() == partition
                    && input.partition.topic().equals(topic)) {
                input.lastReadMs = Math.max(input.lastReadMs, nowMs);
                return;
            }
        }
    }

    /** Starts every input's silence again at {@code nowMs}: the task was not reading before it. */
    void notReadingUntil(long nowMs) {
        for (Input input : list) {
            input.lastReadMs = Math.max(input.lastReadMs, nowMs);
        }
    }

    /**
     * Recomputes the unit's watermark at wall-clock time {@code nowMs}; returns it. An idle input's
     * watermark is at least the clock minus the idle timeout and the grace; a paused input is never
     * idle (its silence is counted again from its resumption).
     */
    long advance(long nowMs) {
        long idleHorizon = plus(plus(nowMs, -idleMs), -graceMs);
        long lowest = Long.MAX_VALUE;
        boolean delivered = false;
        for (Input input : list) {
            if (input.paused) {
                input.lastReadMs = Math.max(input.lastReadMs, nowMs);
            }
            boolean idle = idleMs > 0 && nowMs - input.lastReadMs >= idleMs;
            if (input.maxMs != NONE) {
                delivered = true;
            } else if (!idle) {
                return unitMs; // it may still deliver its first event, from any time
            }
            long watermark = input.watermark(graceMs);
            lowest = Math.min(lowest, idle ? Math.max(watermark, idleHorizon) : watermark);
        }
        if (delivered) {
            unitMs = Math.max(unitMs, lowest);
        }
        return unitMs;
    }

    /**
     * Whether every input has been quiet for the idle timeout at {@code nowMs} and none is paused: the
     * unit has read what its inputs hold, and its watermark follows the clock ({@link #advance}).
     * Always false without an idle timeout. Changes nothing.
     */
    boolean allIdle(long nowMs) {
        if (idleMs <= 0) {
            return false;
        }
        for (Input input : list) {
            if (input.paused || nowMs - input.lastReadMs < idleMs) {
                return false;
            }
        }
        return true;
    }

    /** Marks {@code paused} as this unit's paused inputs (the others as not paused). */
    void paused(Set<InputPartition> paused) {
        for (Input input : list) {
            input.paused = paused.contains(input.partition);
        }
    }

    /** The highest event time read from each input that delivered. */
    Map<InputPartition, Long> maxima() {
        Map<InputPartition, Long> maxima = new HashMap<>();
        inputs.forEach((partition, input) -> {
            if (input.maxMs != NONE) {
                maxima.put(partition, input.maxMs);
            }
        });
        return maxima;
    }

    /** Restores what {@link #maxima()} and {@link #unit()} returned; inputs not in this unit are ignored. */
    void restore(long unitWatermarkMs, Map<InputPartition, Long> maxima) {
        unitMs = unitWatermarkMs;
        maxima.forEach((partition, maxMs) -> {
            Input input = inputs.get(partition);
            if (input != null) {
                input.maxMs = maxMs;
            }
        });
    }

    /** The inputs whose watermark is ahead of the unit's (not the slowest ones). */
    Set<InputPartition> ahead() {
        Set<InputPartition> ahead = new java.util.HashSet<>();
        inputs.forEach((partition, input) -> {
            if (input.maxMs != NONE && input.watermark(graceMs) > unitMs) {
                ahead.add(partition);
            }
        });
        return ahead;
    }

    /** {@code a + b}, or the long nearest to it ({@link Millis#plus}); no time ({@link #NONE}) stays none. */
    static long plus(long a, long b) {
        return a == NONE ? NONE : Millis.plus(a, b);
    }

    /** One input partition's progress. */
    private static final class Input {
        private final InputPartition partition;
        private long maxMs = NONE;
        private long lastReadMs;
        /** Not read because the task paused it (it runs ahead): its silence says nothing about its end. */
        private boolean paused;

        Input(InputPartition partition, long nowMs) {
            this.partition = partition;
            this.lastReadMs = nowMs;
        }

        long watermark(long graceMs) {
            return maxMs == NONE ? NONE : plus(maxMs, -graceMs);
        }
    }
}
