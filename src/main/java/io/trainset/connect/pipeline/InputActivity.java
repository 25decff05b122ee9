package io.trainset.connect.pipeline;

import java.util.Collection;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What counts as an input partition's silence for {@code join.idle.timeout.ms} (docs/join-semantics.md,
 * "Quiet streams and backfills"): only time during which the task was reading. So that the task's own
 * stalls never look like caught-up inputs:
 * <ul>
 *   <li>every input partition with a record in a batch counts as delivering before any record of the
 *       batch is joined, whether its records become events or not (bad records, records a checkpoint
 *       covers): the consumer hands over partitions one after another, and the first one's events must not
 *       find the others silent;</li>
 *   <li>a {@code put()} that took longer than {@link #STALL_MS} (blocked on a full lane while the store
 *       is slow) and an {@code open()} (restores read checkpoints) start every input's silence again when
 *       they end.</li>
 * </ul>
 * Not covered: a connector paused through the REST API for longer than the idle timeout (documented).
 */
final class InputActivity {

    /** A put() that took longer than this was not reading for most of it. */
    static final long STALL_MS = 10_000;

    private InputActivity() {}

    /** Before any record of {@code records} is joined: their partitions are delivering at {@code nowMs}. */
    static void delivering(long nowMs, Collection<SinkRecord> records, AssignedUnits assigned, PausedInputs pauses) {
        String topic = null;
        int partition = -1;
        for (SinkRecord record : records) {
            if (record.originalKafkaPartition() != partition
                    || !record.originalTopic().equals(topic)) {
                topic = record.originalTopic();
                partition = record.originalKafkaPartition();
                assigned.unit(partition).join().delivering(topic, partition, nowMs);
                pauses.delivering(topic, partition, nowMs);
            }
        }
    }

    /** After a put() that ran from {@code startMs} to {@code endMs}: a stall restarts every input's silence. */
    static void putEnded(long startMs, long endMs, Collection<UnitPipeline> units, PausedInputs pauses) {
        if (endMs - startMs > STALL_MS) {
            notReadingUntil(endMs, units, pauses);
        }
    }

    /** The task was not reading until {@code nowMs} (an open() that restored units). */
    static void notReadingUntil(long nowMs, Collection<UnitPipeline> units, PausedInputs pauses) {
        units.forEach(unit -> unit.join().notReadingUntil(nowMs));
        pauses.notReadingUntil(nowMs);
    }
}
