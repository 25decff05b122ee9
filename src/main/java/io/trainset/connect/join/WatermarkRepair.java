package io.trainset.connect.join;

import io.trainset.connect.model.InputPartition;
import java.util.Map;

/**
 * What {@link JoinUnit#restore} lowered because it was beyond the clock plus
 * {@link JoinSettings#maxAhead} (a checkpoint taken before event times were checked against the clock):
 * watermarks, and held events, which the unit's next call reports as {@link JoinOutcome.AheadOfClock}.
 *
 * @param unitBefore the unit's watermark in the checkpoint ({@link Long#MIN_VALUE}: none)
 * @param unitAfter the unit's watermark after the repair
 * @param inputsBefore the highest event time of each lowered input, in the checkpoint
 * @param inputsAfter the highest event time of the same inputs after the repair (one that holds no event
 *     is absent: its next event sets it)
 * @param evicted how many held events were beyond the bound
 */
public record WatermarkRepair(
        long unitBefore,
        long unitAfter,
        Map<InputPartition, Long> inputsBefore,
        Map<InputPartition, Long> inputsAfter,
        int evicted) {

    public WatermarkRepair {
        inputsBefore = Map.copyOf(inputsBefore);
        inputsAfter = Map.copyOf(inputsAfter);
    }
}
