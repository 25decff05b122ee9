package io.trainset.connect.metrics;

import java.util.Locale;

/**
 * The closed sets of tag values a metric is recorded by (so every series exists from the start and
 * recording allocates nothing). Each value's tag text is its name in lower case with dashes.
 */
public final class Tags {

    private Tags() {}

    /** A value of a tag: its position among its set is its slot. */
    public interface Value {
        String name();

        int ordinal();

        /** The text of the tag, e.g. {@code timed-out}. */
        default String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Tag {@code side}: the input a record or event came from. */
    public enum Side implements Value {
        SUBMITTED,
        RESOLVED
    }

    /** Tag {@code status}: a row's {@code join_status}. */
    public enum Status implements Value {
        JOINED,
        TIMED_OUT
    }

    /** Tag {@code reason} of {@code dlq-records-total}: why a record went to the worker's error reporter. */
    public enum DlqReason implements Value {
        LATE("an event behind its input's watermark, with join.late.policy=dlq"),
        ORPHAN("a resolution that matched no submission, with join.orphan.policy=dlq"),
        TIMED_OUT("a submission without a resolution in its window, with join.timed.out.policy=dlq"),
        BAD("a bad record (bad-records-total has its reason)");

        private final String when;

        DlqReason(String when) {
            this.when = when;
        }

        public String when() {
            return when;
        }
    }

    /** Tag {@code reason} of {@code bad-records-total}: what is wrong (its WARN line names the record and fix). */
    public enum BadReason implements Value {
        KEY("no join key, or an empty one"),
        TIME("no timestamp, or a time field that does not parse"),
        AHEAD_OF_CLOCK("an event time more than join.time.max.ahead.ms ahead of the worker's clock"),
        VALUE("a value that cannot be read: not JSON, nested too deep, features that do not convert"),
        LABEL("a missing, empty or too long label, or one past label.max.distinct"),
        COLUMNS("columns past dataset.max.columns, or a value of another type than its column"),
        ROUTING("a topic in neither side's list, or a type field that names neither side"),
        OTHER("reading the record failed unexpectedly (the WARN line has the cause)");

        private final String when;

        BadReason(String when) {
            this.when = when;
        }

        public String when() {
            return when;
        }
    }

    /** Tag {@code reason} of {@code partition-pauses-total}: why the task paused an input partition. */
    public enum PauseReason implements Value {
        ALIGNMENT("its event time ran ahead of its join unit's slowest active input by more than "
                + "join.alignment.max.drift.ms"),
        BUFFER_BOUND("the join buffer was over join.buffer.max.bytes and it ran ahead of its unit's slowest input");

        private final String when;

        PauseReason(String when) {
            this.when = when;
        }

        public String when() {
            return when;
        }
    }
}
