package io.trainset.connect.join;

import java.util.PriorityQueue;

/**
 * The keys of a unit by their next decision point: a key is due once the unit's watermark passes it.
 * A key has one live entry; an entry is stale when its key's stamp moved on (rescheduled or removed).
 */
final class DueKeys {

    /** A key to re-evaluate once the watermark passes {@code point}; stale when the key's stamp moved on. */
    private record Due(long point, String key, long stamp) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byPoint = Long.compare(point, other.point);
            return byPoint != 0 ? byPoint : key.compareTo(other.key);
        }
    }

    private final PriorityQueue<Due> due = new PriorityQueue<>();
    /** Unit-wide, so an entry left by a removed key's state never matches a later state of that key. */
    private long stamps;

    /** Queues the key at its next decision point, unless its live entry already has that point. */
    void schedule(String key, KeyState state) {
        long point = state.nextDecision();
        if (point == state.duePoint) {
            return;
        }
        state.stamp = ++stamps;
        state.duePoint = point;
        if (point != Long.MAX_VALUE) {
            due.add(new Due(point, key, state.stamp));
        }
    }

    /**
     * The next key whose live entry's point is before {@code watermark}, taken off the queue (its state no
     * longer has a live entry), or null when none is due; {@code states} finds a key's current state.
     */
    String next(long watermark, KeyStates states) {
        while (!due.isEmpty() && due.peek().point() < watermark) {
            Due next = due.poll();
            KeyState state = states.get(next.key());
            if (state != null && state.stamp == next.stamp()) {
                state.duePoint = Long.MAX_VALUE;
                return next.key();
            }
        }
        return null;
    }
}
