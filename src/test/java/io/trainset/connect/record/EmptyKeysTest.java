package io.trainset.connect.record;

import static io.trainset.connect.join.Events.RESOLVED_TOPIC;
import static io.trainset.connect.join.Events.SUBMITTED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Side;
import io.trainset.connect.testing.Extractors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** An empty join key (an empty record key or key field, after {@link JoinKeys}) is a bad record on both sides. */
class EmptyKeysTest {

    private static final Map<String, Side> SIDES =
            Map.of(SUBMITTED_TOPIC, Side.SUBMITTED, RESOLVED_TOPIC, Side.RESOLVED);
    private static final List<FieldPath> JSON_FIELDS =
            List.of(FieldPath.parse("id"), FieldPath.parse("title"), FieldPath.parse("department"));

    private static EventExtractor extractor(Optional<String> keyField, FeatureExtractor features, ValueReader values) {
        Optional<FieldPath> field = keyField.map(FieldPath::parse);
        return Extractors.events(
                SIDES,
                EventSettings.defaults(),
                () -> 0L,
                field,
                field,
                FieldPath.parse("department"),
                features,
                Extractors.plainResolutions(),
                values);
    }

    /** value.format=converter, keys from the record key. */
    private static EventExtractor byRecordKey() {
        return extractor(Optional.empty(), Extractors.features(List.of(), List.of()), ValueReader.converted());
    }

    /** value.format=converter, keys from the field 'id'. */
    private static EventExtractor byKeyField() {
        return extractor(Optional.of("id"), Extractors.features(List.of(), List.of()), ValueReader.converted());
    }

    /** value.format=json, keys from the field 'id': read into slots (an include list) or whole (every field). */
    private static List<EventExtractor> jsonByKeyField() {
        return List.of(
                extractor(
                        Optional.of("id"),
                        Extractors.features(List.of(FieldPath.parse("title")), List.of()),
                        ValueReader.json(JSON_FIELDS, false)),
                extractor(
                        Optional.of("id"),
                        Extractors.features(List.of(), List.of()),
                        ValueReader.json(JSON_FIELDS, true)));
    }

    private static SinkRecord record(String topic, Object key, Object value) {
        return new SinkRecord(topic, 0, null, key, null, value, 7, 1_764_000_000_000L, TimestampType.CREATE_TIME);
    }

    private static Object valueOf(String topic) {
        return topic.equals(SUBMITTED_TOPIC) ? Map.of("title", "t") : Map.of("department", "billing");
    }

    private static String message(String topic, String where, String what, String fix) {
        String config = topic.equals(SUBMITTED_TOPIC) ? "submitted.key.field" : "resolved.key.field";
        return "Record " + topic + "-0@7 cannot be used: its join key is empty: " + where + " is " + what
                + ", which names no issue (every record with an empty key would join every other). Fix: fix the "
                + "producer so that every record carries its issue's key, or " + fix.replace("CONFIG", config) + ".";
    }

    private static void assertBad(EventExtractor extractor, SinkRecord record, String message) {
        assertThatThrownBy(() -> extractor.extract(record))
                .isInstanceOf(BadRecordException.class)
                .hasMessage(message);
    }

    @Test
    void anEmptyRecordKeyIsBadOnBothSides() {
        for (String topic : List.of(SUBMITTED_TOPIC, RESOLVED_TOPIC)) {
            String fix = "set CONFIG to the field that holds it";
            assertBad(
                    byRecordKey(),
                    record(topic, "", valueOf(topic)),
                    message(topic, "its record key", "the empty string", fix));
            assertBad(
                    byRecordKey(),
                    record(topic, new byte[0], valueOf(topic)),
                    message(topic, "its record key", "empty bytes", fix));
            assertBad(
                    byRecordKey(),
                    record(topic, ByteBuffer.allocate(0), valueOf(topic)),
                    message(topic, "its record key", "empty bytes", fix));
        }
    }

    @Test
    void anEmptyKeyFieldOfAMapIsBadOnBothSides() {
        String fix = "point CONFIG at the field that holds it";
        assertBad(
                byKeyField(),
                record(SUBMITTED_TOPIC, "ignored", Map.of("id", "", "title", "t")),
                message(SUBMITTED_TOPIC, "the field 'id' of its value", "the empty string", fix));
        assertBad(
                byKeyField(),
                record(RESOLVED_TOPIC, "ignored", Map.of("id", new byte[0], "department", "billing")),
                message(RESOLVED_TOPIC, "the field 'id' of its value", "empty bytes", fix));
    }

    @Test
    void anEmptyKeyFieldOfAStructIsBadOnBothSides() {
        Schema submitted = SchemaBuilder.struct()
                .field("id", Schema.STRING_SCHEMA)
                .field("title", Schema.STRING_SCHEMA)
                .build();
        Schema resolved = SchemaBuilder.struct()
                .field("id", Schema.BYTES_SCHEMA)
                .field("department", Schema.STRING_SCHEMA)
                .build();
        String fix = "point CONFIG at the field that holds it";

        assertBad(
                byKeyField(),
                record(
                        SUBMITTED_TOPIC,
                        null,
                        new Struct(submitted).put("id", "").put("title", "t")),
                message(SUBMITTED_TOPIC, "the field 'id' of its value", "the empty string", fix));
        assertBad(
                byKeyField(),
                record(
                        RESOLVED_TOPIC,
                        null,
                        new Struct(resolved).put("id", new byte[0]).put("department", "billing")),
                message(RESOLVED_TOPIC, "the field 'id' of its value", "empty bytes", fix));
    }

    @Test
    void anEmptyKeyFieldOfJsonTextIsBadOnBothSidesWhicheverWayTheTextIsRead() {
        String fix = "point CONFIG at the field that holds it";
        for (EventExtractor extractor : jsonByKeyField()) {
            assertBad(
                    extractor,
                    record(SUBMITTED_TOPIC, null, "{\"id\":\"\",\"title\":\"t\"}"),
                    message(SUBMITTED_TOPIC, "the field 'id' of its value", "the empty string", fix));
            assertBad(
                    extractor,
                    record(
                            RESOLVED_TOPIC,
                            null,
                            "{\"id\":\"\",\"department\":\"billing\"}".getBytes(StandardCharsets.UTF_8)),
                    message(RESOLVED_TOPIC, "the field 'id' of its value", "the empty string", fix));
        }
    }

    @Test
    void aKeyOfOnlyWhitespaceIsAKeyLikeAnyOther() {
        byte[] fourSpaces;
        try (IntegerSerializer serializer = new IntegerSerializer()) {
            fourSpaces = serializer.serialize("t", 538_976_288);
        }

        assertThat(byRecordKey()
                        .extract(record(SUBMITTED_TOPIC, fourSpaces, valueOf(SUBMITTED_TOPIC)))
                        .key())
                .isEqualTo("    ");
        assertThat(byRecordKey()
                        .extract(record(RESOLVED_TOPIC, " ", valueOf(RESOLVED_TOPIC)))
                        .key())
                .isEqualTo(" ");
        assertThat(jsonByKeyField()
                        .get(0)
                        .extract(record(SUBMITTED_TOPIC, null, "{\"id\":\"\\t\",\"title\":\"t\"}"))
                        .key())
                .isEqualTo("\t");
    }
}
