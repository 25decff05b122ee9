package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The states of a unit's keys that hold events, the unit's open {@link DecidedWindows decided windows}, and
 * the keys whose state changed since the last checkpoint was taken ({@link #snapshotAll} or {@link
 * #takeChanges}, both read in place at the commit point: {@link KeysInPlace}): a key with a state is listed
 * when its state's {@code changed} flag is set, a flag test per event instead of a set insertion; a key listed
 * twice (its state went and came back, or it has no state and its windows opened and closed) is taken once.
 */
final class KeyStates {

    private final Map<String, KeyState> states = new HashMap<>();
    private final DecidedWindows decided = new DecidedWindows();
    private final Consumer<String> listChanged = this::changed;
    private List<String> changed = new ArrayList<>();
    /** Lent to a checkpoint's writer: a key's open decided windows, side by side. */
    private long[] windows = new long[3];

    /** The state of {@code key}, or null when it holds nothing. */
    KeyState get(String key) {
        return states.get(key);
    }

    /**
     * Gives {@code key}, which had none, a new empty state, due at the earliest end of its open decided windows from
     * {@code first} ({@link #firstWindow}).
     */
    KeyState add(String key, int first, KeyRules rules) {
        KeyState state = new KeyState(rules);
        state.windowEnd = decided.firstEnd(first);
        states.put(key, state);
        return state;
    }

    /**
     * The first open decided window of {@code key}, whose state is {@code state} (null when it has none), or -1 when
     * it has none: one look-up of the key per event, for {@link #settledAtOnce} and {@link #add} both.
     */
    int firstWindow(String key, KeyState state) {
        return state == null || state.windowEnd != Long.MAX_VALUE ? decided.find(key) : -1;
    }

    /**
     * The outcome of an event that its key settles at once, or null: an exact redelivery of an event its
     * {@code state} holds (null when it has none), or an event inside an open decided window of the key, whose
     * first is {@code first} ({@link #firstWindow}).
     */
    JoinOutcome settledAtOnce(KeyState state, int first, Event event) {
        JoinOutcome duplicate = state == null ? null : state.duplicate(event);
        return duplicate != null ? duplicate : decided.ignored(first, event);
    }

    /** Before {@code key}'s state is evaluated at {@code watermark}: closes its windows that end before it. */
    void closeBefore(String key, KeyState state, long watermark) {
        if (state.windowEnd < watermark) {
            state.windowEnd = decided.firstEnd(decided.closeBefore(key, watermark));
        }
    }

    /**
     * Restores a key from a checkpoint (not listed as changed: the checkpoint holds it): its decided windows,
     * and its state if it holds events (else null).
     */
    KeyState restore(JoinSnapshot.KeySnapshot key, KeyRules rules) {
        key.decided().forEach(d -> decided.add(key.key(), d.anchor(), d.start(), d.end()));
        KeyState state = KeyState.restore(rules, key);
        if (state.isEmpty()) {
            return null;
        }
        state.windowEnd = decided.firstEnd(decided.find(key.key()));
        states.put(key.key(), state);
        return state;
    }

    /** The unit's open decided windows (a key's new ones are added as its cases are decided). */
    DecidedWindows decided() {
        return decided;
    }

    /** Closes the decided windows that end before {@code watermark}, listing their keys as changed. */
    void closeDecided(long watermark) {
        decided.close(watermark, listChanged);
    }

    /** Forgets the state of a key that holds no events any more (listed as changed when it emptied). */
    void remove(String key) {
        states.remove(key);
    }

    /** Lists {@code key} as changed, unless it is listed already. */
    void changed(String key, KeyState state) {
        if (!state.changed) {
            state.changed = true;
            changed.add(key);
        }
    }

    /** Lists {@code key} as changed: its state is gone or, if it has one, changed. */
    void changed(String key) {
        KeyState state = states.get(key);
        if (state == null) {
            changed.add(key); // gone: the next checkpoint removes it
        } else {
            changed(key, state);
        }
    }

    /** Keys that hold some state: events, decided windows or both. */
    int size() {
        int both = 0;
        for (KeyState state : states.values()) {
            if (state.windowEnd != Long.MAX_VALUE) {
                both++;
            }
        }
        return states.size() + decided.keyCount() - both;
    }

    int changedCount() {
        return changed.size();
    }

    /** Every key's state, read in place (see {@link KeysInPlace}); no key is listed as changed any more. */
    KeysInPlace snapshotAll(long unitWatermarkMs, Map<InputPartition, Long> inputMaxMs, IntSupplier unitVersion) {
        changed = new ArrayList<>();
        List<String> keys = new ArrayList<>(states.size() + decided.keyCount());
        keys.addAll(states.keySet());
        decided.forEachKey(keys::add); // a key listed twice (events and windows, or several windows): taken once
        return inPlace(keys.toArray(new String[0]), unitWatermarkMs, inputMaxMs, unitVersion);
    }

    /**
     * The state of every key listed as changed (a gone key's empty), each once, read in place (see {@link
     * KeysInPlace}); the list starts again.
     */
    KeysInPlace takeChanges(long unitWatermarkMs, Map<InputPartition, Long> inputMaxMs, IntSupplier unitVersion) {
        String[] names = changed.toArray(new String[0]);
        changed = new ArrayList<>();
        return inPlace(names, unitWatermarkMs, inputMaxMs, unitVersion);
    }

    /** The keys {@code names} (each once; their states as they are), no longer listed as changed. */
    private KeysInPlace inPlace(
            String[] names, long unitWatermarkMs, Map<InputPartition, Long> inputMaxMs, IntSupplier unitVersion) {
        // In key order, so equal states give equal checkpoints; an array sort costs a fraction of a TreeMap copy.
        KeyOrder.sort(names);
        KeyState[] held = new KeyState[names.length];
        int count = 0;
        for (String name : names) {
            if (count > 0 && name.equals(names[count - 1])) {
                continue;
            }
            KeyState state = states.get(name);
            if (state != null) {
                state.changed = false;
            }
            names[count] = name;
            held[count++] = state;
        }
        return new KeysInPlace(unitWatermarkMs, inputMaxMs, this, names, held, count, unitVersion);
    }

    /**
     * Hands {@code key}'s events and open decided windows to {@code writer} (its removal when it holds neither); its
     * {@code state} is null when it holds only windows, or nothing.
     */
    void write(String key, KeyState state, JoinState.KeyWriter writer) {
        int first = firstWindow(key, state);
        windows = decided.copy(first, windows);
        int count = decided.count(first);
        if (state != null) {
            state.write(key, windows, count, writer);
        } else {
            writer.key(key, List.of(), List.of(), JoinSnapshot.KeySnapshot.NO_PROVISIONAL, windows, count);
        }
    }
}
