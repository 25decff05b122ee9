package io.trainset.connect.join;

import java.util.List;
import java.util.Map;

/**
 * The durable part of a {@link JoinUnit}: what a restored unit needs to make exactly the decisions
 * the original would have made from here on. Settings are not part of it (they come from the
 * configuration), nor is wall-clock idleness (counted again from the restore).
 *
 * @param unitWatermarkMs the unit's watermark ({@link Long#MIN_VALUE} when none yet)
 * @param inputMaxMs the highest event time read from each input partition that delivered
 * @param keys the held state of every key that has some, sorted by key
 */
public record JoinSnapshot(long unitWatermarkMs, Map<InputPartition, Long> inputMaxMs, List<KeySnapshot> keys) {

    public JoinSnapshot {
        inputMaxMs = Map.copyOf(inputMaxMs);
        keys = List.copyOf(keys);
    }

    /** One key's held submission versions and resolutions (each in join order) and decided windows. */
    public record KeySnapshot(String key, List<Event> versions, List<Event> resolutions, List<Decided> decided) {
        public KeySnapshot {
            versions = List.copyOf(versions);
            resolutions = List.copyOf(resolutions);
            decided = List.copyOf(decided);
        }
    }

    /** A decided case whose window is still open: later events inside it are ignored. */
    public record Decided(long anchor, long start, long end) {}

    /** Events held, waiting for a decision. */
    public int heldCount() {
        return keys.stream().mapToInt(k -> k.versions().size() + k.resolutions().size()).sum();
    }
}
