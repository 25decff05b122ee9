package io.trainset.connect.record;

import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a {@link SinkRecord} into a join {@link Event}: which side (by the record's original topic,
 * or a type field in single-topic mode), the join key, the event time (a time field, the record
 * timestamp, or the worker's clock in processing-time mode) and the payload ({@link Features} of a
 * submitted event, the {@link Resolution} of a resolved one). Connect types end here.
 */
public final class EventExtractor {

    private final TopicSides sides;
    private final EventSettings events;
    private final RecordTimes times;
    private final EventKeys keys;
    private final FieldPath labelField;
    private final FeatureExtractor features;
    private final ResolutionExtractor resolutions;
    private final ValueReader values;
    private final Optional<FieldSlots> slots;
    private final FirstRecords firstRecords;

    /**
     * Refusing event times more than {@code maxAhead} (join.time.max.ahead.ms) ahead of {@code clock}, the
     * worker's clock, as bad records: such a record is reported before it changes anything, as the join
     * would refuse it anyway ({@code JoinOutcome.AheadOfClock}).
     */
    public EventExtractor(
            Map<String, Side> sideByTopic,
            EventSettings events,
            LongSupplier clock,
            Optional<FieldPath> submittedKeyField,
            Optional<FieldPath> resolvedKeyField,
            FieldPath labelField,
            FeatureExtractor features,
            ResolutionExtractor resolutions,
            ValueReader values,
            Optional<Duration> maxAhead) {
        this.values = values;
        this.sides = new TopicSides(sideByTopic);
        this.events = events;
        this.times = new RecordTimes(events, clock, maxAhead);
        this.keys = new EventKeys(submittedKeyField, resolvedKeyField);
        this.labelField = labelField;
        this.features = features;
        this.resolutions = resolutions;
        this.firstRecords = new FirstRecords(resolutions.columns().isPresent());
        List<FieldPath> own = new ArrayList<>(List.of(labelField));
        submittedKeyField.ifPresent(own::add);
        resolvedKeyField.ifPresent(own::add);
        events.submittedTimeField().ifPresent(own::add);
        events.resolvedTimeField().ifPresent(own::add);
        events.typeField().ifPresent(own::add);
        this.slots = FieldSlots.of(values, own, features, resolutions);
    }

    /** Where a record was originally read, before any transformation renamed its topic. */
    public static SourcePosition positionOf(SinkRecord record) {
        return new SourcePosition(
                record.originalTopic(), record.originalKafkaPartition(), record.originalKafkaOffset());
    }

    /** The report of a record whose reading failed unexpectedly (not as a bad record): still the record's defect. */
    public static BadRecordException readingFailed(SinkRecord record, Throwable e) {
        return ExtractionErrors.failed(positionOf(record), e);
    }

    /**
     * The event of a record; throws {@link BadRecordException} naming the record and the fix. JSON text
     * is read into the slots of the fields used ({@link FieldSlots}) when it can be, else into a value
     * as the converter would give it: both ways give the same event. Only an accepted record changes
     * what later records are checked against (established columns, counted labels).
     *
     * <p>The steady path: a caller routes a new extractor's records through {@link #extractFirst} until it is
     * {@link #settled()}, so that the code compiled for this method never meets a new extractor's empty caches.
     */
    public Event extract(SinkRecord record) {
        discardStaged();
        SourcePosition source = positionOf(record);
        Object[] fields = fieldsOf(record, source);
        Object value = fields == null ? valueOf(record, source) : null;
        checkDepth(value, fields, source);
        Side side = sideOf(value, fields, source);
        String key = keyOf(record, value, fields, side, source);
        long time = timeOf(record, value, fields, side, source);
        return side == Side.SUBMITTED
                ? submitted(key, time, source, value, fields)
                : resolved(key, time, source, value, fields);
    }

    /**
     * Exactly what {@link #extract} does, as a separate method for a new extractor's first records, which
     * fill its caches and establish its first columns (cold branches: the include's first column, the first
     * shape, columns still pending). Were they taken in the JIT-compiled {@link #extract} of a warm worker,
     * whose profile never saw them, the whole compiled method would be thrown away and compiled again
     * (issue 14). Same statements as {@link #extract} on purpose: a shared body would be one compiled method.
     */
    public Event extractFirst(SinkRecord record) {
        discardStaged();
        SourcePosition source = positionOf(record);
        Object[] fields = fieldsOf(record, source);
        Object value = fields == null ? valueOf(record, source) : null;
        checkDepth(value, fields, source);
        Side side = sideOf(value, fields, source);
        String key = keyOf(record, value, fields, side, source);
        long time = timeOf(record, value, fields, side, source);
        Event event = side == Side.SUBMITTED
                ? submitted(key, time, source, value, fields)
                : resolved(key, time, source, value, fields);
        firstRecords.accepted(side);
        return event;
    }

