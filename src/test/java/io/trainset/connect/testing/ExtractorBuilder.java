package io.trainset.connect.testing;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;

import io.trainset.connect.model.Side;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.ResolutionExtractor;
import io.trainset.connect.record.ValueReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Builds the {@link EventExtractor} of a test, stating only what the test changes. By default: issues
 * submit and resolutions resolve, times from the record timestamps ({@link EventSettings#defaults()}), a
 * clock at 0, keys from the record keys, the label from 'department', no feature columns (a fresh
 * {@link FeatureExtractor} per build: one keeps each column at the first type it saw), plain resolutions,
 * converted values, no bound on event times ahead of the clock.
 */
public final class ExtractorBuilder {

    private Map<String, Side> sides = Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED);
    private EventSettings events = EventSettings.defaults();
    private LongSupplier clock = () -> 0L;
    private Optional<FieldPath> submittedKey = Optional.empty();
    private Optional<FieldPath> resolvedKey = Optional.empty();
    private FieldPath label = FieldPath.parse("department");
    private Optional<FeatureExtractor> features = Optional.empty();
    private ResolutionExtractor resolutions = ResolutionExtractor.plain();
    private ValueReader values = ValueReader.converted();
    private Optional<Duration> maxAhead = Optional.empty();

    private ExtractorBuilder() {}

    public static ExtractorBuilder extractor() {
        return new ExtractorBuilder();
    }

    /** The side of each input topic (none in single-topic mode). */
    public ExtractorBuilder sides(Map<String, Side> sides) {
        this.sides = sides;
        return this;
    }

    public ExtractorBuilder events(EventSettings events) {
        this.events = events;
        return this;
    }

    /** The worker's clock (processing-time mode and the bound on times ahead read it). */
    public ExtractorBuilder clock(LongSupplier clock) {
        this.clock = clock;
        return this;
    }

    /** The submitted.key.field and resolved.key.field (empty: the record key). */
    public ExtractorBuilder keyFields(Optional<FieldPath> submitted, Optional<FieldPath> resolved) {
        this.submittedKey = submitted;
        this.resolvedKey = resolved;
        return this;
    }

    /** Keys of both sides from {@code field}. */
    public ExtractorBuilder keyField(String field) {
        return keyFields(Optional.of(FieldPath.parse(field)), Optional.of(FieldPath.parse(field)));
    }

    public ExtractorBuilder label(String field) {
        this.label = FieldPath.parse(field);
        return this;
    }

    public ExtractorBuilder features(FeatureExtractor features) {
        this.features = Optional.of(features);
        return this;
    }

    public ExtractorBuilder resolutions(ResolutionExtractor resolutions) {
        this.resolutions = resolutions;
        return this;
    }

    public ExtractorBuilder values(ValueReader values) {
        this.values = values;
        return this;
    }

    /** join.time.max.ahead.ms: event times further ahead of the clock are bad records. */
    public ExtractorBuilder maxAhead(Duration maxAhead) {
        this.maxAhead = Optional.of(maxAhead);
        return this;
    }

    public EventExtractor build() {
        return new EventExtractor(sides, events, clock, submittedKey, resolvedKey, label,
                features.orElseGet(() -> new FeatureExtractor(List.of(), List.of())), resolutions, values, maxAhead);
    }
}
