package io.trainset.connect.state;

import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole join state of a checkpoint chain, merged from its newest checkpoint back to its base: each key's state
 * is the one of the newest checkpoint that holds the key, so an older checkpoint is read only for the keys no newer
 * one holds ({@link #unseen}) and an older state is parsed and dropped, never held, nor its payload spilled. A key
 * whose newest state is empty (gone) is remembered without its state, so that older ones stay hidden, and left out
 * of the whole state. The same state as the base with every delta applied in order ({@link
 * JoinSnapshot#withChanges}). Not thread-safe: one restore reads a chain.
 */
final class ChainMerge {

    /** A key whose newest state in the chain is empty: its older states are hidden. */
    private static final JoinSnapshot.KeySnapshot GONE = JoinSnapshot.KeySnapshot.removed("");

    private final TreeMap<String, JoinSnapshot.KeySnapshot> newest = new TreeMap<>();
    private final long unitWatermarkMs;
    private final Map<InputPartition, Long> inputMaxMs;

    /** A merge whose watermarks are those of {@code newest}, the chain's newest checkpoint, with its keys. */
    ChainMerge(JoinSnapshot newest) {
        this.unitWatermarkMs = newest.unitWatermarkMs();
        this.inputMaxMs = newest.inputMaxMs();
        add(newest);
    }

    /** Whether no newer checkpoint than those added holds {@code key}: its state is still to be read. */
    boolean unseen(String key) {
        return !newest.containsKey(key);
    }

    /** Adds the keys of the next older checkpoint of the chain, read for the {@link #unseen} keys only. */
    void add(JoinSnapshot older) {
        for (JoinSnapshot.KeySnapshot key : older.keys()) {
            newest.putIfAbsent(key.key(), key.isEmpty() ? GONE : key);
        }
    }

    /** The whole state, in key order; the merge is emptied as the state is built (it is used once). */
    JoinSnapshot whole() {
        List<JoinSnapshot.KeySnapshot> keys = new ArrayList<>(newest.size());
        for (Map.Entry<String, JoinSnapshot.KeySnapshot> entry = newest.pollFirstEntry();
                entry != null;
                entry = newest.pollFirstEntry()) {
            if (entry.getValue() != GONE) {
                keys.add(entry.getValue());
            }
        }
        return new JoinSnapshot(unitWatermarkMs, inputMaxMs, keys);
    }
}
