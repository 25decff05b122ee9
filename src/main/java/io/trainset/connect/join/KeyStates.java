package io.trainset.connect.join;

import io.trainset.connect.model.JoinSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The states of a unit's keys (those that hold events or decided windows), and the keys whose state
 * changed since the last checkpoint was taken ({@link #snapshotAll} or {@link #takeChanges}): each listed
 * when its state's {@code changed} flag is set (a key whose state went and came back may be listed twice),
 * a flag test per event instead of a set insertion.
 */
final class KeyStates {

    private final Map<String, KeyState> states = new HashMap<>();
    private List<String> changed = new ArrayList<>();

    /** The state of {@code key}, or null when it holds nothing. */
    KeyState get(String key) {
        return states.get(key);
    }

    /** The state of {@code key}, made empty if it held nothing. */
    KeyState getOrAdd(String key, KeyRules rules) {
        KeyState state = states.get(key);
        if (state == null) {
            state = new KeyState(rules);
            states.put(key, state);
        }
        return state;
    }

    /** Adds a restored key's state (not listed as changed: the checkpoint it came from holds it). */
    void restored(String key, KeyState state) {
        states.put(key, state);
    }

    /** Forgets a key whose state is empty (it was listed as changed when it emptied). */
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

    int size() {
        return states.size();
    }

    int changedCount() {
        return changed.size();
    }

    /** Every key's state; no key is listed as changed any more. */
    List<JoinSnapshot.KeySnapshot> snapshotAll() {
        changed = new ArrayList<>();
        states.values().forEach(state -> state.changed = false);
        return snapshotOf(states.keySet());
    }

    /** The state of every key listed as changed (a gone key's empty), each once; the list starts again. */
    List<JoinSnapshot.KeySnapshot> takeChanges() {
        List<String> taken = changed;
        changed = new ArrayList<>();
        for (String key : taken) {
            KeyState state = states.get(key);
            if (state != null) {
                state.changed = false;
            }
        }
        return snapshotOf(taken);
    }

    private List<JoinSnapshot.KeySnapshot> snapshotOf(Collection<String> selected) {
        // In key order, so equal states give equal checkpoints; an array sort costs a fraction of a TreeMap copy.
        String[] names = selected.toArray(new String[0]);
        Arrays.sort(names);
        List<JoinSnapshot.KeySnapshot> snapshots = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (i > 0 && name.equals(names[i - 1])) {
                continue;
            }
            KeyState state = states.get(name);
            snapshots.add(state == null ? JoinSnapshot.KeySnapshot.removed(name) : state.snapshot(name));
        }
        return snapshots;
    }
}
