package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.JoinSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The states of a unit's keys that hold events, the unit's open {@link DecidedWindows decided windows}, and
 * the keys whose state changed since the last checkpoint was taken ({@link #snapshotAll} or {@link
 * #takeChanges}): a key with a state is listed when its state's {@code changed} flag is set, a flag test per
 * event instead of a set insertion; a key listed twice (its state went and came back, or it has no state and
 * its windows opened and closed) is taken once.
 */
final class KeyStates {

    private final Map<String, KeyState> states = new HashMap<>();
    private final DecidedWindows decided = new DecidedWindows();
    private final Consumer<String> listChanged = this::changed;
    private List<String> changed = new ArrayList<>();

    /** The state of {@code key}, or null when it holds nothing. */
    KeyState get(String key) {
        return states.get(key);
    }

    /** Gives {@code key}, which had none, a new empty state (due at its earliest open decided window's end). */
    KeyState add(String key, KeyRules rules) {
        KeyState state = new KeyState(rules);
        state.windowEnd = decided.firstEnd(decided.find(key));
        states.put(key, state);
        return state;
    }

    /**
     * The outcome of an event that its key settles at once, or null: an exact redelivery of an event its
     * {@code state} holds (null when it has none), or an event inside an open decided window of the key.
     */
    JoinOutcome settledAtOnce(KeyState state, Event event) {
        if (state == null) {
            return decided.ignored(decided.find(event.key()), event);
        }
        JoinOutcome duplicate = state.duplicate(event);
        if (duplicate != null || state.windowEnd == Long.MAX_VALUE) {
            return duplicate;
        }
        return decided.ignored(decided.find(event.key()), event);
    }

    /** Before {@code key}'s state is evaluated at {@code watermark}: closes its windows that end before it. */
    void closeBefore(String key, KeyState state, long watermark) {
        if (state.windowEnd < watermark) {
            decided.closeBefore(key, watermark);
            state.windowEnd = decided.firstEnd(decided.find(key));
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

    /** Every key's state; no key is listed as changed any more. */
    List<JoinSnapshot.KeySnapshot> snapshotAll() {
        changed = new ArrayList<>();
        states.values().forEach(state -> state.changed = false);
        List<String> keys = new ArrayList<>(states.size() + decided.keyCount());
        keys.addAll(states.keySet());
        decided.forEachKey(keys::add); // a key listed twice (events and windows, or several windows): taken once
        return snapshotOf(keys.toArray(new String[0]));
    }

    /** The state of every key listed as changed (a gone key's empty), each once; the list starts again. */
    List<JoinSnapshot.KeySnapshot> takeChanges() {
        String[] names = changed.toArray(new String[0]);
        changed = new ArrayList<>();
        return snapshotOf(names);
    }

    /** The states of {@code names} (each once; a gone key's empty), no longer listed as changed. */
    private List<JoinSnapshot.KeySnapshot> snapshotOf(String[] names) {
        // In key order, so equal states give equal checkpoints; an array sort costs a fraction of a TreeMap copy.
        KeyOrder.sort(names);
        List<JoinSnapshot.KeySnapshot> snapshots = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (i > 0 && name.equals(names[i - 1])) {
                continue;
            }
            KeyState state = states.get(name);
            if (state != null) {
                state.changed = false;
            }
            snapshots.add(snapshotOf(name, state));
        }
        return snapshots;
    }

    /** The key's events and decided windows, or its removal when it holds neither. */
    private JoinSnapshot.KeySnapshot snapshotOf(String key, KeyState state) {
        if (state != null) {
            return state.snapshot(key, state.windowEnd == Long.MAX_VALUE ? List.of() : decided.of(decided.find(key)));
        }
        List<JoinSnapshot.Decided> windows = decided.of(decided.find(key));
        return windows.isEmpty() ? JoinSnapshot.KeySnapshot.removed(key) : KeyState.decidedOnly(key, windows);
    }
}
