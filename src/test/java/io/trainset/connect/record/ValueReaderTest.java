package io.trainset.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Side;
import io.trainset.connect.testing.Extractors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** JSON text read by {@link ValueReader} gives what JsonConverter (schemaless) gives, pruned to the paths. */
class ValueReaderTest {

    private static final String ISSUE = "{\"id\":\"ISSUE-7\",\"title\":\"Charged twice\",\"priority\":3,"
            + "\"score\":0.25,\"big\":123456789012345678901234567890,\"vip\":true,\"note\":null,"
            + "\"customer\":{\"tier\":\"pro\",\"email\":\"a@b.c\",\"address\":{\"city\":\"Zürich\"}},"
            + "\"tags\":[\"billing\",\"card\",{\"k\":[1,2.5,null]}],\"text\":\"line\\nbreak \\\"quoted\\\" \\u00e9\"}";

    private static final JsonConverter CONVERTER = converter();

    private static JsonConverter converter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        return converter;
    }

    private static Object converted(String json) {
        return CONVERTER
                .toConnectData("t", json.getBytes(StandardCharsets.UTF_8))
                .value();
    }

    @Test
    void keepingEverythingGivesJsonConvertersMapButIntegersBeyond64BitsExact() {
        ValueReader all = ValueReader.json(List.of(), true);
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = new java.util.LinkedHashMap<>((Map<String, Object>) converted(ISSUE));
        expected.put("big", new java.math.BigInteger("123456789012345678901234567890")); // JsonConverter wraps it

        assertThat(all.read(ISSUE.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(all.read(ISSUE)).isEqualTo(expected);
    }

    @Test
    void onlyTheFieldsOnThePathsAreKeptWithEverythingUnderThem() {
        ValueReader some = ValueReader.json(
                List.of(
                        FieldPath.parse("title"),
                        FieldPath.parse("customer.tier"),
                        FieldPath.parse("customer.address"),
                        FieldPath.parse("tags"),
                        FieldPath.parse("missing.field")),
                false);

        assertThat(some.read(ISSUE))
                .isEqualTo(Map.of(
                        "title",
                        "Charged twice",
                        "customer",
                        Map.of("tier", "pro", "address", Map.of("city", "Zürich")),
                        "tags",
                        List.of("billing", "card", Map.of("k", java.util.Arrays.asList(1L, 2.5, null)))));
    }

    @Test
    void aPathThroughAScalarKeepsTheScalarAsAMapWould() {
        ValueReader reader = ValueReader.json(List.of(FieldPath.parse("title.first")), false);

        assertThat(reader.read(ISSUE)).isEqualTo(Map.of("title", "Charged twice"));
    }

    @Test
    void valuesThatAreNotTextPassThrough() {
        ValueReader reader = ValueReader.json(List.of(FieldPath.parse("title")), false);
        Map<String, Object> map = Map.of("title", "x", "other", 1L);

        assertThat(reader.read(map)).isSameAs(map);
        assertThat(reader.read(null)).isNull();
        assertThat(ValueReader.converted().read(ISSUE)).isSameAs(ISSUE);
    }

    @Test
    void topLevelScalarsAndArraysAreReadAsJsonConverterReadsThem() {
        ValueReader all = ValueReader.json(List.of(), true);

        assertThat(all.read("\"text\"")).isEqualTo("text");
        assertThat(all.read("42")).isEqualTo(42L);
        assertThat(all.read("[1,\"a\"]")).isEqualTo(List.of(1L, "a"));
    }

    @Test
    void textThatIsNotJsonIsRejectedWithAPreview() {
        ValueReader reader = ValueReader.json(List.of(FieldPath.parse("title")), false);

        assertThatThrownBy(() -> reader.read("{\"title\": \"Charged twice\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the value is not valid JSON (")
                .hasMessageEndingWith("): '{\"title\": \"Charged twice\"'");
        assertThatThrownBy(() -> reader.read("[1, 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the value is not valid JSON (");
        assertThatThrownBy(() -> reader.read(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value is empty, not a JSON document");
    }

    @Test
    void eventsFromJsonTextEqualEventsFromJsonConvertersMaps() {
        EventExtractor fromText = extractor(ValueReader.json(
                List.of(
                        FieldPath.parse("title"),
                        FieldPath.parse("customer.tier"),
                        FieldPath.parse("priority"),
                        FieldPath.parse("department"),
                        FieldPath.parse("id")),
                false));
        EventExtractor fromMaps = extractor(ValueReader.converted());
        String resolution = "{\"id\":\"ISSUE-7\",\"department\":\"billing\",\"agent\":\"x\"}";

        assertThat(fromText.extract(record("issues", ISSUE.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(fromMaps.extract(record("issues", converted(ISSUE))));
        assertThat(fromText.extract(record("resolutions", resolution)))
                .isEqualTo(fromMaps.extract(record("resolutions", converted(resolution))));
    }

    @Test
    void malformedTextIsABadRecordNamingTheRecordAndTheFix() {
        EventExtractor fromText = extractor(ValueReader.json(List.of(FieldPath.parse("title")), false));

        assertThatThrownBy(() -> fromText.extract(record("issues", "not json")))
                .isInstanceOf(BadRecordException.class)
                .hasMessageStartingWith(
                        "Record issues-0@5 cannot be used: its value cannot be read as JSON: the value is not valid JSON (")
                .hasMessageEndingWith("Fix: fix the producer, or set value.format=converter and a value.converter "
                        + "that reads this format.");
    }

    private static EventExtractor extractor(ValueReader values) {
        return Extractors.events(
                Map.of("issues", Side.SUBMITTED, "resolutions", Side.RESOLVED),
                EventSettings.defaults(),
                () -> 0L,
                Optional.of(FieldPath.parse("id")),
                Optional.empty(),
                FieldPath.parse("department"),
                Extractors.features(
                        List.of(
                                FieldPath.parse("title"),
                                FieldPath.parse("customer.tier"),
                                FieldPath.parse("priority")),
                        List.of()),
                Extractors.plainResolutions(),
                values);
    }

    private static SinkRecord record(String topic, Object value) {
        return new SinkRecord(topic, 0, null, "ISSUE-7", null, value, 5, 1_764_000_000_000L, TimestampType.CREATE_TIME);
    }
}
