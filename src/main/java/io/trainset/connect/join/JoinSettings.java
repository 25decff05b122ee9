package io.trainset.connect.join;

import io.trainset.connect.model.Policies;
import java.time.Duration;
import java.util.Objects;

/**
 * How the join behaves. A resolution at time {@code r} matches a submission at time {@code s}
 * when {@code s - before <= r <= s + after}.
 *
 * @param before how far a resolution may precede its submission (clock skew)
 * @param after the labelling horizon: how long after a submission its resolution may come
 * @param grace how far out of order events of one input partition may arrive before they are late
 * @param idleTimeout after this much wall-clock silence (not paused) an input holds its unit back
 *     no further than the wall clock minus the idle timeout and the grace, so a caught-up backfill
 *     closes its windows; zero disables it
 * @param versions which submission version gives the features
 * @param resolutions which resolutions become rows
 * @param timedOut what happens to a submission without resolution
 * @param orphan what happens to a resolution without submission
 * @param late what happens to a late event
 * @param maxAhead how far an event's time may be ahead of the worker's clock: an event beyond it is
 *     not joined and moves no watermark ({@link JoinOutcome.AheadOfClock})
 * @param early the early-label window: a case still without a resolution this long after its anchor gets a
 *     provisional row ({@link JoinOutcome.Provisional}); zero disables the mode, and it is shorter than
 *     {@code after} when set
 */
public record JoinSettings(
        Duration before,
        Duration after,
        Duration grace,
        Duration idleTimeout,
        Policies.Versions versions,
        Policies.Resolutions resolutions,
        Policies.TimedOut timedOut,
        Policies.Orphan orphan,
        Policies.Late late,
        Duration maxAhead,
        Duration early) {

    /** The default of {@link #maxAhead}: far beyond clock skew, so no real event is refused. */
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofDays(1);

    public JoinSettings {
        for (Duration d : new Duration[] {before, after, grace, idleTimeout, maxAhead, early}) {
            Objects.requireNonNull(d, "durations");
            if (d.isNegative()) {
                throw new IllegalArgumentException("join durations must not be negative: " + d);
            }
        }
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(resolutions, "resolutions");
        Objects.requireNonNull(timedOut, "timedOut");
        Objects.requireNonNull(orphan, "orphan");
        Objects.requireNonNull(late, "late");
        if (!early.isZero() && early.compareTo(after) >= 0) {
            throw new IllegalArgumentException(
                    "the early-label window must be shorter than the join window: " + early + " >= " + after);
        }
    }

    /** Whether the early-label mode is on: provisional rows at {@link #early} after each case's anchor. */
    public boolean earlyLabels() {
        return !early.isZero();
    }

    /**
     * The defaults: a window of {@code after}, no skew, no grace, no idle timeout, first/first, emit, dlq,
     * dlq, events up to {@link #DEFAULT_MAX_AHEAD} ahead of the clock, no early-label mode.
     */
    public static JoinSettings of(Duration after) {
        return new JoinSettings(
                Duration.ZERO,
                after,
                Duration.ZERO,
                Duration.ZERO,
                Policies.Versions.FIRST,
                Policies.Resolutions.FIRST,
                Policies.TimedOut.EMIT,
                Policies.Orphan.DLQ,
                Policies.Late.DLQ,
                DEFAULT_MAX_AHEAD,
                Duration.ZERO);
    }

    /** The latest event time that is plausible at wall-clock time {@code nowMs}: now plus {@link #maxAhead}. */
    public long plausibleUntil(long nowMs) {
        return Watermarks.plus(nowMs, maxAhead.toMillis());
    }

    public JoinSettings withBefore(Duration value) {
        return new JoinSettings(
                value, after, grace, idleTimeout, versions, resolutions, timedOut, orphan, late, maxAhead, early);
    }

    public JoinSettings withGrace(Duration value) {
        return new JoinSettings(
                before, after, value, idleTimeout, versions, resolutions, timedOut, orphan, late, maxAhead, early);
    }

    public JoinSettings withIdleTimeout(Duration value) {
        return new JoinSettings(
                before, after, grace, value, versions, resolutions, timedOut, orphan, late, maxAhead, early);
    }

    public JoinSettings with(Policies.Versions value) {
        return new JoinSettings(
                before, after, grace, idleTimeout, value, resolutions, timedOut, orphan, late, maxAhead, early);
    }

    public JoinSettings with(Policies.Resolutions value) {
        return new JoinSettings(
                before, after, grace, idleTimeout, versions, value, timedOut, orphan, late, maxAhead, early);
    }

    public JoinSettings with(Policies.TimedOut value) {
        return new JoinSettings(
                before, after, grace, idleTimeout, versions, resolutions, value, orphan, late, maxAhead, early);
    }

    public JoinSettings with(Policies.Orphan value) {
        return new JoinSettings(
                before, after, grace, idleTimeout, versions, resolutions, timedOut, value, late, maxAhead, early);
    }

    public JoinSettings withMaxAhead(Duration value) {
        return new JoinSettings(
                before, after, grace, idleTimeout, versions, resolutions, timedOut, orphan, late, value, early);
    }

    public JoinSettings withEarly(Duration value) {
        return new JoinSettings(
                before, after, grace, idleTimeout, versions, resolutions, timedOut, orphan, late, maxAhead, value);
    }

    public JoinSettings with(Policies.Late value) {
        return new JoinSettings(
                before, after, grace, idleTimeout, versions, resolutions, timedOut, orphan, value, maxAhead, early);
    }
}
