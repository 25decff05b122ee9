package io.trainset.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainset.connect.model.Column;
import io.trainset.connect.model.ColumnType;
import io.trainset.connect.model.DatasetColumns;
import io.trainset.connect.model.Features;
import io.trainset.connect.testing.Extractors;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private static final Instant OPENED_AT = Instant.parse("2026-11-24T10:15:30.123Z");
    private static final LocalDate DUE = LocalDate.parse("2026-12-01");
    private static final byte[] ATTACHMENT = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);

    private static final Schema CUSTOMER = SchemaBuilder.struct()
            .name("Customer")
            .field("tier", Schema.STRING_SCHEMA)
            .build();
    private static final Schema ISSUE = SchemaBuilder.struct()
            .name("Issue")
            .field("severity", Schema.INT8_SCHEMA)
            .field("queue", Schema.INT16_SCHEMA)
            .field("priority", Schema.INT32_SCHEMA)
            .field("views", Schema.INT64_SCHEMA)
            .field("ratio", Schema.FLOAT32_SCHEMA)
            .field("score", Schema.FLOAT64_SCHEMA)
            .field("urgent", Schema.BOOLEAN_SCHEMA)
            .field("title", Schema.STRING_SCHEMA)
            .field("attachment", Schema.BYTES_SCHEMA)
            .field("opened_at", Timestamp.SCHEMA)
            .field("due", Date.SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("customer", CUSTOMER)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field(
                    "attributes",
                    SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
            .build();

    /** Per test: the extractor keeps each column at the first type it saw. */
    private final FeatureExtractor everything = extractor(List.of(), List.of());

    private static FeatureExtractor extractor(List<String> includes, List<String> excludes) {
        return Extractors.features(includes.stream().map(FieldPath::parse).toList(), excludes);
    }

    private static Column column(String name, ColumnType type) {
        return new Column(name, type);
    }

    /** A full {@link #ISSUE} value; the title varies so values of one schema can be told apart. */
    private static Struct issue(String title) {
        Map<String, Integer> attributes = new LinkedHashMap<>();
        attributes.put("reopened", 2);
        attributes.put("comments", 5);
        return new Struct(ISSUE)
                .put("severity", (byte) 3)
                .put("queue", (short) 300)
                .put("priority", 2)
                .put("views", 10_000_000_000L)
                .put("ratio", 0.5f)
                .put("score", 0.75)
                .put("urgent", true)
                .put("title", title)
                .put("attachment", ATTACHMENT)
                .put("opened_at", java.util.Date.from(OPENED_AT))
                .put(
                        "due",
                        java.util.Date.from(
                                DUE.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                .put("amount", new BigDecimal("12.34"))
                .put("customer", new Struct(CUSTOMER).put("tier", "pro"))
                .put("tags", List.of("billing", "refund"))
                .put("attributes", attributes);
    }

    /** A schemaless value as JsonConverter yields it: integers are Longs, objects are maps. */
    private static Map<String, Object> schemalessIssue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("title", "Charged twice");
        value.put("priority", 3L);
        value.put("customer", Map.of("tier", "pro"));
        value.put("assignee", null);
        value.put("tags", List.of("billing", "refund"));
        return value;
    }

    @Nested
    class Structs {

        @Test
        void everyConnectTypeBecomesItsColumnTypeAndValue() {
            Features features = everything.extract(issue("Charged twice"));

            assertThat(features.columns())
                    .containsExactly(
                            column("severity", ColumnType.INT),
                            column("queue", ColumnType.INT),
                            column("priority", ColumnType.INT),
                            column("views", ColumnType.LONG),
                            column("ratio", ColumnType.FLOAT),
                            column("score", ColumnType.DOUBLE),
                            column("urgent", ColumnType.BOOLEAN),
                            column("title", ColumnType.STRING),
                            column("attachment", ColumnType.BYTES),
                            column("opened_at", ColumnType.TIMESTAMP_MILLIS),
                            column("due", ColumnType.DATE),
                            column("amount", ColumnType.decimal(38, 2)),
                            column("customer_tier", ColumnType.STRING),
                            column("tags", ColumnType.list(ColumnType.STRING)),
                            column("attributes", ColumnType.STRING));
            assertThat(features.values())
                    .containsExactly(
                            3,
                            300,
                            2,
                            10_000_000_000L,
                            0.5f,
                            0.75,
                            true,
                            "Charged twice",
                            ByteBuffer.wrap(ATTACHMENT),
                            OPENED_AT.toEpochMilli(),
                            (int) DUE.toEpochDay(),
                            new BigDecimal("12.34"),
                            "pro",
                            List.of("billing", "refund"),
                            "{\"reopened\":2,\"comments\":5}");
        }

        @Test
        void decimalPrecisionComesFromTheConverterParameter() {
            Schema schema = SchemaBuilder.struct()
                    .field(
                            "amount",
                            Decimal.builder(3)
                                    .parameter("connect.decimal.precision", "10")
                                    .build())
                    .build();

            Features features = everything.extract(new Struct(schema).put("amount", new BigDecimal("1.500")));

            assertThat(features.columns()).containsExactly(column("amount", ColumnType.decimal(10, 3)));
            assertThat(features.values()).containsExactly(new BigDecimal("1.500"));
        }

        @Test
        void optionalFieldsWithoutValueAreNull() {
            Schema schema = SchemaBuilder.struct()
                    .field("title", Schema.OPTIONAL_STRING_SCHEMA)
                    .field(
                            "customer",
                            SchemaBuilder.struct()
                                    .optional()
                                    .field("tier", Schema.STRING_SCHEMA)
                                    .build())
                    .build();

            Features features = everything.extract(new Struct(schema));

            assertThat(features.columns())
                    .containsExactly(column("title", ColumnType.STRING), column("customer_tier", ColumnType.STRING));
            assertThat(features.values()).containsExactly(null, null);
        }

        @Test
        void anArrayOfStructsBecomesJson() {
            Schema comment =
                    SchemaBuilder.struct().field("author", Schema.STRING_SCHEMA).build();
            Schema schema = SchemaBuilder.struct()
                    .field("comments", SchemaBuilder.array(comment).build())
                    .build();

            Features features = everything.extract(
                    new Struct(schema).put("comments", List.of(new Struct(comment).put("author", "ana"))));

            assertThat(features.columns()).containsExactly(column("comments", ColumnType.STRING));
            assertThat(features.values()).containsExactly("[{\"author\":\"ana\"}]");
        }

        @Test
        void includesPickDottedPathsInTheirOrder() {
            Features features = extractor(List.of("title", "customer.tier", "priority"), List.of())
                    .extract(issue("Charged twice"));

            assertThat(features.columns())
                    .containsExactly(
                            column("title", ColumnType.STRING),
                            column("customer_tier", ColumnType.STRING),
                            column("priority", ColumnType.INT));
            assertThat(features.values()).containsExactly("Charged twice", "pro", 2);
        }

        @Test
        void includingAStructFlattensIt() {
            Features features = extractor(List.of("customer"), List.of()).extract(issue("t"));

            assertThat(features.columns()).containsExactly(column("customer_tier", ColumnType.STRING));
            assertThat(features.values()).containsExactly("pro");
        }

        @Test
        void anIncludeTheSchemaLacksIsRejectedWithTheFieldsItHas() {
            FeatureExtractor extractor = extractor(List.of("title", "customer.region"), List.of());

            assertThatThrownBy(() -> extractor.extract(issue("t")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the value schema has no field 'customer.region' (features.include); its fields are "
                            + "[severity, queue, priority, views, ratio, score, urgent, title, attachment, opened_at, "
                            + "due, amount, customer, tags, attributes]");
        }

        @Test
        void excludesDropFlattenedColumnNames() {
            Features features = extractor(
                            List.of(),
                            List.of(
                                    "customer_tier",
                                    "attachment",
                                    "severity",
                                    "queue",
                                    "views",
                                    "ratio",
                                    "score",
                                    "urgent",
                                    "opened_at",
                                    "due",
                                    "amount",
                                    "tags",
                                    "attributes"))
                    .extract(issue("Charged twice"));

            assertThat(features.columns())
                    .containsExactly(column("priority", ColumnType.INT), column("title", ColumnType.STRING));
            assertThat(features.values()).containsExactly(2, "Charged twice");
        }

        @Test
        void theSameSchemaReusesOneColumnList() {
            Features first = everything.extract(issue("first"));
            Features second = everything.extract(issue("second"));

            assertThat(second.columns()).isSameAs(first.columns());
            assertThat(first.values().get(7)).isEqualTo("first");
            assertThat(second.values().get(7)).isEqualTo("second");
        }

        @Test
        void anotherSchemaGetsItsOwnColumns() {
            Schema other = SchemaBuilder.struct()
                    .name("Other")
                    .field("title", Schema.STRING_SCHEMA)
                    .build();

            Features first = everything.extract(issue("first"));
            Features second = everything.extract(new Struct(other).put("title", "second"));

            assertThat(second.columns())
                    .isNotSameAs(first.columns())
                    .containsExactly(column("title", ColumnType.STRING));
        }

        @Test
        void aFieldNamedLikeAReservedColumnIsWrittenUnderTheFeaturePrefix() {
            Schema schema = SchemaBuilder.struct()
                    .field("key", Schema.STRING_SCHEMA)
                    .field("submitted_at", Schema.INT64_SCHEMA)
                    .field("title", Schema.STRING_SCHEMA)
                    .build();

            Features features = everything.extract(
                    new Struct(schema).put("key", "k").put("submitted_at", 5L).put("title", "t"));

            assertThat(features.columns())
                    .containsExactly(
                            column("feature_key", ColumnType.STRING),
                            column("feature_submitted_at", ColumnType.LONG),
                            column("title", ColumnType.STRING));
            assertThat(features.values()).containsExactly("k", 5L, "t");
        }

        @Test
        void aNestedFieldThatCollidesWithAFlatOneIsRejected() {
            Schema a = SchemaBuilder.struct().field("b", Schema.INT32_SCHEMA).build();
            Schema schema = SchemaBuilder.struct()
                    .field("a_b", Schema.STRING_SCHEMA)
                    .field("a", a)
                    .build();

            assertThatThrownBy(() -> everything.extract(
                            new Struct(schema).put("a_b", "x").put("a", new Struct(a).put("b", 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(collisionMessage("a_b"));
        }
    }

    @Nested
    class SchemalessMaps {

        @Test
        void valuesKeepTheirJavaTypesAndNestedMapsAreFlattened() {
            Features features = everything.extract(schemalessIssue());

            assertThat(features.columns())
                    .containsExactly(
                            column("title", ColumnType.STRING),
                            column("priority", ColumnType.LONG),
                            column("customer_tier", ColumnType.STRING),
                            column("tags", ColumnType.list(ColumnType.STRING)));
            assertThat(features.values()).containsExactly("Charged twice", 3L, "pro", List.of("billing", "refund"));
        }

        @Test
        void aNullValueLeavesItsColumnOut() {
            Features features = everything.extract(schemalessIssue());

            assertThat(features.columns()).extracting(Column::name).doesNotContain("assignee");
        }

        @Test
        void aListOfMixedTypesBecomesJson() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("mixed", Arrays.asList(1L, "two", null));

            Features features = everything.extract(value);

            assertThat(features.columns()).containsExactly(column("mixed", ColumnType.STRING));
            assertThat(features.values()).containsExactly("[1,\"two\",null]");
        }

        @Test
        void includesPickDottedPaths() {
            Features features =
                    extractor(List.of("customer.tier", "title"), List.of()).extract(schemalessIssue());

            assertThat(features.columns())
                    .containsExactly(column("customer_tier", ColumnType.STRING), column("title", ColumnType.STRING));
            assertThat(features.values()).containsExactly("pro", "Charged twice");
        }

        @Test
        void excludesDropFlattenedColumnNames() {
            Features features =
                    extractor(List.of(), List.of("customer_tier", "tags")).extract(schemalessIssue());

            assertThat(features.columns())
                    .containsExactly(column("title", ColumnType.STRING), column("priority", ColumnType.LONG));
            assertThat(features.values()).containsExactly("Charged twice", 3L);
        }

        @Test
        void everyColumnTrainsetWritesItselfIsMovedOffItsName() {
            Map<String, Object> value = new LinkedHashMap<>();
            DatasetColumns.RESERVED.stream().sorted().forEach(name -> value.put(name, name));

            Features features = everything.extract(value);

            assertThat(features.columns())
                    .extracting(Column::name)
                    .containsExactly(
                            "feature_join_status",
                            "feature_key",
                            "feature_label",
                            "feature_label_deadline",
                            "feature_label_id",
                            "feature_resolution_count",
                            "feature_resolution_ms",
                            "feature_resolved_at",
                            "feature_split",
                            "feature_submitted_at");
        }

        @Test
        void aFieldThatIsAlreadyNamedLikeTheRenameMovesToo() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("submitted_at", 1L);
            value.put("feature_submitted_at", 2L);
            value.put("feature_feature_submitted_at", 3L);
            value.put("feature_title", "t");

            Features features = everything.extract(value);

            assertThat(features.columns())
                    .extracting(Column::name)
                    .containsExactly(
                            "feature_submitted_at",
                            "feature_feature_submitted_at",
                            "feature_feature_feature_submitted_at",
                            "feature_title");
            assertThat(features.values()).containsExactly(1L, 2L, 3L, "t");
        }

        @Test
        void aRenamedFieldKeepsItsNameWhateverTheOtherFieldsOfTheRecord() {
            Map<String, Object> alone = new LinkedHashMap<>();
            alone.put("submitted_at", 1L);
            Map<String, Object> withTheRename = new LinkedHashMap<>();
            withTheRename.put("feature_submitted_at", 2L);
            withTheRename.put("submitted_at", 3L);

            List<Column> first = everything.extract(alone).columns();
            List<Column> second = everything.extract(withTheRename).columns();

            assertThat(first).containsExactly(column("feature_submitted_at", ColumnType.LONG));
            assertThat(second)
                    .containsExactly(
                            column("feature_feature_submitted_at", ColumnType.LONG),
                            column("feature_submitted_at", ColumnType.LONG));
        }

        @Test
        void featuresRenameComesFirstAndCanChooseAnotherName() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("submitted_at", 1L);
            value.put("title", "t");
            FeatureExtractor renaming = new FeatureExtractor(
                    List.of(),
                    List.of(),
                    new FeatureOptions(
                            Map.of("submitted_at", "opened_at", "title", "label"),
                            java.util.Set.of(),
                            java.util.Optional.empty(),
                            false,
                            new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ),
                            Nesting.FLATTEN));

            assertThat(renaming.extract(value).columns())
                    .extracting(Column::name)
                    .containsExactly("opened_at", "feature_label");
        }

        @Test
        void pathLevelsAndResolvedColumnsAreReservedToo() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("dt", "2026-11-03");
            value.put("agent", "a");
            FeatureExtractor extractor = new FeatureExtractor(
                    List.of(),
                    List.of(),
                    new FeatureOptions(
                            Map.of(),
                            java.util.Set.of("dt", "agent"),
                            java.util.Optional.empty(),
                            false,
                            new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ),
                            Nesting.FLATTEN));

            assertThat(extractor.extract(value).columns())
                    .extracting(Column::name)
                    .containsExactly("feature_dt", "feature_agent");
        }

        @Test
        void withoutRenamingAReservedColumnNameIsRejected() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("resolution_count", 2);
            FeatureExtractor rejecting = new FeatureExtractor(
                    List.of(),
                    List.of(),
                    new FeatureOptions(
                            Map.of(),
                            java.util.Set.of(),
                            java.util.Optional.empty(),
                            true,
                            new ColumnTypeGuard(ColumnTypeGuard.Policy.DLQ),
                            Nesting.FLATTEN,
                            false));

            assertThatThrownBy(() -> rejecting.extract(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(reservedMessage("resolution_count"));
        }

        @Test
        void aNestedFieldThatCollidesWithAFlatOneIsRejected() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("a_b", "flat");
            value.put("a", Map.of("b", "nested"));

            assertThatThrownBy(() -> everything.extract(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(collisionMessage("a_b"));
        }

        @Test
        void followingTheCollisionAdviceKeepsOneOfTheTwoFields() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("a_b", "flat");
            value.put("a", Map.of("b", "nested"));

            Features features = extractor(List.of("a_b"), List.of()).extract(value);

            assertThat(features.columns()).hasSize(1);
        }
    }

    @Test
    void anEmptyListDoesNotChangeTheTypeOfItsColumn() {
        Map<String, Object> empty = new LinkedHashMap<>();
        empty.put("tags", List.of());
        Map<String, Object> filled = new LinkedHashMap<>();
        filled.put("tags", List.of("billing"));

        List<Column> emptyColumns = everything.extract(empty).columns();
        List<Column> filledColumns = everything.extract(filled).columns();

        assertThat(filledColumns).containsExactly(column("tags", ColumnType.list(ColumnType.STRING)));
        assertThat(emptyColumns).isSubsetOf(filledColumns);
    }

    @Test
    void aValueThatIsNeitherStructNorMapIsRejected() {
        assertThatThrownBy(() -> everything.extract("Charged twice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value is a String, not a struct or a map; use a converter that yields structured "
                        + "values (JsonConverter, an Avro converter), or value.format=json for JSON text");
    }

    private static String reservedMessage(String column) {
        return "the feature column '" + column + "' has the name of a column Trainset writes itself "
                + "[join_status, key, label, label_deadline, label_id, resolution_count, resolution_ms, resolved_at, split, "
                + "submitted_at]"
                + "; leave it out with features.exclude or list other fields in "
                + "features.include";
    }

    private static String collisionMessage(String column) {
        return "two feature fields both become the column '" + column + "' (nested fields are joined with '_'); "
                + "list only one of them in features.include";
    }
}
