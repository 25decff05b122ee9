package io.trainset.connect.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The durable part of a {@link JoinUnit}: what a restored unit needs to make exactly the decisions
 * the original would have made from here on. Settings are not part of it (they come from the
 * configuration), nor is wall-clock idleness (counted again from the restore). A snapshot holds
 * either every key's state ({@link JoinUnit#snapshot}) or only the keys that changed since the one
 * before ({@link JoinUnit#takeChanges}), where a key whose state is gone has an empty state.
 *
 * @param unitWatermarkMs the unit's watermark ({@link Long#MIN_VALUE} when none yet)
 * @param inputMaxMs the highest event time read from each input partition that delivered
 * @param keys the held state of every key that has some (or that changed), sorted by key
 */
public record JoinSnapshot(long unitWatermarkMs, Map<InputPartition, Long> inputMaxMs, List<KeySnapshot> keys)
        implements JoinState {

    public JoinSnapshot {
        inputMaxMs = Map.copyOf(inputMaxMs);
        keys = List.copyOf(keys);
    }

    /** {@code state} as a value: a {@link KeySnapshot} per key, its lists copied. */
    public static JoinSnapshot of(JoinState state) {
        List<KeySnapshot> keys = new ArrayList<>(state.keyCount());
        state.forEachKey((key, versions, resolutions, provisionalAnchor, decided, decidedCount) -> {
            List<Decided> windows = new ArrayList<>(decidedCount);
            for (int at = 0; at < 3 * decidedCount; at += 3) {
                windows.add(new Decided(decided[at], decided[at + 1], decided[at + 2]));
            }
            keys.add(new KeySnapshot(key, versions, resolutions, windows, provisionalAnchor));
        });
        return new JoinSnapshot(state.unitWatermarkMs(), state.inputMaxMs(), keys);
    }

    @Override
    public int keyCount() {
        return keys.size();
    }

    @Override
    public void forEachKey(KeyWriter writer) {
        long[] windows = new long[3];
        for (KeySnapshot key : keys) {
            List<Decided> decided = key.decided();
            if (windows.length < 3 * decided.size()) {
                windows = new long[3 * decided.size()];
            }
            for (int d = 0; d < decided.size(); d++) {
                windows[3 * d] = decided.get(d).anchor();
                windows[3 * d + 1] = decided.get(d).start();
                windows[3 * d + 2] = decided.get(d).end();
            }
            writer.key(key.key(), key.versions(), key.resolutions(), key.provisionalAnchor(), windows, decided.size());
        }
    }

    /**
     * One key's held submission versions and resolutions (each in join order) and decided windows; {@code
     * provisionalAnchor}: the anchor time of the held case that had its provisional row (early-label mode), or
     * {@link #NO_PROVISIONAL}, so a restored unit neither writes it again nor forgets that the final row of the case
     * holding that version is the case's second version.
     */
    public record KeySnapshot(
            String key, List<Event> versions, List<Event> resolutions, List<Decided> decided, long provisionalAnchor) {
        /** The {@code provisionalAnchor} of a key none of whose held cases had a provisional row. */
        public static final long NO_PROVISIONAL = Long.MIN_VALUE;

        public KeySnapshot {
            versions = List.copyOf(versions);
            resolutions = List.copyOf(resolutions);
            decided = List.copyOf(decided);
            if (provisionalAnchor != NO_PROVISIONAL
                    && versions.stream().noneMatch(v -> v.timestampMs() == provisionalAnchor)) {
                throw new IllegalArgumentException(
                        "key " + key + ": the provisional row's anchor " + provisionalAnchor + " is no held version");
            }
        }

        /** A key whose held cases had no provisional row. */
        public KeySnapshot(String key, List<Event> versions, List<Event> resolutions, List<Decided> decided) {
            this(key, versions, resolutions, decided, NO_PROVISIONAL);
        }

        /** Whether one of the key's held cases had its provisional row. */
        public boolean provisional() {
            return provisionalAnchor != NO_PROVISIONAL;
        }

        /** A key that holds nothing any more: in a snapshot of changes, the key's state is gone. */
        public static KeySnapshot removed(String key) {
            return new KeySnapshot(key, List.of(), List.of(), List.of());
        }

        public boolean isEmpty() {
            return versions.isEmpty() && resolutions.isEmpty() && decided.isEmpty();
        }
    }

    /** A decided case whose window is still open: later events inside it are ignored. */
    public record Decided(long anchor, long start, long end) {}

    /** Events held, waiting for a decision. */
    public int heldCount() {
        return keys.stream()
                .mapToInt(k -> k.versions().size() + k.resolutions().size())
                .sum();
    }

    /**
     * This whole snapshot with {@code changes} (each taken after the one before, the first after this
     * one) applied in order: the last one's watermarks, and each changed key's newest state in place
     * of the old one (an empty state removes the key).
     */
    public JoinSnapshot withChanges(List<JoinSnapshot> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        TreeMap<String, KeySnapshot> merged = new TreeMap<>();
        keys.forEach(k -> merged.put(k.key(), k));
        for (JoinSnapshot change : changes) {
            for (KeySnapshot key : change.keys()) {
                if (key.isEmpty()) {
                    merged.remove(key.key());
                } else {
                    merged.put(key.key(), key);
                }
            }
        }
        JoinSnapshot last = changes.get(changes.size() - 1);
        return new JoinSnapshot(last.unitWatermarkMs(), last.inputMaxMs(), new ArrayList<>(merged.values()));
    }
}
