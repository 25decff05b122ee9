package io.trainset.connect.join;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Keys to an int (the slot of a key's first decided window): an open-addressing table with linear probing,
 * where an entry is a key reference and one long (the key's spread hash and the value) rather than a map node
 * and a boxed value; a probe compares the stored hash before it reads a key. At most half full; a removal
 * shifts the entries of its probe run back, so no tombstones pile up. Keys come from input records, so the hash is
 * not {@link String#hashCode} (keys made to share it, "Aa"/"BB" blocks, would make every probe run as long as
 * the table): the characters are hashed from a random seed per index, so colliding keys cannot be chosen ahead.
 */
final class WindowIndex {

    private static final int NONE = -1;

    private String[] keys = new String[16];
    /** Per entry: the spread hash of its key in the high half, its value in the low half. */
    private long[] entries = new long[16];

    private int size;
    /** The hash's starting value, odd and random per index. */
    private final long seed = ThreadLocalRandom.current().nextLong() | 1;

    int size() {
        return size;
    }

    /** The value of {@code key}, or -1 when it has none. */
    int head(String key) {
        int at = find(key);
        return keys[at] == null ? NONE : (int) entries[at];
    }

    void put(String key, int value) {
        int at = find(key);
        boolean added = keys[at] == null;
        keys[at] = key;
        entries[at] = entry(spread(key), value);
        if (added && ++size * 2 > keys.length) {
            grow();
        }
    }

    void remove(String key) {
        int gap = find(key);
        if (keys[gap] == null) {
            return;
        }
        size--;
        // Backward shift: an entry after the gap moves into it unless its home lies cyclically in (gap, entry].
        int mask = keys.length - 1;
        for (int probe = (gap + 1) & mask; keys[probe] != null; probe = (probe + 1) & mask) {
            int home = hash(probe) & mask;
            if (((probe - home) & mask) >= ((probe - gap) & mask)) {
                keys[gap] = keys[probe];
                entries[gap] = entries[probe];
                gap = probe;
            }
        }
        keys[gap] = null;
    }

    /** The place of {@code key}, or the empty place where it would go. */
    private int find(String key) {
        int mask = keys.length - 1;
        int hash = spread(key);
        int at = hash & mask;
        while (keys[at] != null && (hash(at) != hash || !keys[at].equals(key))) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private void grow() {
        String[] oldKeys = keys;
        long[] oldEntries = entries;
        keys = new String[oldKeys.length * 2];
        entries = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int at = (int) (oldEntries[i] >>> 32) & mask;
                while (keys[at] != null) {
                    at = (at + 1) & mask;
                }
                keys[at] = oldKeys[i];
                entries[at] = oldEntries[i];
            }
        }
    }

    private int hash(int at) {
        return (int) (entries[at] >>> 32);
    }

    private static long entry(int hash, int value) {
        return ((long) hash << 32) | (value & 0xFFFFFFFFL);
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
