package io.trainset.connect.model;

import java.util.Arrays;
import java.util.Locale;

/** The join's configurable choices, each with its config value (lower case). */
public final class Policies {

    private Policies() {}

    /** What happens to a submitted event whose window closed without a resolution. */
    public enum TimedOut {
        /** Write it as an unlabelled row (join_status=timed_out, label null): the default, dropping biases the data. */
        EMIT,
        /** Count it and discard it. */
        DROP,
        /** Report it to the dead-letter queue. */
        DLQ
    }

    /** What happens to a resolution that can no longer meet its submission. */
    public enum Orphan {
        /** Report it to the dead-letter queue (the default): it is never silently lost. */
        DLQ,
        /** Count it and discard it. */
        DROP
    }

    /** What happens to an event behind the watermark of its input (out of order by more than the grace). */
    public enum Late {
        /** Report it to the dead-letter queue (the default). */
        DLQ,
        /** Count it and discard it. */
        DROP,
        /** Join it against what is still buffered, best effort: the result may depend on arrival order. */
        JOIN
    }

    /** Which version of a submission (several events of one key) gives the features. */
    public enum Versions {
        /** The first version: features as they were when a router would have had to decide (the default). */
        FIRST,
        /** The latest version whose time is not after the resolution's: never a version from after it. */
        LATEST
    }

    /** Which resolutions of one key become rows. */
    public enum Resolutions {
        /** The first resolution in the window (the default); the row is written as soon as it is final. */
        FIRST,
        /** The last resolution in the window; the row is written when the window closes. */
        LAST,
        /** One row per resolution in the window; written when the window closes. */
        ALL
    }

    /** Where an event's time comes from. */
    public enum TimeMode {
        /** The event's own time (a field, or the record timestamp): deterministic (the default). */
        EVENT,
        /** The worker's clock when the record is read: simple, but results depend on timing. */
        PROCESSING
    }

    /** The config value of a constant: its name in lower case. */
    public static String configValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Every config value of an enum, for validators and docs. */
    public static String[] configValues(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Policies::configValue).toArray(String[]::new);
    }

    /** Parses a config value (case-insensitive). */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }
}
