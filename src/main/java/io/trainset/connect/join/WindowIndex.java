package io.trainset.connect.join;

import java.util.function.Consumer;

/**
 * Keys to an int (the slot of a key's first decided window): an open-addressing table with linear probing in
 * parallel arrays, so an entry is three array cells rather than a map node and a boxed value; a probe compares
 * the stored hash before it reads a key. At most half full; a removal shifts the entries of its probe run
 * back, so no tombstones pile up.
 */
final class WindowIndex {

    private static final int NONE = -1;

    private String[] keys = new String[16];
    private int[] hashes = new int[16];
    private int[] values = new int[16];
    private int size;

    int size() {
        return size;
    }

    /** The value of {@code key}, or -1 when it has none. */
    int head(String key) {
        int mask = keys.length - 1;
        int hash = spread(key);
        for (int at = hash & mask; keys[at] != null; at = (at + 1) & mask) {
            if (hashes[at] == hash && keys[at].equals(key)) {
                return values[at];
            }
        }
        return NONE;
    }

    void put(String key, int value) {
        int mask = keys.length - 1;
        int hash = spread(key);
        int at = hash & mask;
        while (keys[at] != null) {
            if (hashes[at] == hash && keys[at].equals(key)) {
                values[at] = value;
                return;
            }
            at = (at + 1) & mask;
        }
        keys[at] = key;
        hashes[at] = hash;
        values[at] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    void remove(String key) {
        int mask = keys.length - 1;
        int hash = spread(key);
        int at = hash & mask;
        while (hashes[at] != hash || !key.equals(keys[at])) {
            if (keys[at] == null) {
                return;
            }
            at = (at + 1) & mask;
        }
        size--;
        // Backward shift: an entry after the gap moves into it unless its home lies cyclically in (gap, entry].
        int gap = at;
        for (int probe = (gap + 1) & mask; keys[probe] != null; probe = (probe + 1) & mask) {
            int home = hashes[probe] & mask;
            if (((probe - home) & mask) >= ((probe - gap) & mask)) {
                keys[gap] = keys[probe];
                hashes[gap] = hashes[probe];
                values[gap] = values[probe];
                gap = probe;
            }
        }
        keys[gap] = null;
    }

    void forEachKey(Consumer<String> action) {
        for (String key : keys) {
            if (key != null) {
                action.accept(key);
            }
        }
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int at = oldHashes[i] & mask;
                while (keys[at] != null) {
                    at = (at + 1) & mask;
                }
                keys[at] = oldKeys[i];
                hashes[at] = oldHashes[i];
                values[at] = oldValues[i];
            }
        }
    }

    private static int spread(String key) {
        int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
