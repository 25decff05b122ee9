package io.trainset.connect.state;

/**
 * Which of a unit's checkpoints are full and which are deltas. A delta holds only the keys that
 * changed since the checkpoint before, so a commit's cost follows what changed rather than the whole
 * state (a 7-day window can hold hundreds of thousands of decided keys). A full checkpoint starts
 * each chain: the first commit of a unit instance, then whenever the deltas since the base would
 * together hold more than {@value #CHANGES_PER_FULL} times the keys of a full checkpoint, or after
 * {@value #MAX_DELTAS} deltas. Over a chain the commits write about 1.5 times the keys that changed
 * (plus a whole state at least every {@value #MAX_DELTAS} commits), and a restore reads about three
 * times the whole state at most, in at most {@value #MAX_DELTAS} + 1 objects. Not thread-safe: one
 * task thread commits a unit.
 */
public final class CheckpointChain {

    static final int CHANGES_PER_FULL = 2;
    static final int MAX_DELTAS = 50;

    private long base;
    private int deltas;
    private long changedSinceBase;

    /**
     * Whether the next checkpoint is full, given the keys that changed since the last one and the
     * keys the unit holds now.
     */
    public boolean fullDue(int changedKeys, int keys) {
        return base == 0 || deltas >= MAX_DELTAS || changedSinceBase + changedKeys > (long) CHANGES_PER_FULL * keys;
    }

    /** The full checkpoint the next delta builds on; 0 before the first checkpoint of this chain. */
    public long base() {
        return base;
    }

    /** Notes the checkpoint taken as {@code sequence}: full, or a delta of {@code keys} changed keys. */
    public void written(long sequence, boolean full, int keys) {
        if (full) {
            base = sequence;
            deltas = 0;
            changedSinceBase = 0;
        } else {
            deltas++;
            changedSinceBase += keys;
        }
    }
}
