package io.trainset.connect.pipeline;

import io.trainset.connect.model.InputPartition;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions assigned to a task and the join units open for them (partition N of every input
 * topic is unit N): opened from their checkpoints, reopened after a fence, closed on revocation, and
 * the offsets their checkpoints cover. The consumer is rewound wherever a unit instance's start
 * differs from where it stands.
 */
final class AssignedUnits {

    private static final Logger LOG = LoggerFactory.getLogger(AssignedUnits.class);

    private final UnitRestorer restorer;
    private final TaskPort task;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<Integer, UnitPipeline> units = new TreeMap<>();
    private final Map<Integer, UnitPipeline> view = Collections.unmodifiableMap(units);

    AssignedUnits(UnitRestorer restorer, TaskPort task) {
        this.restorer = restorer;
        this.task = task;
    }

    /** Adds the partitions and opens their units: each continues from its newest checkpoint. */
    void open(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        Set<Integer> opened = new TreeSet<>();
        partitions.forEach(tp -> opened.add(tp.partition()));
        opened.forEach(this::unit);
        LOG.info("Opened {} partition(s): {}; {} assigned in all", partitions.size(), partitions, assigned.size());
    }

    /** Unit {@code partition}, opened from its checkpoint if it is not open. */
    UnitPipeline unit(int partition) {
        UnitPipeline unit = units.get(partition);
        if (unit == null) {
            long held =
                    units.values().stream().mapToLong(u -> u.join().heldBytes()).sum();
            unit = restorer.open(partition, assigned, held);
            units.put(partition, unit);
        }
        return unit;
    }

    /** The open units by number: a live, unmodifiable view. */
    Map<Integer, UnitPipeline> open() {
        return view;
    }

    /**
     * Replaces unit {@code n}, fenced by another task's commit, with an instance restored from that
     * checkpoint; returns the partitions rewound (what was read of them since is delivered again).
     */
    Set<TopicPartition> reopen(int n) {
        UnitPipeline stale = units.remove(n);
        Map<TopicPartition, Long> rewinds = startOffsets(stale, n);
        task.rewind(rewinds);
        Set<TopicPartition> rewound = new HashSet<>(rewinds.keySet());
        stale.close();
        UnitPipeline restored = unit(n); // rewinds the partitions the owner's checkpoint names
        for (TopicPartition tp : assigned) {
            if (tp.partition() == n
                    && restored.committedOffset(new InputPartition(tp.topic(), n))
                            .isPresent()) {
                rewound.add(tp);
            }
        }
        return rewound;
    }

    /** The offsets the units' last checkpoints cover, for every assigned partition that has one. */
    Map<TopicPartition, OffsetAndMetadata> committedOffsets() {
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        for (TopicPartition tp : assigned) {
            UnitPipeline unit = units.get(tp.partition());
            OptionalLong offset = unit == null
                    ? OptionalLong.empty()
                    : unit.committedOffset(new InputPartition(tp.topic(), tp.partition()));
            offset.ifPresent(o -> safe.put(tp, new OffsetAndMetadata(o)));
        }
        return safe;
    }

    /**
     * Drops the units of revoked partitions: their uncommitted files are discarded and whoever owns
     * them next restores them from their checkpoints. Partitions of those units that stay assigned
     * are rewound to where the dropped instance started.
     */
    void close(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
        Map<TopicPartition, Long> rewinds = new HashMap<>();
        for (TopicPartition revoked : partitions) {
            UnitPipeline unit = units.remove(revoked.partition());
            if (unit == null) {
                continue;
            }
            rewinds.putAll(startOffsets(unit, revoked.partition()));
            unit.close();
        }
        if (!rewinds.isEmpty()) {
            LOG.warn(
                    "Partitions {} were revoked while others of their join unit stay; re-reading {} from their "
                            + "last checkpoint. Assign partition N of every input topic to one task (range assignor).",
                    partitions,
                    rewinds);
            task.rewind(rewinds);
        }
    }

    /** Closes every unit. */
    void closeAll() {
        try {
            List.copyOf(units.values()).forEach(UnitPipeline::close);
        } finally {
            units.clear();
            assigned.clear();
        }
    }

    /** Where a unit instance started reading each of its assigned partitions. */
    private Map<TopicPartition, Long> startOffsets(UnitPipeline unit, int n) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition tp : assigned) {
            if (tp.partition() == n) {
                unit.startOffset(new InputPartition(tp.topic(), n)).ifPresent(offset -> offsets.put(tp, offset));
            }
        }
        return offsets;
    }
}
