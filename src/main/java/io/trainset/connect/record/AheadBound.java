package io.trainset.connect.record;

import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.BadRecordException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * join.time.max.ahead.ms as extraction applies it: an event time further ahead of the worker's clock is
 * a bad record, reported before the record changes anything (columns, labels, watermarks). The join
 * keeps the same rule as a backstop ({@code JoinOutcome.AheadOfClock}).
 *
 * @param clock    the worker's clock, epoch milliseconds
 * @param maxAhead how far ahead of it an event time may be; empty: no bound here
 */
record AheadBound(LongSupplier clock, Optional<Duration> maxAhead) {

    /** {@code timeMs}, unless it is too far ahead; {@code what} names where it came from (a field, the timestamp). */
    long checked(long timeMs, String what, SourcePosition source) {
        if (maxAhead.isEmpty()) {
            return timeMs;
        }
        long nowMs = clock.getAsLong();
        long maxAheadMs = maxAhead.get().toMillis();
        if (timeMs <= nowMs || timeMs - nowMs <= maxAheadMs) {
            return timeMs;
        }
        throw new BadRecordException(
                Kind.AHEAD_OF_CLOCK,
                source,
                what + " is more than join.time.max.ahead.ms (" + maxAheadMs + " ms) "
                        + "ahead of the worker's clock: it was not joined and moved no watermark",
                "event time " + Instant.ofEpochMilli(timeMs) + ", worker clock " + Instant.ofEpochMilli(nowMs),
                "fix the producer's "
                        + "clock or time unit (a placeholder date, or micro- or nanoseconds read as milliseconds), or raise "
                        + "join.time.max.ahead.ms if such times are real");
    }
}
