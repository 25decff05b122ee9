package io.trainset.connect.join;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A unit's keys that hold something, each to its {@link KeyState} (null when it holds only decided windows) and the
 * slot of its first open decided window (-1 when none): an open-addressing table with linear probing, where an
 * entry is a key reference, a state reference and one long (the key's spread hash and the slot) rather than a map
 * node per key. One look-up per event serves the key's state and its windows. A probe reads the longs alone until a
 * stored hash matches (an empty place is a long of 0: the slot is stored plus two), and only then the key; one probe
 * serves a read and the writes that follow ({@link #find}, then {@link #valueAt}, {@link #stateAt}, {@link
 * #replaceAt}, {@link #putState}, {@link #removeAt}, or {@link #addAt} for an absent key). At most half
 * full; a removal shifts the entries of its probe run back, so no tombstones pile up. Keys come from input records,
 * so the hash is not {@link String#hashCode} (keys made to share it, "Aa"/"BB" blocks, would make every probe run
 * as long as the table): the characters are hashed from a random seed per index, so colliding keys cannot be
 * chosen ahead.
 */
final class KeyIndex {

    private static final int NONE = -1;
    private static final long VALUE = 0xFFFFFFFFL;

    private String[] keys = new String[16];
    /** Per entry: the spread hash of its key in the high half, its value plus two in the low half; 0 when empty. */
    private long[] entries = new long[16];

    private KeyState[] states = new KeyState[16];
    private int size;
    /** The hash's starting value, odd and random per index. */
    private final long seed = ThreadLocalRandom.current().nextLong() | 1;
    /** The spread hash of the last {@link #find}'s key, in the high half: what {@link #addAt} stores. */
    private long found;

    /** Keys held: with a state, open decided windows, or both. */
    int size() {
        return size;
    }

    /** The value of {@code key}, or -1 when it has none (or is not held). */
    int head(String key) {
        int at = find(key);
        return at < 0 ? NONE : valueAt(at);
    }

    /**
     * The place of {@code key} (0 or more), or, when it has none, {@code -1 - p} where {@code p} is the empty place
     * where it would go (for {@link #addAt}). A place is valid until the next addition or removal.
     */
    int find(String key) {
        int mask = entries.length - 1;
        long hash = (long) spread(key) << 32;
        found = hash;
        for (int at = (int) (hash >>> 32) & mask; ; at = (at + 1) & mask) {
            long entry = entries[at];
            if (entry == 0) {
                return -1 - at;
            }
            if ((entry & ~VALUE) == hash && keys[at].equals(key)) {
                return at;
            }
        }
    }

    /** The value at {@code at}, a place {@link #find} gave for a key it holds (-1 when the key has none). */
    int valueAt(int at) {
        return (int) (entries[at] & VALUE) - 2;
    }

    /** The state of the key at {@code at} (a place from {@link #find}; none when it is negative), or null. */
    KeyState stateAt(int at) {
        return at < 0 ? null : states[at];
    }

    /** Gives the key at {@code at} (a place {@link #find} gave for a key it holds) the value {@code value}. */
    void replaceAt(int at, int value) {
        entries[at] = (entries[at] & ~VALUE) | (value + 2L);
    }

    /** Gives the key at {@code at} (a place {@link #find} gave for a key it holds) the state {@code state}. */
    void putState(int at, KeyState state) {
        states[at] = state;
    }

    /**
     * Adds {@code key} with {@code value} and {@code state}: the key of the last {@link #find}, which did not hold it
     * and gave {@code absent}.
     */
    void addAt(int absent, String key, int value, KeyState state) {
        int at = -1 - absent;
        keys[at] = key;
        entries[at] = found | (value + 2L);
        states[at] = state;
        if (++size * 2 > entries.length) {
            grow();
        }
    }

    /** Removes the key at {@code at}, a place {@link #find} gave for a key it holds. */
    void removeAt(int at) {
        size--;
        // Backward shift: an entry after the gap moves into it unless its home lies cyclically in (gap, entry].
        int mask = entries.length - 1;
        int gap = at;
        for (int probe = (gap + 1) & mask; entries[probe] != 0; probe = (probe + 1) & mask) {
            int home = (int) (entries[probe] >>> 32) & mask;
            if (((probe - home) & mask) >= ((probe - gap) & mask)) {
                keys[gap] = keys[probe];
                entries[gap] = entries[probe];
                states[gap] = states[probe];
                gap = probe;
            }
        }
        keys[gap] = null;
        entries[gap] = 0;
        states[gap] = null;
    }

    /** How many keys held have a value (an open decided window). */
    int countWithValue() {
        int count = 0;
        for (int at = 0; at < keys.length; at++) {
            if (keys[at] != null && valueAt(at) != NONE) {
                count++;
            }
        }
        return count;
    }

    /** Every key held, each once, in no particular order (the table's). */
    String[] keys() {
        String[] held = new String[size];
        int count = 0;
        for (String key : keys) {
            if (key != null) {
                held[count++] = key;
            }
        }
        return held;
    }

    private void grow() {
        String[] oldKeys = keys;
        long[] oldEntries = entries;
        KeyState[] oldStates = states;
        keys = new String[oldKeys.length * 2];
        entries = new long[oldKeys.length * 2];
        states = new KeyState[oldKeys.length * 2];
        int mask = entries.length - 1;
        for (int i = 0; i < oldEntries.length; i++) {
            if (oldEntries[i] != 0) {
                int at = (int) (oldEntries[i] >>> 32) & mask;
                while (entries[at] != 0) {
                    at = (at + 1) & mask;
                }
                keys[at] = oldKeys[i];
                entries[at] = oldEntries[i];
                states[at] = oldStates[i];
            }
        }
    }

    /** FNV-1a over the key's characters from {@link #seed}, then a 64-bit finaliser (SplitMix64's). */
    private int spread(String key) {
        long h = seed;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 31));
    }
}
