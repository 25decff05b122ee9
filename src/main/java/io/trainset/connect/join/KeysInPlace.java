package io.trainset.connect.join;

import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinState;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A commit's join state read from the unit's keys where they lie, without a copy per key: the keys listed when it
 * was taken (sorted, each once) and their states. The unit keeps changing its keys' states after the commit point,
 * so this is valid only until its next {@code accept} or {@code expire} (then reading it throws): the checkpoint
 * is encoded at once, on the task thread, and its bytes are those of the commit point.
 */
final class KeysInPlace implements JoinState {

    private final long unitWatermarkMs;
    private final Map<InputPartition, Long> inputMaxMs;
    private final KeyStates keys;
    private final String[] names;
    private final KeyState[] states;
    private final int[] firsts;
    private final int count;
    private final IntSupplier unitVersion;
    private final int takenAt;

    /**
     * @param names the keys, sorted, each once, in the first {@code count} places
     * @param states each key's state (null: it holds only decided windows, or nothing)
     * @param firsts each key's first open decided window (-1: none)
     * @param unitVersion how many times the unit changed, read when taken and at every read
     */
    KeysInPlace(
            long unitWatermarkMs,
            Map<InputPartition, Long> inputMaxMs,
            KeyStates keys,
            String[] names,
            KeyState[] states,
            int[] firsts,
            int count,
            IntSupplier unitVersion) {
        this.unitWatermarkMs = unitWatermarkMs;
        this.inputMaxMs = inputMaxMs;
        this.keys = keys;
        this.names = names;
        this.states = states;
        this.firsts = firsts;
        this.count = count;
        this.unitVersion = unitVersion;
        this.takenAt = unitVersion.getAsInt();
    }

    @Override
    public long unitWatermarkMs() {
        return unitWatermarkMs;
    }

    @Override
    public Map<InputPartition, Long> inputMaxMs() {
        return inputMaxMs;
    }

    @Override
    public int keyCount() {
        return count;
    }

    @Override
    public void forEachKey(KeyWriter writer) {
        if (unitVersion.getAsInt() != takenAt) {
            throw new IllegalStateException("A commit's join state was read after its unit accepted or expired "
                    + "events: encode it at the commit point, before the unit is driven again");
        }
        for (int i = 0; i < count; i++) {
            keys.write(names[i], states[i], firsts[i], writer);
        }
    }
}
