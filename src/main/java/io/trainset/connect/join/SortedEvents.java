package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A key's held submission versions or resolutions: plain lists kept in {@link EventOrder} (time, then
 * source), created only when a key holds such events (most keys hold one submission and one resolution).
 */
final class SortedEvents {

    private SortedEvents() {}

    /** Adds {@code event} at its place; returns the list, a new one when {@code sorted} is null. */
    static List<Event> insert(List<Event> sorted, Event event) {
        List<Event> held = sorted == null ? new ArrayList<>(2) : sorted;
        int at = held.size();
        while (at > 0 && EventOrder.compare(held.get(at - 1), event) > 0) {
            at--;
        }
        held.add(at, event);
        return held;
    }

    /** The earliest event in [start, end], or null (also when {@code sorted} is null). */
    static Event firstIn(List<Event> sorted, long start, long end) {
        if (sorted != null) {
            for (Event event : sorted) {
                long t = event.timestampMs();
                if (t >= start) {
                    return t <= end ? event : null;
                }
            }
        }
        return null;
    }

    /** Removes and returns the events in [start, end], in order (an {@link ArrayList}, also when none). */
    static List<Event> takeIn(List<Event> sorted, long start, long end) {
        if (sorted == null) {
            // An empty ArrayList, the class of every other window: the compiled callers never meet a second class.
            return new ArrayList<>(0);
        }
        List<Event> taken = new ArrayList<>(1);
        for (Iterator<Event> it = sorted.iterator(); it.hasNext(); ) {
            Event event = it.next();
            if (event.timestampMs() >= start && event.timestampMs() <= end) {
                taken.add(event);
                it.remove();
            }
        }
        return taken;
    }

    /** How many events come first with a time up to {@code end}. */
    static int countUpTo(List<Event> sorted, long end) {
        int count = 0;
        while (count < sorted.size() && sorted.get(count).timestampMs() <= end) {
            count++;
        }
        return count;
    }
}
