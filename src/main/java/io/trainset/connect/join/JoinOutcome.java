package io.trainset.connect.join;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.Policies;
import java.util.List;

/**
 * What the join decided. Every accepted event ends up in outcomes that settle it: in one or more
 * {@link Matched} rows (policy {@code all}), or in exactly one outcome of another kind ({@link Provisional}
 * settles none). Code that treats
 * outcomes by kind implements {@link Handler}, so that a new kind fails to compile until it is handled.
 */
public sealed interface JoinOutcome {

    /** The events this outcome settles once it is handled (written, reported or counted). */
    List<Event> events();

    /** Hands this outcome to the method of {@code handler} for its kind. */
    void handledBy(Handler handler);

    /** One method per kind of outcome, each given the outcome with its own fields. */
    interface Handler {
        void matched(Matched outcome);

        void provisional(Provisional outcome);

        void timedOut(TimedOut outcome);

        void orphaned(Orphaned outcome);

        void late(Late outcome);

        void aheadOfClock(AheadOfClock outcome);

        void duplicate(Duplicate outcome);

        void ignored(Ignored outcome);
    }

    /**
     * A labelled row: the submission version that gives the features, and the resolution. {@code labelVersion}
     * is 2 when the case had a {@link Provisional} row before (early-label mode), else 1; {@code caseStartMs} is the
     * case's anchor time (that of its provisional row when it had one), which identifies the case within its key;
     * {@code windowEndMs} is the end of the window the case was judged by when it is not {@code caseStartMs} + {@code
     * join.window.after.ms} (a late earlier version joined a case that had its provisional row: the window is
     * anchored at that version), else null.
     */
    record Matched(
            Event submitted, Event resolved, int resolutionCount, int labelVersion, long caseStartMs, Long windowEndMs)
            implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(submitted, resolved);
        }

        @Override
        public void handledBy(Handler handler) {
            handler.matched(this);
        }
    }

    /**
     * A submission whose window closed without a resolution, handled as {@code policy} says; {@code labelVersion}
     * {@code caseStartMs} and {@code windowEndMs} as in {@link Matched}.
     */
    record TimedOut(Event submitted, Policies.TimedOut policy, int labelVersion, long caseStartMs, Long windowEndMs)
            implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(submitted);
        }

        @Override
        public void handledBy(Handler handler) {
            handler.timedOut(this);
        }
    }

    /**
     * Early-label mode: a case without a resolution at its early point ({@code earlyPointMs}, its anchor plus
     * {@code join.early.window.ms}) gets a provisional, unlabelled row with the features of {@code submitted}. It
     * settles no event: the case's events stay held for its final row ({@link Matched} or {@link TimedOut},
     * label version 2, the same {@code caseStartMs}: the case's anchor time), which follows in a later outcome, never
     * before it.
     */
    record Provisional(Event submitted, long earlyPointMs, long caseStartMs) implements JoinOutcome {
        /** The provisional outcome of a case anchored at the submission's time. */
        public Provisional(Event submitted, long earlyPointMs) {
            this(submitted, earlyPointMs, submitted.timestampMs());
        }

        @Override
        public List<Event> events() {
            return List.of();
        }

        @Override
        public void handledBy(Handler handler) {
            handler.provisional(this);
        }
    }

    /** A resolution that can no longer meet a submission, handled as {@code policy} says. */
    record Orphaned(Event resolved, Policies.Orphan policy) implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(resolved);
        }

        @Override
        public void handledBy(Handler handler) {
            handler.orphaned(this);
        }
    }

    /** An event behind its input's watermark, reported or dropped as {@code policy} says (never JOIN here). */
    record Late(Event event, Policies.Late policy, long watermarkMs) implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(event);
        }

        @Override
        public void handledBy(Handler handler) {
            handler.late(this);
        }
    }

    /**
     * An event whose time is beyond what is plausible at the worker's clock {@code clockMs} (more than
     * {@code maxAheadMs} ahead of it): a placeholder date, or a time in the wrong unit. It is not joined
     * and moves no watermark; the task reports it as a bad record.
     */
    record AheadOfClock(Event event, long clockMs, long maxAheadMs) implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(event);
        }

        @Override
        public void handledBy(Handler handler) {
            handler.aheadOfClock(this);
        }
    }

    /** An exact redelivery of an event the join already holds: no second row. */
    record Duplicate(Event event) implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(event);
        }

        @Override
        public void handledBy(Handler handler) {
            handler.duplicate(this);
        }
    }

    /** An event that takes part in no row: a superseded version, or a resolution beyond the chosen one. */
    record Ignored(Event event, String reason) implements JoinOutcome {
        @Override
        public List<Event> events() {
            return List.of(event);
        }

        @Override
        public void handledBy(Handler handler) {
            handler.ignored(this);
        }
    }
}
