package io.trainset.connect.record;

import io.trainset.connect.model.SourcePosition;
import org.apache.kafka.connect.errors.DataException;

/**
 * A record that cannot become part of the dataset. The message names the record (topic, partition,
 * offset), what is wrong, and the fix; the task hands it to the dead-letter queue reporter. What is
 * wrong comes in two parts: the {@link #reason} names fields and kinds of values but never the
 * record's content (so it can be logged whatever {@code errors.log.include.messages} says, and
 * repeated reports of it be counted), the {@link #detail} may quote the content.
 */
public class BadRecordException extends DataException {

    /** What kind of defect it is, for the bad-records metric: each kind has its own fix. */
    public enum Kind {
        /** No join key, or an empty one. */
        KEY,
        /** No timestamp, or a time field that does not parse. */
        TIME,
        /** An event time too far ahead of the worker's clock. */
        AHEAD_OF_CLOCK,
        /** A value that cannot be read: not JSON, nested too deep, features that do not convert. */
        VALUE,
        /** A missing, empty or too long label, or one past label.max.distinct. */
        LABEL,
        /** Columns past dataset.max.columns, or a value of another type than its column. */
        COLUMNS,
        /** A topic in neither side's list, or a type field that names neither side. */
        ROUTING,
        /** Reading the record failed unexpectedly. */
        OTHER
    }

    private final Kind kind;
    private final transient SourcePosition source;
    private final String reason;
    private final String detail;
    private final String fix;

    /**
     * @param reason what is wrong, without the record's content
     * @param detail what of the content shows it (a value, a parser's message), or empty
     */
    public BadRecordException(Kind kind, SourcePosition source, String reason, String detail, String fix) {
        this(kind, source, reason, detail, fix, null);
    }

    public BadRecordException(
            Kind kind, SourcePosition source, String reason, String detail, String fix, Throwable cause) {
        super(message(source, reason, detail, fix), cause);
        this.kind = kind;
        this.source = source;
        this.reason = reason;
        this.detail = detail;
        this.fix = fix;
    }

    private static String message(SourcePosition source, String reason, String detail, String fix) {
        return "Record " + source + " cannot be used: " + reason + (detail.isEmpty() ? "" : ": " + detail) + ". Fix: "
                + fix + ".";
    }

    public Kind kind() {
        return kind;
    }

    public SourcePosition source() {
        return source;
    }

    /** What is wrong, without the record's content: the same for every record with the same defect. */
    public String reason() {
        return reason;
    }

    /** The content that shows what is wrong; may be empty. */
    public String detail() {
        return detail;
    }

    /** What the operator should do, without the record's content. */
    public String fix() {
        return fix;
    }

    /** The message without the record's content. */
    public String withoutContent() {
        return message(source, reason, "", fix);
    }
}
