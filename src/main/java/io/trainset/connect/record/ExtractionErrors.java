package io.trainset.connect.record;

import io.trainset.connect.model.LabelPathBound;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.record.BadRecordException.Kind;

/**
 * The reports of {@link EventExtractor}'s bad records, each naming the record, what is wrong and the fix.
 * Cold code kept out of the extractor's per-record methods, so that their bytecode (which bounds what the
 * JIT inlines into the compiled record path) is the work of a good record.
 */
final class ExtractionErrors {

    private ExtractionErrors() {}

    static BadRecordException notJson(SourcePosition source, IllegalArgumentException e) {
        return new BadRecordException(
                Kind.VALUE,
                source,
                "its value cannot be read as JSON",
                e.getMessage(),
                "fix the producer, " + "or set value.format=converter and a value.converter that reads this format",
                e);
    }

    static BadRecordException failed(SourcePosition source, Throwable e) {
        return new BadRecordException(
                Kind.OTHER,
                source,
                "reading it failed with " + e.getClass().getName(),
                String.valueOf(e.getMessage()),
                "check the record against the documented formats (docs/dataset.md); if it is one of them, "
                        + "report this failure to Trainset",
                e);
    }

    static BadRecordException tooDeep(SourcePosition source) {
        return new BadRecordException(
                Kind.VALUE,
                source,
                "its value nests maps, lists or structs deeper than " + ValueDepth.MAX_DEPTH + " levels",
                "",
                "fix the producer");
    }

    static BadRecordException unknownTopic(SourcePosition source) {
        return new BadRecordException(
                Kind.ROUTING,
                source,
                "its topic is in neither submitted.topics nor resolved.topics",
                "",
                "add the topic to the list of its side");
    }

    static BadRecordException unknownType(
            FieldPath typeField, String type, EventSettings events, SourcePosition source) {
        return new BadRecordException(
                Kind.ROUTING,
                source,
                "its type field '" + typeField + "' is "
                        + (type == null
                                ? "missing"
                                : "neither '" + events.submittedType() + "' nor '" + events.resolvedType() + "'"),
                type == null ? "" : "'" + preview(type) + "'",
                "fix the producer, or set event.type.submitted/event.type.resolved to the values it uses");
    }

    static BadRecordException badTimeField(
            FieldPath field, Side side, Object raw, SourcePosition source, IllegalArgumentException e) {
        return new BadRecordException(
                Kind.TIME,
                source,
                "its time field '" + field + "' " + e.getMessage(),
                "'" + preview(raw) + "'",
                "fix the producer (epoch milliseconds, or an ISO-8601 instant with "
                        + "a zone or offset, in the years 0001 to 9999), or point "
                        + (side == Side.SUBMITTED ? "submitted" : "resolved")
                        + ".time.field at the event time");
    }

    static BadRecordException noTimestamp(SourcePosition source) {
        return new BadRecordException(
                Kind.TIME,
                source,
                "it has no timestamp",
                "",
                "produce records with timestamps (any "
                        + "Kafka client >= 0.10 does) or set message.timestamp.type=LogAppendTime on the topic");
    }

    static BadRecordException badTimestamp(Long timestamp, SourcePosition source, IllegalArgumentException e) {
        return new BadRecordException(
                Kind.TIME,
                source,
                "its record timestamp " + e.getMessage(),
                "" + timestamp,
                "fix the producer's timestamps, or set message.timestamp.type=LogAppendTime on the topic");
    }

    static BadRecordException featuresRejected(SourcePosition source, RuntimeException e) {
        return Rejections.of(
                Kind.VALUE,
                source,
                e,
                "its features cannot be read",
                "fix the producer, or adjust features.include/features.exclude");
    }

    static BadRecordException labelRejected(SourcePosition source, RuntimeException e) {
        return Rejections.of(
                Kind.LABEL,
                source,
                e,
                "its label or resolved columns are rejected",
                "fix the producer, or adjust label.allowed, label.mapping, label.unknown.policy or resolved.fields");
    }

    static BadRecordException labelNotText(FieldPath labelField, Object raw, SourcePosition source) {
        String problem = raw == null
                ? "the label field '" + labelField + "' is missing or null"
                : "the label field '" + labelField + "' is a " + raw.getClass().getSimpleName()
                        + ", not a string, number or boolean";
        return new BadRecordException(
                Kind.LABEL, source, problem, "", "fix the producer or point label.field at the label");
    }

    static BadRecordException labelTooLong(
            LabelPathBound bound, SourcePosition source, ResolutionExtractor.LabelTooLong e) {
        return new BadRecordException(
                Kind.LABEL,
                source,
                bound.problem(),
                e.bytes() + " bytes: '" + preview(e.label()) + "'",
                "fix the producer, map long labels to short ones with label.mapping "
                        + "(or label.allowed with label.unknown.policy=other), or leave 'label' out of layout.partitions",
                e);
    }

    static BadRecordException emptyLabelLevel(SourcePosition source, ResolutionExtractor.EmptyLabelLevel e) {
        return new BadRecordException(
                Kind.LABEL,
                source,
                "its label is empty: as the path level 'label=' it would read "
                        + "back as null, like the label of a timed-out row",
                "",
                "fix the producer, or leave 'label' out "
                        + "of layout.partitions (the label column then keeps the empty label exactly)",
                e);
    }

    /** At most 80 characters of a value, for the detail of a report. */
    static String preview(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
