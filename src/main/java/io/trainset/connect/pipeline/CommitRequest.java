package io.trainset.connect.pipeline;

import io.trainset.connect.dataset.card.UnitProgress;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.state.EncodedJoin;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the task thread asks a unit's lanes to commit ({@link UnitOutput#commit}); the lanes add the files. The join
 * state comes encoded ({@link UnitOutput#encodeJoin}), by the task thread, which has time to spare while the lane
 * writes: inline, or in chunks the lane uploaded before. The snapshot it was encoded from is not kept while the commit
 * waits (a full one holds an object per key): only its key count, for the log. The unit's watermark, whether it had
 * caught up and when the commit was taken go to the dataset card.
 */
record CommitRequest(
        long sequence,
        long base,
        Map<InputPartition, Long> nextOffsets,
        int keys,
        EncodedJoin encodedJoin,
        String state,
        long watermarkMs,
        boolean caughtUp,
        long takenAtMs) {

    /** What the dataset card records of this commit ({@link UnitProgress}). */
    UnitProgress progress(int unit) {
        Map<String, Long> offsets = new TreeMap<>();
        nextOffsets.forEach((partition, offset) -> offsets.put(partition.toString(), offset));
        return new UnitProgress(unit, sequence, offsets, watermarkMs, caughtUp, takenAtMs);
    }
}
