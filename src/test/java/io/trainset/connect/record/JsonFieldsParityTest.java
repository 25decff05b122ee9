package io.trainset.connect.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Side;
import io.trainset.connect.testing.Extractors;
import io.trainset.connect.testing.JsonValues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * JSON text read straight into the used fields ({@link ValueReader#readFields}) gives exactly what the
 * map path gives (the same reader building a pruned map, read by the map extractors): the same events,
 * and the same bad-record errors with the same messages, record after record.
 */
class JsonFieldsParityTest {

    private static final String ISSUES = "issues";
    private static final String RESOLUTIONS = "resolutions";
    private static final long TIMESTAMP = 1_764_000_000_000L;

    /** What a record became: its event, or the error's type and message. */
    private record Outcome(Event event, Class<?> error, String message) {}

    /** Sides by topic, keys and times from fields, flattened features with a rename, an exclude, a reserved name and a split group, resolved columns. */
    private static EventExtractor byTopic(ValueReader values) {
        FeatureOptions options = new FeatureOptions(
                Map.of("customer_tier", "tier"),
                Set.of("split"),
                Optional.of(FieldPath.parse("customer.id")),
                false,
                new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ),
                Nesting.FLATTEN);
        FeatureExtractor features = new FeatureExtractor(
                paths("title", "description", "product", "priority", "score", "customer.tier", "tags", "meta", "split"),
                List.of("product"),
                options);
        ResolutionExtractor resolutions = Extractors.resolutions(
                LabelRules.none(), Optional.of(Extractors.features(paths("agent", "note"), List.of())));
        EventSettings events = new EventSettings(
                Optional.of(FieldPath.parse("time")),
                Optional.of(FieldPath.parse("resolved_at")),
                Policies.TimeMode.EVENT,
                Optional.empty(),
                "submitted",
                "resolved");
        return Extractors.events(
                Map.of(ISSUES, Side.SUBMITTED, RESOLUTIONS, Side.RESOLVED),
                events,
                () -> 0L,
                Optional.of(FieldPath.parse("id")),
                Optional.of(FieldPath.parse("id")),
                FieldPath.parse("department"),
                features,
                resolutions,
                values);
    }

    private static final List<FieldPath> BY_TOPIC_PATHS = paths(
            "title",
            "description",
            "product",
            "priority",
            "score",
            "customer.tier",
            "tags",
            "meta",
            "split",
            "department",
            "id",
            "time",
            "resolved_at",
            "customer.id",
            "agent",
            "note");

    /** One topic, sides by a type field, record keys and timestamps, features kept as groups (the split group inside one), new columns on type changes. */
    private static EventExtractor singleTopic(ValueReader values) {
        FeatureOptions options = new FeatureOptions(
                Map.of(),
                Set.of(),
                Optional.of(FieldPath.parse("customer.tier")),
                false,
                new ColumnTypeGuard(ColumnTypeGuard.Policy.NEW_COLUMN),
                Nesting.GROUP);
        FeatureExtractor features =
                new FeatureExtractor(paths("customer", "priority", "tags", "title", "meta"), List.of(), options);
        EventSettings events = new EventSettings(
                Optional.empty(),
                Optional.empty(),
                Policies.TimeMode.EVENT,
                Optional.of(FieldPath.parse("type")),
                "submitted",
                "resolved");
        return Extractors.events(
                Map.of(),
                events,
                () -> 0L,
                Optional.empty(),
                Optional.empty(),
                FieldPath.parse("department"),
                features,
                Extractors.plainResolutions(),
                values);
    }

    private static final List<FieldPath> SINGLE_TOPIC_PATHS =
            paths("customer", "priority", "tags", "title", "meta", "department", "type", "customer.tier");

    @Test
    void byTopicBothPathsGiveTheSameOutcomes() {
        assertSameOutcomes(JsonFieldsParityTest::byTopic, BY_TOPIC_PATHS, ISSUES, RESOLUTIONS);
    }

    @Test
    void singleTopicWithGroupsBothPathsGiveTheSameOutcomes() {
        assertSameOutcomes(JsonFieldsParityTest::singleTopic, SINGLE_TOPIC_PATHS, ISSUES, ISSUES);
    }

    @Test
    void fieldsGoStraightIntoTheColumns() {
        ValueReader reader = ValueReader.json(BY_TOPIC_PATHS, false);
        String issue = JsonValues.submitted().get(0);

        assertThat(reader.readFields(issue.getBytes(StandardCharsets.UTF_8))).isNotNull();
        Event event = byTopic(reader).extract(record(ISSUES, issue.getBytes(StandardCharsets.UTF_8), 0));

        assertThat(event.side()).isEqualTo(Side.SUBMITTED);
        assertThat(event.key()).isEqualTo("I-1");
        assertThat(event.timestampMs())
                .isEqualTo(Instant.parse("2026-11-24T10:15:30Z").toEpochMilli());
        assertThat(event.payload())
                .isEqualTo(new Features(
                        List.of(
                                new Column("title", ColumnType.STRING),
                                new Column("description", ColumnType.STRING),
                                new Column("priority", ColumnType.LONG),
                                new Column("score", ColumnType.DOUBLE),
                                new Column("tier", ColumnType.STRING),
                                new Column("tags", ColumnType.list(ColumnType.STRING)),
                                new Column("meta_a", ColumnType.LONG),
                                new Column("meta_b_c", ColumnType.BOOLEAN)),
                        List.of(
                                "Charged twice",
                                "My card was charged twice.",
                                3L,
                                0.5,
                                "pro",
                                List.of("billing", "card"),
                                1L,
                                true),
                        "C-9"));
    }

    @Test
    void valuesThatAreNotJsonObjectsAreLeftToTheMapPath() {
        ValueReader reader = ValueReader.json(BY_TOPIC_PATHS, false);

        assertThat(reader.readFields("[1,2]")).isNull();
        assertThat(reader.readFields("")).isNull();
        assertThat(reader.readFields(Map.of("id", "I-1"))).isNull();
        assertThat(ValueReader.json(List.of(), true).readsFields()).isFalse();
        assertThat(ValueReader.converted().readsFields()).isFalse();
    }

    private static void assertSameOutcomes(
            Function<ValueReader, EventExtractor> setup,
            List<FieldPath> paths,
            String submittedTopic,
            String resolvedTopic) {
        ValueReader reader = ValueReader.json(paths, false);
        assertThat(reader.readsFields()).isTrue();
        EventExtractor intoFields = setup.apply(reader);
        EventExtractor intoMaps = setup.apply(reader.intoMapsOnly());
        List<SinkRecord> records = records(submittedTopic, resolvedTopic);
        List<Outcome> fromFields = new ArrayList<>();
        List<Outcome> fromMaps = new ArrayList<>();

        for (SinkRecord record : records) {
            fromFields.add(outcome(intoFields, record));
            fromMaps.add(outcome(intoMaps, record));
        }

        assertThat(fromFields).containsExactlyElementsOf(fromMaps);
        assertThat(fromFields).filteredOn(o -> o.event() != null).hasSizeGreaterThan(20);
        assertThat(fromFields).filteredOn(o -> o.error() != null).hasSizeGreaterThan(20);
    }

    /** Every value of the fixture, as bytes (ByteArrayConverter) and then as text (StringConverter). */
    private static List<SinkRecord> records(String submittedTopic, String resolvedTopic) {
        List<SinkRecord> records = new ArrayList<>();
        for (boolean asBytes : new boolean[] {true, false}) {
            for (String json : JsonValues.submitted()) {
                records.add(
                        record(submittedTopic, asBytes ? json.getBytes(StandardCharsets.UTF_8) : json, records.size()));
            }
            for (String json : JsonValues.resolved()) {
                records.add(
                        record(resolvedTopic, asBytes ? json.getBytes(StandardCharsets.UTF_8) : json, records.size()));
            }
            for (String json : JsonValues.notObjects()) {
                records.add(
                        record(submittedTopic, asBytes ? json.getBytes(StandardCharsets.UTF_8) : json, records.size()));
                records.add(record(resolvedTopic, json, records.size()));
            }
        }
        return records;
    }

    private static Outcome outcome(EventExtractor extractor, SinkRecord record) {
        try {
            return new Outcome(extractor.extract(record), null, null);
        } catch (RuntimeException e) {
            return new Outcome(null, e.getClass(), e.getMessage());
        }
    }

    private static SinkRecord record(String topic, Object value, long offset) {
        return new SinkRecord(
                topic, 0, null, "REC-" + offset, null, value, offset, TIMESTAMP, TimestampType.CREATE_TIME);
    }

    private static List<FieldPath> paths(String... dotted) {
        return java.util.Arrays.stream(dotted).map(FieldPath::parse).toList();
    }
}
