package io.trainset.connect.pipeline;

import io.trainset.connect.join.InputPartition;
import io.trainset.connect.join.SourcePosition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The next offset of each input partition of a unit. Records below it are covered by a checkpoint
 * (delivered before the seek to the checkpoint applied) and skipped. The first record read after a
 * restore must be exactly at the checkpoint's offset: a higher one means the records in between are
 * gone (retention), and the task fails rather than silently lose them.
 */
final class InputPositions {

    private final int unit;
    private final Map<InputPartition, Long> next;
    private final Map<InputPartition, Long> start;
    private final Set<InputPartition> verified = new HashSet<>();

    InputPositions(int unit, Map<InputPartition, Long> restored) {
        this.unit = unit;
        this.next = new HashMap<>(restored);
        this.start = new HashMap<>(restored);
    }

    /** Where this unit instance started reading {@code input}: its checkpoint's offset, or the first record read. */
    Long start(InputPartition input) {
        return start.get(input);
    }

    /** Records a read; false when a checkpoint already covers the record. */
    boolean read(SourcePosition position) {
        InputPartition input = InputPartition.of(position);
        Long expected = next.get(input);
        if (expected != null && position.offset() < expected) {
            return false;
        }
        if (expected != null && !verified.contains(input) && position.offset() > expected) {
            throw new ConnectException("Join unit " + unit + " resumes " + input + " at offset " + expected
                    + " (its last checkpoint), but the first record read is at offset " + position.offset()
                    + ": the records in between are no longer in the topic (retention.ms shorter than the time since "
                    + "the checkpoint, or the topic was recreated). Their rows cannot be written. Raise the topic's "
                    + "retention above the checkpoint interval; to accept the loss and go on, delete "
                    + "_trainset/checkpoints/unit-" + String.format(java.util.Locale.ROOT, "%04d", unit)
                    + "/ in the output location (the unit then restarts from the consumer group's offsets).");
        }
        verified.add(input);
        start.putIfAbsent(input, position.offset());
        next.put(input, position.offset() + 1);
        return true;
    }

    /** The next offset of every partition read from. */
    Map<InputPartition, Long> next() {
        return Map.copyOf(next);
    }
}
