package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.InputPartition;
import io.trainset.connect.model.JoinSnapshot;
import io.trainset.connect.model.JoinState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

/**
 * The states of a unit's keys that hold events, the unit's open {@link DecidedWindows decided windows}, and
 * the keys whose state changed since the last checkpoint was taken ({@link #snapshotAll} or {@link
 * #takeChanges}, both read in place at the commit point: {@link KeysInPlace}): a key with a state is listed
 * when its state's {@code changed} flag is set, a flag test per event instead of a set insertion; a key listed
 * twice (its state went and came back, or it has no state and its windows opened and closed) is taken once.
 */
final class KeyStates {

    /** Every key held, to its state (if it holds events) and its first open decided window (if any). */
    private final KeyIndex index = new KeyIndex();

    private final DecidedWindows decided = new DecidedWindows(index);
    private final BiConsumer<String, KeyState> listChanged = this::listChanged;
    private List<String> changed = new ArrayList<>();
    /** Lent to a checkpoint's writer: a key's open decided windows, side by side. */
    private long[] windows = new long[3];

    /** The state of {@code key}, or null when it holds no events. */
    KeyState get(String key) {
        return index.stateAt(index.find(key));
    }

    /**
     * The place of {@code key} in the unit's index (negative when it holds nothing): one look-up per event serves
     * {@link #stateAt}, {@link #firstWindow} and {@link #add}. Valid until a key is added or removed.
     */
    int find(String key) {
        return index.find(key);
    }

    /** The state of the key at {@code place} (from {@link #find}), or null when it holds no events. */
    KeyState stateAt(int place) {
        return index.stateAt(place);
    }

    /** The first open decided window of the key at {@code place} (from {@link #find}), or -1 when it has none. */
    int firstWindow(int place) {
        return place < 0 ? -1 : index.valueAt(place);
    }

    /**
     * Gives {@code key}, which had none, a new empty state, due at the earliest end of its open decided windows from
     * {@code first}; {@code place} and {@code first} are the key's, from {@link #find} and {@link #firstWindow}.
     */
    KeyState add(String key, int place, int first, KeyRules rules) {
        KeyState state = new KeyState(rules);
        state.windowEnd = decided.firstEnd(first);
        put(key, place, state);
        return state;
    }

    /** Gives {@code key}, at {@code place} from {@link #find}, the state {@code state} (added with no windows). */
    private void put(String key, int place, KeyState state) {
        if (place < 0) {
            index.addAt(place, key, -1, state);
        } else {
            index.putState(place, state);
        }
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
        int place = index.find(key.key());
        state.windowEnd = decided.firstEnd(firstWindow(place));
        put(key.key(), place, state);
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
        int place = index.find(key);
        if (index.valueAt(place) == -1) {
            index.removeAt(place);
        } else {
            index.putState(place, null); // its decided windows stay
        }
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
        listChanged(key, get(key));
    }

    /** Lists {@code key}, whose state is {@code state} (null when it has none), as changed. */
    private void listChanged(String key, KeyState state) {
        if (state == null) {
            changed.add(key); // gone: the next checkpoint removes it
        } else {
            changed(key, state);
        }
    }

    /** Keys that hold some state: events, decided windows or both. */
    int size() {
        return index.size();
    }

    int changedCount() {
        return changed.size();
    }

    /** Every key's state, read in place (see {@link KeysInPlace}); no key is listed as changed any more. */
    KeysInPlace snapshotAll(long unitWatermarkMs, Map<InputPartition, Long> inputMaxMs, IntSupplier unitVersion) {
        changed = new ArrayList<>();
        return inPlace(index.keys(), unitWatermarkMs, inputMaxMs, unitVersion);
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
        int[] firsts = new int[names.length];
        int count = 0;
        for (String name : names) {
            if (count > 0 && name.equals(names[count - 1])) {
                continue;
            }
            int place = index.find(name);
            KeyState state = index.stateAt(place);
            if (state != null) {
                state.changed = false;
            }
            names[count] = name;
            firsts[count] = firstWindow(place);
            held[count++] = state;
        }
        return new KeysInPlace(unitWatermarkMs, inputMaxMs, this, names, held, firsts, count, unitVersion);
    }

    /**
     * Hands {@code key}'s events and open decided windows from {@code first} (its first, or -1) to {@code writer} (its
     * removal when it holds neither); its {@code state} is null when it holds only windows, or nothing.
     */
    void write(String key, KeyState state, int first, JoinState.KeyWriter writer) {
        windows = decided.copy(first, windows);
        int count = decided.count(first);
        if (state != null) {
            state.write(key, windows, count, writer);
        } else {
            writer.key(key, List.of(), List.of(), JoinSnapshot.KeySnapshot.NO_PROVISIONAL, windows, count);
        }
    }
}