    /**
     * Whether the first records are behind: a submitted record (and, with resolved.fields, a resolved one)
     * was accepted, so the caches are filled and the first shape's columns established; from then on
     * {@link #extract}. A later new shape or type is handled there as before (only no longer first).
     */
    public boolean settled() {
        return firstRecords.settled();
    }

    private void discardStaged() {
        features.discardStaged();
        resolutions.discardStaged();
    }

    private static void checkDepth(Object value, Object[] fields, SourcePosition source) {
        if (fields == null ? ValueDepth.tooDeep(value) : ValueDepth.tooDeep(fields)) {
            throw ExtractionErrors.tooDeep(source);
        }
    }

    private Event submitted(String key, long time, SourcePosition source, Object value, Object[] fields) {
        Features payload = featuresOf(value, fields, source);
        features.establishStaged();
        return new Event(Side.SUBMITTED, key, time, source, payload);
    }

    private Event resolved(String key, long time, SourcePosition source, Object value, Object[] fields) {
        Resolution payload = resolutionOf(value, fields, source);
        resolutions.accept(payload);
        return new Event(Side.RESOLVED, key, time, source, payload);
    }

    private Object[] fieldsOf(SinkRecord record, SourcePosition source) {
        if (slots.isEmpty()) {
            return null;
        }
        try {
            return values.readFields(record.value(), source);
        } catch (IllegalArgumentException e) {
            throw ExtractionErrors.notJson(source, e);
        }
    }

    private Object valueOf(SinkRecord record, SourcePosition source) {
        try {
            return values.read(record.value());
        } catch (IllegalArgumentException e) {
            throw ExtractionErrors.notJson(source, e);
        }
    }

    /** The value at {@code path}: from the slots when the record was read into them, else from the value. */
    private Object field(FieldPath path, Object value, Object[] fields) {
        return fields == null ? path.get(value) : slots.get().get(path, fields);
    }

    private Side sideOf(Object value, Object[] fields, SourcePosition source) {
        if (events.typeField().isEmpty()) {
            Side side = sides.of(source.topic());
            if (side == null) {
                throw ExtractionErrors.unknownTopic(source);
            }
            return side;
        }
        FieldPath typeField = events.typeField().get();
        String type = ColumnValues.asText(field(typeField, value, fields));
        if (events.submittedType().equals(type)) {
            return Side.SUBMITTED;
        }
        if (events.resolvedType().equals(type)) {
            return Side.RESOLVED;
        }
        throw ExtractionErrors.unknownType(typeField, type, events, source);
    }

    private long timeOf(SinkRecord record, Object value, Object[] fields, Side side, SourcePosition source) {
        Optional<FieldPath> field = times.field(side);
        return times.timeOf(
                field.isPresent() ? field(field.get(), value, fields) : null, record.timestamp(), side, source);
    }

    private String keyOf(SinkRecord record, Object value, Object[] fields, Side side, SourcePosition source) {
        Optional<FieldPath> field = keys.field(side);
        return keys.keyOf(field.isPresent() ? field(field.get(), value, fields) : record.key(), side, source);
    }

    private Features featuresOf(Object value, Object[] fields, SourcePosition source) {
        try {
            return fields == null ? features.extract(value) : slots.get().features(fields);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw ExtractionErrors.featuresRejected(source, e);
        }
    }

    private Resolution resolutionOf(Object value, Object[] fields, SourcePosition source) {
        Object raw = field(labelField, value, fields);
        String label = ColumnValues.asText(raw);
        if (label == null) {
            throw ExtractionErrors.labelNotText(labelField, raw, source);
        }
        try {
            return fields == null
                    ? resolutions.stage(label, value)
                    : slots.get().resolution(resolutions, label, fields);
        } catch (ResolutionExtractor.LabelTooLong e) {
            throw ExtractionErrors.labelTooLong(resolutions.pathBound(), source, e);
        } catch (ResolutionExtractor.EmptyLabelLevel e) {
            throw ExtractionErrors.emptyLabelLevel(source, e);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw ExtractionErrors.labelRejected(source, e);
        }
    }
}
