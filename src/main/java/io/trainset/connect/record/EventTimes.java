package io.trainset.connect.record;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Event times in the forms producers write them: epoch milliseconds, or an ISO-8601 instant. */
final class EventTimes {

    private EventTimes() {}

    /** Epoch milliseconds of a time value, or null when it is in no known form. */
    static Long parse(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.util.Date date) {
            return date.getTime();
        }
        if (value instanceof String text) {
            return parseText(text.trim());
        }
        return null;
    }

    private static Long parseText(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException notOffset) {
                return null;
            }
        }
    }
}
