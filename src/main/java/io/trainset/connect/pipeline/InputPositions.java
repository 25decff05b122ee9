package io.trainset.connect.pipeline;

import io.trainset.connect.model.DatasetKeys;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.SourcePosition;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The next offset of each input partition of a unit. Records below it are covered by a checkpoint
 * (delivered before the seek to the checkpoint applied) and skipped. The first record read after a
 * restore must be exactly at the checkpoint's offset: a higher one means the records in between are
 * gone (retention), and the task fails rather than silently lose them.
 */
final class InputPositions {

    private final int unit;
    /** By topic: every input of a unit has the unit's partition number. */
    private final Map<String, Position> positions = new HashMap<>();
    /** The input of the last record read: consecutive records mostly come from the same one. */
    private Position last;

    /** Where one input stands: the next offset, where this instance started, whether the first read was checked. */
    private static final class Position {
        final InputPartition input;
        final long start;
        long next;
        boolean verified;

        Position(InputPartition input, long start, long next, boolean verified) {
            this.input = input;
            this.start = start;
            this.next = next;
            this.verified = verified;
        }
    }

    InputPositions(int unit, Map<InputPartition, Long> restored) {
        this.unit = unit;
        restored.forEach((input, offset) -> positions.put(input.topic(), new Position(input, offset, offset, false)));
    }

    /** Where this unit instance started reading {@code input}: its checkpoint's offset, or the first record read. */
    Long start(InputPartition input) {
        Position position = positions.get(input.topic());
        return position == null ? null : position.start;
    }

    /** Records a read; false when a checkpoint already covers the record. */
    boolean read(SourcePosition position) {
        Position at =
                last != null && last.input.topic().equals(position.topic()) ? last : positions.get(position.topic());
        long offset = position.offset();
        if (at == null) {
            at = new Position(InputPartition.of(position), offset, offset + 1, true);
            positions.put(position.topic(), at);
        } else if (offset < at.next) {
            return false;
        } else if (!at.verified && offset > at.next) {
            throw new ConnectException("Join unit " + unit + " resumes " + at.input + " at offset " + at.next
                    + " (its last checkpoint), but the first record read is at offset " + offset
                    + ": the records in between are no longer in the topic (retention.ms shorter than the time since "
                    + "the checkpoint, or the topic was recreated). Their rows cannot be written. Raise the topic's "
                    + "retention above the checkpoint interval; to accept the loss and go on, delete "
                    + DatasetKeys.checkpointDirectory(unit)
                    + " in the output location (the unit then restarts from the consumer group's offsets).");
        } else {
            at.verified = true;
            at.next = offset + 1;
        }
        last = at;
        return true;
    }

    /** The next offset of every partition read from. */
    Map<InputPartition, Long> next() {
        Map<InputPartition, Long> next = new HashMap<>();
        positions.values().forEach(position -> next.put(position.input, position.next));
        return Map.copyOf(next);
    }
}
