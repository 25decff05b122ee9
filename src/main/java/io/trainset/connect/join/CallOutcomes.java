package io.trainset.connect.join;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcomes of a {@link JoinUnit}'s call in progress, given back when it returns: copied out, so a call that settles
 * nothing allocates no list. Outcomes {@link #defer deferred} (the restore's) are given with the next call's.
 */
final class CallOutcomes {

    /** Kept between calls (no list per call), but not at the size of a call that settled thousands of keys. */
    private final ArrayList<JoinOutcome> pending = new ArrayList<>();

    private final List<JoinOutcome> deferred = new ArrayList<>();

    /** Starts a call's outcomes: with the deferred ones, the first time. */
    void start() {
        pending.clear();
        if (!deferred.isEmpty()) {
            pending.addAll(deferred);
            deferred.clear();
        }
    }

    /** The call's outcomes so far, for its steps to append to. */
    List<JoinOutcome> appending() {
        return pending;
    }

    /** Gives {@code outcome} with the next call's outcomes. */
    void defer(JoinOutcome outcome) {
        deferred.add(outcome);
    }

    /** Ends the call: its outcomes, an unmodifiable list. */
    List<JoinOutcome> take() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<JoinOutcome> taken = List.copyOf(pending);
        boolean large = pending.size() > 4_096;
        pending.clear();
        if (large) {
            pending.trimToSize();
        }
        return taken;
    }
}
