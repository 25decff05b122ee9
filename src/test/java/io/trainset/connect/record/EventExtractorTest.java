package io.trainset.connect.record;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.Event;
import io.trainset.connect.model.Features;
import io.trainset.connect.model.Policies;
import io.trainset.connect.model.Resolution;
import io.trainset.connect.model.Side;
import io.trainset.connect.model.SourcePosition;
import io.trainset.connect.testing.Extractors;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class EventExtractorTest {

    private static final int PARTITION = 2;
    private static final long OFFSET = 41;
    private static final long TIMESTAMP = 1_764_000_000_000L;
    /** The worker's clock, which only processing-time mode reads. */
    private static final long NOW = 1_764_999_999_999L;

    private static final String EVENTS_TOPIC = "support-events";

    private static final Map<String, Side> SIDES =
            Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED);
    /** A fresh extractor per call: a FeatureExtractor keeps each column at the first type it saw. */
    private static FeatureExtractor features() {
        return Extractors.features(List.of(), List.of());
    }

    /** Keys from the record keys, the label from the top-level field 'department'. */
    private final EventExtractor byRecordKey = extractor(Optional.empty(), Optional.empty(), "department");

    private static EventExtractor extractor(Optional<String> submittedKey, Optional<String> resolvedKey, String label) {
        return extractor(SIDES, EventSettings.defaults(), submittedKey, resolvedKey, label);
    }

    private static EventExtractor extractor(
            Map<String, Side> sides,
            EventSettings events,
            Optional<String> submittedKey,
            Optional<String> resolvedKey,
            String label) {
        return Extractors.events(
                sides,
                events,
                () -> NOW,
                submittedKey.map(FieldPath::parse),
                resolvedKey.map(FieldPath::parse),
                FieldPath.parse(label),
                features());
    }

    /** Sides by topic, keys from the record keys, label 'department', times from these fields. */
    private static EventExtractor withTimeFields(String submittedTimeField, String resolvedTimeField) {
        return extractor(
                SIDES,
                new EventSettings(
                        Optional.of(FieldPath.parse(submittedTimeField)),
                        Optional.of(FieldPath.parse(resolvedTimeField)),
                        Policies.TimeMode.EVENT,
                        Optional.empty(),
                        "submitted",
                        "resolved"),
                Optional.empty(),
                Optional.empty(),
                "department");
    }

    /** Single-topic mode: the side from the field 'type'. */
    private static EventExtractor byTypeField(String submittedType, String resolvedType) {
        return extractor(
                Map.of(),
                new EventSettings(
                        Optional.empty(),
                        Optional.empty(),
                        Policies.TimeMode.EVENT,
                        Optional.of(FieldPath.parse("type")),
                        submittedType,
                        resolvedType),
                Optional.empty(),
                Optional.empty(),
                "department");
    }

    private static SinkRecord record(String topic, Object key, Object value) {
        return record(topic, key, value, TIMESTAMP);
    }

    private static SinkRecord record(String topic, Object key, Object value, Long timestamp) {
        return new SinkRecord(
                topic,
                PARTITION,
                null,
                key,
                null,
                value,
                OFFSET,
                timestamp,
                timestamp == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static SourcePosition at(String topic) {
        return new SourcePosition(topic, PARTITION, OFFSET);
    }

    private static Features titleFeature(String title) {
        return new Features(List.of(new Column("title", ColumnType.STRING)), List.of(title));
    }

    @Test
    void aSubmittedRecordBecomesASubmittedEventWithItsFeatures() {
        Event event = byRecordKey.extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "Charged twice")));

        assertThat(event)
                .isEqualTo(new Event(
                        Side.SUBMITTED, "ISSUE-1", TIMESTAMP, at(SUBMITTED_TOPIC), titleFeature("Charged twice")));
    }

    @Test
    void aResolvedRecordBecomesAResolvedEventWithItsLabel() {
        Event event = byRecordKey.extract(
                record(RESOLVED_TOPIC, "ISSUE-1", map("department", "billing", "resolved_by", "billing-agent")));

        assertThat(event)
                .isEqualTo(
                        new Event(Side.RESOLVED, "ISSUE-1", TIMESTAMP, at(RESOLVED_TOPIC), new Resolution("billing")));
    }

    @Test
    void theSideAndPositionComeFromTheOriginalTopicNotARenamedOne() {
        SinkRecord renamed = record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t"))
                .newRecord("support.issues.v2", 0, null, "ISSUE-1", null, map("title", "t"), TIMESTAMP);

        Event event = byRecordKey.extract(renamed);

        assertThat(event.side()).isEqualTo(Side.SUBMITTED);
        assertThat(event.source()).isEqualTo(at(SUBMITTED_TOPIC));
        assertThat(EventExtractor.positionOf(renamed)).isEqualTo(at(SUBMITTED_TOPIC));
    }

    @Test
    void keysMayComeFromAFieldOfTheValue() {
        EventExtractor extractor = extractor(Optional.of("issue.id"), Optional.of("issue_id"), "department");

        Event submitted = extractor.extract(record(SUBMITTED_TOPIC, null, map("issue", map("id", "ISSUE-7"))));
        Event resolved = extractor.extract(
                record(RESOLVED_TOPIC, "ignored", map("issue_id", "ISSUE-7", "department", "billing")));

        assertThat(submitted.key()).isEqualTo("ISSUE-7");
        assertThat(resolved.key()).isEqualTo("ISSUE-7");
    }

    @Test
    void keysMayComeFromAFieldOfAStruct() {
        Schema schema = SchemaBuilder.struct()
                .field("id", Schema.INT64_SCHEMA)
                .field("title", Schema.STRING_SCHEMA)
                .build();
        EventExtractor extractor = extractor(Optional.of("id"), Optional.empty(), "department");

        Event event = extractor.extract(
                record(SUBMITTED_TOPIC, null, new Struct(schema).put("id", 7L).put("title", "Charged twice")));

        assertThat(event.key()).isEqualTo("7");
        assertThat(((Features) event.payload()).values()).containsExactly(7L, "Charged twice");
    }

    @Test
    void theLabelMayBeNested() {
        EventExtractor extractor = extractor(Optional.empty(), Optional.empty(), "outcome.code");

        Event event = extractor.extract(record(RESOLVED_TOPIC, "ISSUE-1", map("outcome", map("code", "refund"))));

        assertThat(event.payload()).isEqualTo(new Resolution("refund"));
    }

    @Test
    void numericKeysAndLabelsBecomeText() {
        assertThat(byRecordKey
                        .extract(record(SUBMITTED_TOPIC, 42L, map("title", "t")))
                        .key())
                .isEqualTo("42");
        assertThat(byRecordKey
                        .extract(record(SUBMITTED_TOPIC, 42, map("title", "t")))
                        .key())
                .isEqualTo("42");
        assertThat(byRecordKey
                        .extract(record(RESOLVED_TOPIC, "k", map("department", 3L)))
                        .payload())
                .isEqualTo(new Resolution("3"));
        assertThat(byRecordKey
                        .extract(record(RESOLVED_TOPIC, "k", map("department", 0.5)))
                        .payload())
                .isEqualTo(new Resolution("0.5"));
        assertThat(byRecordKey
                        .extract(record(RESOLVED_TOPIC, "k", map("department", true)))
                        .payload())
                .isEqualTo(new Resolution("true"));
    }

    @Test
    void byteArrayKeysAreReadAsUtf8() {
        Event event = byRecordKey.extract(
                record(SUBMITTED_TOPIC, "ISSUE-ü".getBytes(StandardCharsets.UTF_8), map("title", "t")));

        assertThat(event.key()).isEqualTo("ISSUE-ü");
    }

    @Test
    void aRecordWithoutKeyIsBad() {
        assertBad(
                byRecordKey,
                record(SUBMITTED_TOPIC, null, map("title", "t")),
                "Record issues-2@41 cannot be used: it has no join key: its record key is missing or null. "
                        + "Fix: produce the records with a key, or set submitted.key.field to the field that holds it.");
        assertBad(
                byRecordKey,
                record(RESOLVED_TOPIC, null, map("department", "billing")),
                "Record resolutions-2@41 cannot be used: it has no join key: its record key is missing or null. "
                        + "Fix: produce the records with a key, or set resolved.key.field to the field that holds it.");
    }

    @Test
    void aStructKeyIsBad() {
        Schema keySchema =
                SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();
        SinkRecord record = new SinkRecord(
                SUBMITTED_TOPIC,
                PARTITION,
                keySchema,
                new Struct(keySchema).put("id", "ISSUE-1"),
                null,
                map("title", "t"),
                OFFSET,
                TIMESTAMP,
                TimestampType.CREATE_TIME);

        assertBad(
                byRecordKey,
                record,
                "Record issues-2@41 cannot be used: it has no join key: its record key is a Struct, not a string, "
                        + "bytes or number. Fix: produce the records with a key, or set submitted.key.field to the "
                        + "field that holds it.");
    }

    @Test
    void aMissingKeyFieldIsBad() {
        EventExtractor extractor = extractor(Optional.of("issue.id"), Optional.empty(), "department");

        assertBad(
                extractor,
                record(SUBMITTED_TOPIC, null, map("issue", map("title", "t"))),
                "Record issues-2@41 cannot be used: it has no join key: the field 'issue.id' of its value is "
                        + "missing or null. Fix: fix the producer or point submitted.key.field at the key field.");
    }

    @Test
    void aMissingKeyFieldIsBadEvenWhenTheRecordHasAKey() {
        EventExtractor extractor = extractor(Optional.of("issue.id"), Optional.of("issue_id"), "department");

        assertBad(
                extractor,
                record(SUBMITTED_TOPIC, "customer-17", map("issue", map("title", "t"))),
                "Record issues-2@41 cannot be used: it has no join key: the field 'issue.id' of its value is "
                        + "missing or null. Fix: fix the producer or point submitted.key.field at the key field.");
        assertBad(
                extractor,
                record(RESOLVED_TOPIC, "customer-17", map("department", "billing")),
                "Record resolutions-2@41 cannot be used: it has no join key: the field 'issue_id' of its value is "
                        + "missing or null. Fix: fix the producer or point resolved.key.field at the key field.");
    }

    @Test
    void aKeyFieldThatIsAMapIsBad() {
        EventExtractor extractor = extractor(Optional.of("issue"), Optional.empty(), "department");

        assertBad(
                extractor,
                record(SUBMITTED_TOPIC, null, map("issue", map("id", "ISSUE-1"))),
                "Record issues-2@41 cannot be used: it has no join key: the field 'issue' of its value is a "
                        + "LinkedHashMap, not a string, bytes or number. Fix: fix the producer or point "
                        + "submitted.key.field at the key field.");
    }

    @Test
    void aMissingLabelIsBad() {
        assertBad(
                byRecordKey,
                record(RESOLVED_TOPIC, "ISSUE-1", map("resolved_by", "agent")),
                "Record resolutions-2@41 cannot be used: the label field 'department' is missing or null. "
                        + "Fix: fix the producer or point label.field at the label.");
    }

    @Test
    void aLabelThatIsAStructIsBad() {
        Schema outcome =
                SchemaBuilder.struct().field("code", Schema.STRING_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().field("department", outcome).build();
        Struct value = new Struct(schema).put("department", new Struct(outcome).put("code", "billing"));

        assertBad(
                byRecordKey,
                new SinkRecord(
                        RESOLVED_TOPIC,
                        PARTITION,
                        null,
                        "ISSUE-1",
                        schema,
                        value,
                        OFFSET,
                        TIMESTAMP,
                        TimestampType.CREATE_TIME),
                "Record resolutions-2@41 cannot be used: the label field 'department' is a Struct, not a string, "
                        + "number or boolean. Fix: fix the producer or point label.field at the label.");
    }

    @Test
    void aNullValueIsBad() {
        assertBad(
                byRecordKey,
                record(SUBMITTED_TOPIC, "ISSUE-1", null),
                "Record issues-2@41 cannot be used: its features cannot be read: the value is null, not a struct or "
                        + "a map; use a converter that yields structured values (JsonConverter, an Avro converter), "
                        + "or value.format=json for JSON text. "
                        + "Fix: fix the producer, or adjust features.include/features.exclude.");
        assertBad(
                byRecordKey,
                record(RESOLVED_TOPIC, "ISSUE-1", null),
                "Record resolutions-2@41 cannot be used: the label field 'department' is missing or null. "
                        + "Fix: fix the producer or point label.field at the label.");
    }

    @Test
    void unreadableFeaturesAreBad() {
        assertBad(
                byRecordKey,
                record(SUBMITTED_TOPIC, "ISSUE-1", map("a_b", "flat", "a", map("b", "nested"))),
                "Record issues-2@41 cannot be used: its features cannot be read: two feature fields both become the "
                        + "column 'a_b' (nested fields are joined with '_'); list only one of them in features.include. "
                        + "Fix: fix the producer, or adjust features.include/features.exclude.");
    }

    @Test
    void aFeatureNamedLikeTheKeyColumnIsRenamedNotBad() {
        Event event =
                byRecordKey.extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("key", "duplicate of the record key")));

        assertThat(event.payload())
                .isEqualTo(new Features(
                        List.of(new Column("feature_key", ColumnType.STRING)), List.of("duplicate of the record key")));
    }

    @Test
    void aRecordWithoutTimestampIsBad() {
        assertBad(
                byRecordKey,
                record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t"), null),
                "Record issues-2@41 cannot be used: it has no timestamp. Fix: produce records with timestamps "
                        + "(any Kafka client >= 0.10 does) or set message.timestamp.type=LogAppendTime on the topic.");
    }

    @Test
    void aRecordOfAnUnknownTopicIsBad() {
        assertBad(
                byRecordKey,
                record("audit-log", "ISSUE-1", map("title", "t")),
                "Record audit-log-2@41 cannot be used: its topic is in neither submitted.topics nor resolved.topics. "
                        + "Fix: add the topic to the list of its side.");
    }

    // ---- event time

    @Test
    void aTimeFieldInEpochMillisIsTheEventTime() {
        EventExtractor extractor = withTimeFields("created_at", "closed_at");

        assertThat(extractor
                        .extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", TIMESTAMP + 123)))
                        .timestampMs())
                .isEqualTo(TIMESTAMP + 123);
        assertThat(extractor
                        .extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", 86_400_000L)))
                        .timestampMs())
                .isEqualTo(86_400_000L);
    }

    @Test
    void aNumericStringTimeIsEpochMillis() {
        EventExtractor extractor = withTimeFields("created_at", "closed_at");

        assertThat(extractor
                        .extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", "1764000000123")))
                        .timestampMs())
                .isEqualTo(TIMESTAMP + 123);
        assertThat(extractor
                        .extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", " 1764000000123 ")))
                        .timestampMs())
                .isEqualTo(TIMESTAMP + 123);
    }

    @Test
    void anIso8601TimeIsParsedInUtcOrWithItsOffset() {
        EventExtractor extractor = withTimeFields("created_at", "closed_at");

        assertThat(extractor
                        .extract(record(
                                SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", "2025-11-24T16:00:00Z")))
                        .timestampMs())
                .isEqualTo(TIMESTAMP);
        assertThat(extractor
                        .extract(record(
                                SUBMITTED_TOPIC,
                                "ISSUE-1",
                                map("title", "t", "created_at", "2025-11-24T16:00:00.123Z")))
                        .timestampMs())
                .isEqualTo(TIMESTAMP + 123);
        assertThat(extractor
                        .extract(record(
                                SUBMITTED_TOPIC,
                                "ISSUE-1",
                                map("title", "t", "created_at", "2025-11-24T17:00:00.123+01:00")))
                        .timestampMs())
                .isEqualTo(TIMESTAMP + 123);
        assertThat(extractor
                        .extract(record(
                                SUBMITTED_TOPIC,
                                "ISSUE-1",
                                map("title", "t", "created_at", "2025-11-24T11:30:00-04:30")))
                        .timestampMs())
                .isEqualTo(TIMESTAMP);
    }

    @Test
    void aConnectTimestampFieldIsItsInstant() {
        Schema schema = SchemaBuilder.struct()
                .field("title", Schema.STRING_SCHEMA)
                .field("created_at", Timestamp.SCHEMA)
                .build();
        EventExtractor extractor = withTimeFields("created_at", "closed_at");

        Event event = extractor.extract(new SinkRecord(
                SUBMITTED_TOPIC,
                PARTITION,
                null,
                "ISSUE-1",
                schema,
                new Struct(schema).put("title", "t").put("created_at", new Date(TIMESTAMP - 5_000)),
                OFFSET,
                TIMESTAMP,
                TimestampType.CREATE_TIME));

        assertThat(event.timestampMs()).isEqualTo(TIMESTAMP - 5_000);
    }

    @Test
    void eachSideReadsItsOwnTimeField() {
        EventExtractor extractor = withTimeFields("created_at", "closed_at");

        Event resolved = extractor.extract(record(
                RESOLVED_TOPIC,
                "ISSUE-1",
                map("department", "billing", "created_at", TIMESTAMP - 1, "closed_at", TIMESTAMP + 9)));

        assertThat(resolved)
                .isEqualTo(new Event(
                        Side.RESOLVED, "ISSUE-1", TIMESTAMP + 9, at(RESOLVED_TOPIC), new Resolution("billing")));
    }

    @Test
    void aMissingOrNullTimeFieldFallsBackToTheRecordTimestamp() {
        EventExtractor extractor = withTimeFields("issue.created_at", "closed_at");

        assertThat(extractor
                        .extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t")))
                        .timestampMs())
                .isEqualTo(TIMESTAMP);
        assertThat(extractor
                        .extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("issue", map("title", "t"))))
                        .timestampMs())
                .isEqualTo(TIMESTAMP);
        assertThat(extractor
                        .extract(record(RESOLVED_TOPIC, "ISSUE-1", map("department", "billing", "closed_at", null)))
                        .timestampMs())
                .isEqualTo(TIMESTAMP);
    }

    @Test
    void aMissingTimeFieldAndNoRecordTimestampIsBad() {
        assertBad(
                withTimeFields("created_at", "closed_at"),
                record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t"), null),
                "Record issues-2@41 cannot be used: it has no timestamp. Fix: produce records with timestamps "
                        + "(any Kafka client >= 0.10 does) or set message.timestamp.type=LogAppendTime on the topic.");
    }

    @Test
    void aTimeFieldWithATimeButNoRecordTimestampIsFine() {
        Event event = withTimeFields("created_at", "closed_at")
                .extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", TIMESTAMP + 1), null));

        assertThat(event.timestampMs()).isEqualTo(TIMESTAMP + 1);
    }

    private static final String TIME_FIX = "Fix: fix the producer (epoch milliseconds, or an ISO-8601 instant "
            + "with a zone or offset, in the years 0001 to 9999), or point ";

    @Test
    void anUnparseableTimeIsBad() {
        EventExtractor extractor = withTimeFields("created_at", "closed_at");

        assertBad(
                extractor,
                record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", "yesterday")),
                "Record issues-2@41 cannot be used: its time field 'created_at' is a text, neither epoch milliseconds "
                        + "nor an ISO-8601 instant with a zone or offset: 'yesterday'. " + TIME_FIX
                        + "submitted.time.field at the event time.");
        assertBad(
                extractor,
                record(RESOLVED_TOPIC, "ISSUE-1", map("department", "billing", "closed_at", "2025-11-24 16:00:00")),
                "Record resolutions-2@41 cannot be used: its time field 'closed_at' is a text, neither epoch "
                        + "milliseconds nor an ISO-8601 instant with a zone or offset: '2025-11-24 16:00:00'. "
                        + TIME_FIX + "resolved.time.field at the event time.");
    }

    @Test
    void anIsoTimeWithoutZoneOrANonTimeValueIsBad() {
        EventExtractor extractor = withTimeFields("created_at", "closed_at");

        assertBad(
                extractor,
                record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", "2025-11-24T16:00:00")),
                "Record issues-2@41 cannot be used: its time field 'created_at' is a text, neither epoch milliseconds "
                        + "nor an ISO-8601 instant with a zone or offset: '2025-11-24T16:00:00'. " + TIME_FIX
                        + "submitted.time.field at the event time.");
        assertBad(
                extractor,
                record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", true)),
                "Record issues-2@41 cannot be used: its time field 'created_at' is a Boolean, neither epoch "
                        + "milliseconds (an integer) nor an ISO-8601 instant (a text): 'true'. " + TIME_FIX
                        + "submitted.time.field at the event time.");
    }

    @Test
    void anIsoTimeBeyondTheEpochMillisecondRangeIsBadNotAnArithmeticException() {
        EventExtractor extractor = withTimeFields("created_at", "closed_at");

        assertBad(
                extractor,
                record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", "+999999999-12-31T23:59:59Z")),
                "Record issues-2@41 cannot be used: its time field 'created_at' is an ISO-8601 text outside the years "
                        + "0001 to 9999 (epoch milliseconds -62135596800000 to 253402300799999): "
                        + "'+999999999-12-31T23:59:59Z'. " + TIME_FIX + "submitted.time.field at the event time.");
    }

    @Test
    void timesOutsideTheYears0001To9999AreBadInEveryForm() {
        EventExtractor extractor = withTimeFields("created_at", "closed_at");

        for (Object time : List.of(
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                "18446744073709551617",
                "253402300800000",
                new java.math.BigInteger("18446744073709551617"),
                "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z",
                new Date(Long.MIN_VALUE),
                1.5e12)) {
            assertThatThrownBy(() -> extractor.extract(
                            record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", time))))
                    .as("%s", time)
                    .isInstanceOf(BadRecordException.class)
                    .hasMessageStartingWith("Record issues-2@41 cannot be used: its time field 'created_at' is ");
        }
        assertThat(extractor
                        .extract(record(
                                SUBMITTED_TOPIC,
                                "ISSUE-1",
                                map("title", "t", "created_at", "9999-12-31T23:59:59.999Z")))
                        .timestampMs())
                .isEqualTo(253402300799999L);
        assertThat(extractor
                        .extract(record(
                                SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", "0001-01-01T00:00:00Z")))
                        .timestampMs())
                .isEqualTo(-62135596800000L);
    }

    @Test
    void aRecordTimestampOutsideTheYears0001To9999IsBad() {
        assertBad(
                byRecordKey,
                record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t"), Long.MAX_VALUE),
                "Record issues-2@41 cannot be used: its record timestamp is a timestamp outside the years 0001 to 9999 "
                        + "(epoch milliseconds -62135596800000 to 253402300799999): 9223372036854775807. Fix: fix the "
                        + "producer's timestamps, or set message.timestamp.type=LogAppendTime on the topic.");
    }

    @Test
    void processingTimeIsTheWorkersClockWhateverTheRecordSays() {
        EventExtractor extractor = extractor(
                SIDES,
                new EventSettings(
                        Optional.of(FieldPath.parse("created_at")),
                        Optional.empty(),
                        Policies.TimeMode.PROCESSING,
                        Optional.empty(),
                        "submitted",
                        "resolved"),
                Optional.empty(),
                Optional.empty(),
                "department");

        assertThat(extractor
                        .extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "created_at", TIMESTAMP)))
                        .timestampMs())
                .isEqualTo(NOW);
        assertThat(extractor
                        .extract(record(SUBMITTED_TOPIC, "ISSUE-1", map("title", "t", "opened", "yesterday")))
                        .timestampMs())
                .isEqualTo(NOW);
        assertThat(extractor
                        .extract(record(RESOLVED_TOPIC, "ISSUE-1", map("department", "billing"), null))
                        .timestampMs())
                .isEqualTo(NOW);
    }

    // ---- single-topic mode

    @Test
    void inSingleTopicModeTheTypeFieldGivesTheSide() {
        EventExtractor extractor = byTypeField("issue_opened", "issue_resolved");

        Event submitted = extractor.extract(
                record(EVENTS_TOPIC, "ISSUE-1", map("type", "issue_opened", "title", "Charged twice")));
        Event resolved = extractor.extract(
                record(EVENTS_TOPIC, "ISSUE-1", map("type", "issue_resolved", "department", "billing")));

        assertThat(submitted)
                .isEqualTo(new Event(
                        Side.SUBMITTED,
                        "ISSUE-1",
                        TIMESTAMP,
                        at(EVENTS_TOPIC),
                        new Features(
                                List.of(new Column("type", ColumnType.STRING), new Column("title", ColumnType.STRING)),
                                List.of("issue_opened", "Charged twice"))));
        assertThat(resolved)
                .isEqualTo(new Event(Side.RESOLVED, "ISSUE-1", TIMESTAMP, at(EVENTS_TOPIC), new Resolution("billing")));
    }

    @Test
    void inSingleTopicModeTheDefaultTypesAreSubmittedAndResolved() {
        EventExtractor extractor = byTypeField("submitted", "resolved");

        assertThat(extractor
                        .extract(record(EVENTS_TOPIC, "k", map("type", "submitted", "title", "t")))
                        .side())
                .isEqualTo(Side.SUBMITTED);
        assertThat(extractor
                        .extract(record(EVENTS_TOPIC, "k", map("type", "resolved", "department", "d")))
                        .side())
                .isEqualTo(Side.RESOLVED);
    }

    @Test
    void inSingleTopicModeAnUnknownOrMissingTypeIsBad() {
        EventExtractor extractor = byTypeField("issue_opened", "issue_resolved");

        assertBad(
                extractor,
                record(EVENTS_TOPIC, "ISSUE-1", map("type", "comment_added", "title", "t")),
                "Record support-events-2@41 cannot be used: its type field 'type' is neither "
                        + "'issue_opened' nor 'issue_resolved': 'comment_added'. Fix: fix the producer, or set "
                        + "event.type.submitted/event.type.resolved to the values it uses.");
        assertBad(
                extractor,
                record(EVENTS_TOPIC, "ISSUE-1", map("title", "t")),
                "Record support-events-2@41 cannot be used: its type field 'type' is missing. Fix: fix the producer, "
                        + "or set event.type.submitted/event.type.resolved to the values it uses.");
    }

    private static void assertBad(EventExtractor extractor, SinkRecord record, String message) {
        assertThatThrownBy(() -> extractor.extract(record))
                .isInstanceOf(BadRecordException.class)
                .hasMessage(message);
    }
}
