package io.trainset.connect.record;

import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Where each side's event time comes from and its checks: the worker's clock in processing-time mode; else the
 * side's time field ({@link EventSettings}) when it holds a value, or the record timestamp; a time out of
 * {@link EventTimes}' range or too far ahead of the worker's clock ({@link AheadBound}) is a bad record.
 */
final class RecordTimes {

    private final EventSettings events;
    private final LongSupplier clock;
    private final AheadBound aheadBound;

    RecordTimes(EventSettings events, LongSupplier clock, Optional<Duration> maxAhead) {
        this.events = events;
        this.clock = clock;
        this.aheadBound = new AheadBound(clock, maxAhead);
    }

    /** The field that holds a side's time; empty: the record timestamp, or the clock in processing-time mode. */
    Optional<FieldPath> field(Side side) {
        if (events.timeMode() == Policies.TimeMode.PROCESSING) {
            return Optional.empty();
        }
        return side == Side.SUBMITTED ? events.submittedTimeField() : events.resolvedTimeField();
    }

    /**
     * The event time of a record of {@code side}: {@code raw}, the {@link #field}'s value (null when there is none or
     * it is missing), else its record {@code timestamp}; throws {@link BadRecordException}.
     */
    long timeOf(Object raw, Long timestamp, Side side, SourcePosition source) {
        if (events.timeMode() == Policies.TimeMode.PROCESSING) {
            return clock.getAsLong();
        }
        if (raw != null) {
            FieldPath field = field(side).orElseThrow();
            try {
                return aheadBound.checked(EventTimes.parse(raw), "its time field '" + field + "'", source);
            } catch (IllegalArgumentException e) {
                throw ExtractionErrors.badTimeField(field, side, raw, source, e);
            }
        }
        if (timestamp == null) {
            throw ExtractionErrors.noTimestamp(source);
        }
        try {
            return aheadBound.checked(EventTimes.checked(timestamp), "its record timestamp", source);
        } catch (IllegalArgumentException e) {
            throw ExtractionErrors.badTimestamp(timestamp, source, e);
        }
    }
}
