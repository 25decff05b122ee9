package io.trainset.connect.model;

import java.util.List;
import java.util.Map;

/**
 * A join unit's durable state as a checkpoint encodes it, handed over key by key: either a {@link JoinSnapshot} (a
 * value) or the unit's own keys read in place at its commit point (no copy per key; valid only until the unit
 * changes again, so it is encoded at once, on the thread that drives the unit).
 */
public interface JoinState {

    /** The unit's watermark ({@link Long#MIN_VALUE} when none yet). */
    long unitWatermarkMs();

    /** The highest event time read from each input partition that delivered. */
    Map<InputPartition, Long> inputMaxMs();

    /** How many keys {@link #forEachKey} hands over. */
    int keyCount();

    /** Hands every key's state to {@code writer}, in key order, each key once. */
    void forEachKey(KeyWriter writer);

    /** Takes one key's state; the lists and the array are lent for the call only. */
    @FunctionalInterface
    interface KeyWriter {
        /**
         * @param versions the held submission versions, in join order
         * @param resolutions the held resolutions, in join order
         * @param provisionalAnchor as {@link JoinSnapshot.KeySnapshot#provisionalAnchor}
         * @param decided the open decided windows, in the order they were decided: anchor, start and end of
         *     each, side by side, in the first {@code 3 * decidedCount} slots
         */
        void key(
                String key,
                List<Event> versions,
                List<Event> resolutions,
                long provisionalAnchor,
                long[] decided,
                int decidedCount);
    }
}
