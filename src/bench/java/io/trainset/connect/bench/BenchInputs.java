package io.trainset.connect.bench;

import io.trainset.connect.model.Side;
import io.trainset.connect.record.EventExtractor;
import io.trainset.connect.record.EventSettings;
import io.trainset.connect.record.FeatureExtractor;
import io.trainset.connect.record.FieldPath;
import io.trainset.connect.record.ValueReader;
import io.trainset.connect.testing.Extractors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/** Records and extractors as the shipped configuration makes them, for the microbenchmarks. */
final class BenchInputs {

    static final String ISSUES = EndToEndBenchmark.ISSUES;
    static final String RESOLUTIONS = EndToEndBenchmark.RESOLUTIONS;
    static final Schema CUSTOMER = SchemaBuilder.struct()
            .name("customer")
            .field("tier", Schema.STRING_SCHEMA)
            .build();
    static final Schema ISSUE = SchemaBuilder.struct()
            .name("issue")
            .field("id", Schema.STRING_SCHEMA)
            .field("title", Schema.STRING_SCHEMA)
            .field("description", Schema.STRING_SCHEMA)
            .field("product", Schema.STRING_SCHEMA)
            .field("priority", Schema.INT64_SCHEMA)
            .field("customer", CUSTOMER)
            .field("time", Schema.STRING_SCHEMA)
            .build();

    private BenchInputs() {}

    /** The shipped configuration's extractor: features title, description, product, priority, customer.tier. */
    static EventExtractor extractor() {
        FeatureExtractor features = Extractors.features(
                List.of(
                        FieldPath.parse("title"),
                        FieldPath.parse("description"),
                        FieldPath.parse("product"),
                        FieldPath.parse("priority"),
                        FieldPath.parse("customer.tier")),
                List.of());
        return Extractors.events(
                Map.of(ISSUES, Side.SUBMITTED, RESOLUTIONS, Side.RESOLVED),
                EventSettings.defaults(),
                System::currentTimeMillis,
                Optional.empty(),
                Optional.empty(),
                FieldPath.parse("department"),
                features,
                Extractors.plainResolutions());
    }

    /** The same, reading JSON text itself (value.format=json): only the fields it uses are kept. */
    static EventExtractor jsonTextExtractor() {
        return jsonTextExtractor(true);
    }

    /** The JSON-text extractor, its bytes read by the scanner or, for comparison, by Jackson alone. */
    static EventExtractor jsonTextExtractor(boolean scanner) {
        List<FieldPath> includes = List.of(
                FieldPath.parse("title"),
                FieldPath.parse("description"),
                FieldPath.parse("product"),
                FieldPath.parse("priority"),
                FieldPath.parse("customer.tier"));
        List<FieldPath> paths = new java.util.ArrayList<>(includes);
        paths.add(FieldPath.parse("department"));
        return Extractors.events(
                Map.of(ISSUES, Side.SUBMITTED, RESOLUTIONS, Side.RESOLVED),
                EventSettings.defaults(),
                System::currentTimeMillis,
                Optional.empty(),
                Optional.empty(),
                FieldPath.parse("department"),
                Extractors.features(includes, List.of()),
                Extractors.plainResolutions(),
                scanner
                        ? ValueReader.json(paths, false)
                        : ValueReader.json(paths, false).jacksonOnly());
    }

    /** Issue {@code i} as ByteArrayConverter hands it to a task: the JSON bytes. */
    static SinkRecord bytesIssue(int i) {
        return record(ISSUES, i, null, BenchTickets.bytes(BenchTickets.submittedJson(i)), BenchTickets.submittedAt(i));
    }

    /** Resolution {@code i} as ByteArrayConverter hands it to a task: the JSON bytes. */
    static SinkRecord bytesResolution(int i) {
        return record(
                RESOLUTIONS, i, null, BenchTickets.bytes(BenchTickets.resolvedJson(i)), BenchTickets.resolvedAt(i));
    }

    static JsonConverter schemaless() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        return converter;
    }

    /** Issue {@code i} as JsonConverter (schemaless) hands it to a task: a map value. */
    static SinkRecord mapIssue(JsonConverter converter, int i) {
        Object value = converter
                .toConnectData(ISSUES, BenchTickets.bytes(BenchTickets.submittedJson(i)))
                .value();
        return record(ISSUES, i, null, value, BenchTickets.submittedAt(i));
    }

    /** Issue {@code i} as a schema'd converter (JSON with schemas, Avro) hands it to a task: a Struct. */
    @SuppressWarnings("unchecked")
    static SinkRecord structIssue(JsonConverter converter, int i) {
        Map<String, Object> map = (Map<String, Object>) mapIssue(converter, i).value();
        Struct struct = new Struct(ISSUE)
                .put("id", map.get("id"))
                .put("title", map.get("title"))
                .put("description", map.get("description"))
                .put("product", map.get("product"))
                .put("priority", map.get("priority"))
                .put("time", map.get("time"))
                .put(
                        "customer",
                        new Struct(CUSTOMER).put("tier", ((Map<String, Object>) map.get("customer")).get("tier")));
        return record(ISSUES, i, ISSUE, struct, BenchTickets.submittedAt(i));
    }

    static SinkRecord mapResolution(JsonConverter converter, int i) {
        Object value = converter
                .toConnectData(RESOLUTIONS, BenchTickets.bytes(BenchTickets.resolvedJson(i)))
                .value();
        return record(RESOLUTIONS, i, null, value, BenchTickets.resolvedAt(i));
    }

    private static SinkRecord record(String topic, int i, Schema schema, Object value, long timestamp) {
        return new SinkRecord(
                topic,
                0,
                Schema.STRING_SCHEMA,
                BenchTickets.key(i),
                schema,
                value,
                i,
                timestamp,
                TimestampType.CREATE_TIME);
    }
}
