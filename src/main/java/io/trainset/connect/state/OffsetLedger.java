package io.trainset.connect.state;

import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.SourcePosition;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Which input offsets are settled. A record is pending from when it is read until its outcome is
 * durable (its row is in an uploaded file) or needs nothing more (dropped, reported). The offset
 * that is safe to commit for a partition is its lowest pending offset, or the offset after the
 * highest one read when nothing is pending: a restart re-reads every record not yet settled.
 */
public final class OffsetLedger {

    private final Map<InputPartition, Partition> partitions = new HashMap<>();

    /** Records that a record was read and is pending. */
    public void read(SourcePosition position) {
        Partition partition = partitions.computeIfAbsent(InputPartition.of(position), p -> new Partition());
        partition.pending.add(position.offset());
        partition.next = Math.max(partition.next, position.offset() + 1);
    }

    /** Records that a record was read and settled at once (e.g. reported to the dead-letter queue). */
    public void readSettled(SourcePosition position) {
        read(position);
        settle(position);
    }

    /** Records that a pending record is settled. */
    public void settle(SourcePosition position) {
        Partition partition = partitions.get(InputPartition.of(position));
        if (partition != null) {
            partition.pending.remove(position.offset());
        }
    }

    /** The offset a consumer may commit for the partition, or empty when nothing was read. */
    public OptionalLong safeOffset(InputPartition input) {
        Partition partition = partitions.get(input);
        if (partition == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(partition.pending.isEmpty() ? partition.next : partition.pending.first());
    }

    /** Pending records of a partition. */
    public int pendingCount(InputPartition input) {
        Partition partition = partitions.get(input);
        return partition == null ? 0 : partition.pending.size();
    }

    /** Forgets a partition (it was revoked, or its unit was dropped and will be re-read). */
    public void forget(InputPartition input) {
        partitions.remove(input);
    }

    private static final class Partition {
        private final TreeSet<Long> pending = new TreeSet<>();
        private long next;
    }
}
