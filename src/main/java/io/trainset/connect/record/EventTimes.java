package io.trainset.connect.record;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Event times in the forms producers write them: epoch milliseconds, or an ISO-8601 instant; usable
 * only in the years 0001 to 9999 (the range of ISO-8601's four-digit years, SQL's TIMESTAMP and the
 * readers of the dataset; it also keeps every window sum far from overflowing).
 */
final class EventTimes {

    /** 0001-01-01T00:00:00Z. */
    static final long MIN_MS = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
    /** 9999-12-31T23:59:59.999Z. */
    static final long MAX_MS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    static final String RANGE = "the years 0001 to 9999 (epoch milliseconds " + MIN_MS + " to " + MAX_MS + ")";

    private EventTimes() {}

    /**
     * Epoch milliseconds of a time value; {@link IllegalArgumentException} when it is in no known form
     * or out of range, its message saying what the value is (its kind, never the value itself).
     */
    static long parse(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return inRange(((Number) value).longValue(), "a number");
        }
        if (value instanceof java.util.Date date) {
            return inRange(date.getTime(), "a timestamp");
        }
        if (value instanceof String text) {
            return parseText(text.trim());
        }
        if (value instanceof java.math.BigInteger) {
            throw new IllegalArgumentException("is an integer beyond 64 bits, outside " + RANGE);
        }
        throw new IllegalArgumentException("is a " + value.getClass().getSimpleName() + ", neither epoch milliseconds "
                + "(an integer) nor an ISO-8601 instant (a text)");
    }

    /** The epoch milliseconds of a record timestamp; {@link IllegalArgumentException} when out of range. */
    static long checked(long ms) {
        return inRange(ms, "a timestamp");
    }

    private static long inRange(long ms, String kind) {
        if (ms < MIN_MS || ms > MAX_MS) {
            throw new IllegalArgumentException("is " + kind + " outside " + RANGE);
        }
        return ms;
    }

    private static long parseText(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return inRange(Long.parseLong(text), "a numeric text");
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is a numeric text beyond 64 bits, outside " + RANGE, e);
            }
        }
        try {
            return inRange(instant(text).toEpochMilli(), "an ISO-8601 text");
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is an ISO-8601 text outside " + RANGE, e);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "is a text, neither epoch milliseconds nor an ISO-8601 instant " + "with a zone or offset", e);
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }
}
