package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The count and estimated bytes of the events a {@link JoinUnit} holds, for the task's memory bound:
 * each event is counted when held and uncounted once, when an outcome settles it.
 */
final class HeldEvents {

    private final ToLongFunction<Event> sizer;
    private long bytes;
    private int count;

    HeldEvents(ToLongFunction<Event> sizer) {
        this.sizer = sizer;
    }

    void hold(Event event) {
        bytes += sizer.applyAsLong(event);
        count++;
    }

    long bytes() {
        return bytes;
    }

    int count() {
        return count;
    }

    /** Stops counting the events that {@code outcomes} from index {@code from} on settle, each once. */
    void releaseSettled(List<JoinOutcome> outcomes, int from) {
        for (int i = from; i < outcomes.size(); i++) {
            for (Event event : outcomes.get(i).events()) {
                if (!settledBefore(outcomes, event, from, i)) {
                    unhold(event);
                }
            }
        }
    }

    /** Whether an outcome in [from, until) settles this very event (several rows share a version under "all"). */
    private static boolean settledBefore(List<JoinOutcome> outcomes, Event event, int from, int until) {
        for (int i = from; i < until; i++) {
            for (Event earlier : outcomes.get(i).events()) {
                if (earlier == event) {
                    return true;
                }
            }
        }
        return false;
    }

    private void unhold(Event event) {
        bytes -= sizer.applyAsLong(event);
        count--;
    }
}
