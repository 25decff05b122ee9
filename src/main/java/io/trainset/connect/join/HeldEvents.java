package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The count and estimated bytes of the events a {@link JoinUnit} holds, for the task's memory bound:
 * each event is counted when a key holds it and uncounted once, when the key lets it go (a decision, which settles it
 * in its outcomes). Released where the case is decided, not by asking each outcome for its events: the outcome's
 * kind stays out of the compiled join's type profile (a first outcome of a new kind would trap there).
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

    /** Stops counting {@code events}, which the key that held them just let go (each settled by an outcome). */
    void release(List<Event> events) {
        for (int i = 0; i < events.size(); i++) {
            release(events.get(i));
        }
    }

    /** Stops counting {@code event}, which the key that held it just let go (settled by an outcome). */
    void release(Event event) {
        bytes -= sizer.applyAsLong(event);
        count--;
    }
}
