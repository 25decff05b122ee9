package io.trainset.connect.join;

import java.util.Arrays;

/**
 * The keys of a unit by their next decision point, then key: a key is due once the unit's watermark passes
 * its point. A 4-ary heap in parallel arrays with one entry per key, which its state knows the place of
 * ({@link KeyState#duePosition}): a key rescheduled moves its entry instead of leaving a stale one behind,
 * and no object is made per schedule. Four children a node (their points in one cache line) make the heap half as
 * deep as a binary one: a key taken off the top (every decided key) moves the last entry down half as many levels,
 * each a write to a state's {@code duePosition}.
 */
final class DueKeys {

    private static final int NOT_QUEUED = -1;

    private long[] points = new long[16];
    private String[] keys = new String[16];
    private KeyState[] states = new KeyState[16];
    private int size;

    /**
     * Queues the key at its next decision point (or its earliest decided window's end, if before), or takes it
     * off the queue when it holds no events.
     */
    void schedule(String key, KeyState state) {
        long next = state.nextDecision();
        long point = next == Long.MAX_VALUE ? next : Math.min(next, state.windowEnd);
        int at = state.duePosition;
        if (at == NOT_QUEUED) {
            if (point != Long.MAX_VALUE) {
                add(point, key, state);
            }
        } else if (point == Long.MAX_VALUE) {
            removeAt(at);
        } else if (point != points[at]) {
            points[at] = point;
            move(at);
        }
    }

    /**
     * The state of the first key whose point is before {@code watermark} (its entry stays until the key is
     * {@link #schedule scheduled} again), or null when none is due.
     */
    KeyState first(long watermark) {
        return size > 0 && points[0] < watermark ? states[0] : null;
    }

    /** The key of the {@link #first} state. */
    String firstKey() {
        return keys[0];
    }

    private void add(long point, String key, KeyState state) {
        if (size == points.length) {
            points = Arrays.copyOf(points, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
            states = Arrays.copyOf(states, size * 2);
        }
        place(size++, point, key, state);
        siftUp(size - 1);
    }

    private void removeAt(int at) {
        states[at].duePosition = NOT_QUEUED;
        size--;
        if (at != size) {
            place(at, points[size], keys[size], states[size]);
            move(at);
        }
        keys[size] = null;
        states[size] = null;
    }

    /**
     * Moves the entry at {@code at}, whose point changed, to its place: up while it sorts before its parent, else
     * down (an entry that moved up sorts before its new children, which sorted after the parent it displaced).
     */
    private void move(int at) {
        if (siftUp(at) == at) {
            siftDown(at);
        }
    }

    /** Moves the entry at {@code at} towards the root while it sorts first; returns where it ends. */
    private int siftUp(int at) {
        long point = points[at];
        String key = keys[at];
        KeyState state = states[at];
        while (at > 0) {
            int parent = (at - 1) >>> 2;
            if (!less(point, key, points[parent], keys[parent])) {
                break;
            }
            place(at, points[parent], keys[parent], states[parent]);
            at = parent;
        }
        place(at, point, key, state);
        return at;
    }

    private void siftDown(int at) {
        long point = points[at];
        String key = keys[at];
        KeyState state = states[at];
        for (int first = 4 * at + 1; first < size; first = 4 * at + 1) {
            int child = first;
            for (int other = first + 1; other < Math.min(first + 4, size); other++) {
                if (less(points[other], keys[other], points[child], keys[child])) {
                    child = other;
                }
            }
            if (!less(points[child], keys[child], point, key)) {
                break;
            }
            place(at, points[child], keys[child], states[child]);
            at = child;
        }
        place(at, point, key, state);
    }

    /** The queue's order: by point, then key (so equal inputs give outcomes in the same order). */
    private static boolean less(long point, String key, long otherPoint, String otherKey) {
        return point != otherPoint ? point < otherPoint : key.compareTo(otherKey) < 0;
    }

    private void place(int at, long point, String key, KeyState state) {
        points[at] = point;
        keys[at] = key;
        states[at] = state;
        state.duePosition = at;
    }
}
