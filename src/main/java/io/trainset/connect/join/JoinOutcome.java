package io.trainset.connect.join;

import java.util.List;

/** What the join decided about one or two events. Every event accepted ends in exactly one outcome. */
public sealed interface JoinOutcome {

    /** The events this outcome settles, whose input offsets are done once the outcome is handled. */
    List<Event> events();

    /** Both sides arrived: a labelled row. */
    record Matched(Event submitted, Event resolved) implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(submitted, resolved);
        }
    }

    /** The submitted event waited out the timeout; {@code emit} says whether it becomes an unlabelled row. */
    record TimedOut(Event submitted, boolean emit) implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(submitted);
        }
    }

    /** A resolution whose submission never arrived within the timeout: counted and dropped. */
    record Orphaned(Event resolved) implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(resolved);
        }
    }

    /** A second event of the same side and key while the first still waits: counted and dropped. */
    record Duplicate(Event event) implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(event);
        }
    }
}
