package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainset.connect.testing.DatasetFiles;
import io.trainset.connect.testing.DatasetFiles.ReadFile;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import io.trainset.connect.testing.S3ProxyServer;
import io.trainset.connect.testing.SupportTickets;
import io.trainset.connect.testing.SupportTickets.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: a real Connect cluster (embedded KRaft broker) configured
 * through REST with the shipped JSON, a real S3-compatible server, and the rows read back from
 * the Parquet objects in the bucket.
 */
class TrainsetSinkIT {

    private static final String BUCKET = "datasets";
    private static final String ISSUES = SupportRoutingEnvironment.ISSUES;
    private static final String RESOLUTIONS = SupportRoutingEnvironment.RESOLUTIONS;
    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long DAY = SupportRoutingEnvironment.DAY;

    @SharedEnvironment(name = "trainset-it", bucket = BUCKET, partitions = 2)
    private static SupportRoutingEnvironment env;

    private static S3ProxyServer s3;
    private static ConnectClusterFixture connect;

    @BeforeAll
    static void aliases() {
        s3 = env.s3;
        connect = env.connect;
    }

    @Test
    void joinsSubmittedAndResolvedTopicsIntoLabelledParquetInTheBucket() {
        connect.putConnectorConfig(
                "support-routing",
                env.connectorConfig(
                        "support-routing",
                        Map.of(
                                "join.window.after.ms",
                                String.valueOf(DAY),
                                "join.grace.ms",
                                String.valueOf(DAY / 12),
                                "flush.size",
                                "64",
                                "rotate.interval.ms",
                                "1000")));
        connect.awaitConnectorRunning("support-routing", 1, Duration.ofSeconds(60));

        List<Ticket> tickets = SupportTickets.generate(200, T0, 5, 42);
        produceResolutionsFirstForOddTickets(tickets);
        connect.send(new ProducerRecord<>(RESOLUTIONS, "ISSUE-BAD", "{\"resolved_by\":\"nobody\"}"));
        connect.send(new ProducerRecord<>(ISSUES, 0, T0, null, "{\"title\":\"no key\"}"));
        env.advanceEventTime(T0 + 10 * DAY);

        List<ReadRow> rows = ConnectClusterFixture.await("all 200 rows in the bucket", Duration.ofSeconds(90), () -> {
            List<ReadRow> read = DatasetFiles.rows(s3.s3Client(), BUCKET, "support-routing/");
            return read.size() >= 200 ? read : null;
        });

        assertThat(rows.stream().map(TrainsetSinkIT::comparable).toList())
                .containsExactlyInAnyOrderElementsOf(
                        tickets.stream().map(TrainsetSinkIT::expected).toList());
        assertThat(connect.consumeAll(SupportRoutingEnvironment.DLQ, 2, Duration.ofSeconds(30)))
                .extracting(r -> r.key())
                .containsExactlyInAnyOrder("ISSUE-BAD", null);
        JsonNode status = connect.awaitConnectorRunning("support-routing", 1, Duration.ofSeconds(10));
        assertThat(status.path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
        assertTypedColumnsWithTheLabelInTheFiles(DatasetFiles.read(s3.s3Client(), BUCKET, "support-routing/"));
    }

    /** The same Struct events into two connectors: nested structs flattened (the default) and kept as groups. */
    @Test
    void joinsStructValuesByKeyFieldsWithNestedLabelPathFlattenedOrAsGroups() {
        connect.createTopic("struct-issues", 1);
        connect.createTopic("struct-resolutions", 1);
        startStructConnector("structs", Map.of("features.include", "issue.title,severity,score,urgent"));
        startStructConnector(
                "structs-grouped",
                Map.of("features.include", "issue,severity,score,urgent", "features.nested", "group"));

        connect.send(new ProducerRecord<>(
                "struct-issues", null, T0, null, StructJson.issue("A-1", "Refund", 3, 0.25, true)));
        connect.send(new ProducerRecord<>(
                "struct-resolutions", null, T0 + 5_000, null, StructJson.resolution("A-1", "billing")));
        connect.send(new ProducerRecord<>(
                "struct-resolutions", null, T0 + 8_000, null, StructJson.resolution("A-2", "tech")));
        connect.send(new ProducerRecord<>(
                "struct-issues", null, T0 + 7_000, null, StructJson.issue("A-2", "Crash", 1, 0.5, false)));
        // later events on both topics move event time (minus the 5-minute grace) past both matches
        connect.send(new ProducerRecord<>(
                "struct-issues", null, T0 + 600_000, null, StructJson.issue("A-9", "Later", 1, 0, false)));
        connect.send(new ProducerRecord<>(
                "struct-resolutions", null, T0 + 600_000, null, StructJson.resolution("A-8", "tech")));

        List<ReadFile> files = awaitRows("structs/", 2);
        assertThat(files.stream()
                        .flatMap(f -> f.rows().stream())
                        .map(TrainsetSinkIT::comparable)
                        .toList())
                .containsExactlyInAnyOrder(
                        structRow("A-1", "issue_title", "Refund", 3, 0.25, true, T0, T0 + 5_000, "billing"),
                        structRow("A-2", "issue_title", "Crash", 1, 0.5, false, T0 + 7_000, T0 + 8_000, "tech"));
        Schema schema = files.get(0).schema();
        assertThat(nonNullType(schema, "severity")).isEqualTo(Schema.Type.INT);
        assertThat(nonNullType(schema, "score")).isEqualTo(Schema.Type.DOUBLE);
        assertThat(nonNullType(schema, "urgent")).isEqualTo(Schema.Type.BOOLEAN);

        List<ReadFile> grouped = awaitRows("structs-grouped/", 2);
        assertThat(grouped.stream()
                        .flatMap(f -> f.rows().stream())
                        .map(TrainsetSinkIT::comparable)
                        .toList())
                .containsExactlyInAnyOrder(
                        structRow(
                                "A-1",
                                "issue",
                                Map.of("id", "A-1", "title", "Refund"),
                                3,
                                0.25,
                                true,
                                T0,
                                T0 + 5_000,
                                "billing"),
                        structRow(
                                "A-2",
                                "issue",
                                Map.of("id", "A-2", "title", "Crash"),
                                1,
                                0.5,
                                false,
                                T0 + 7_000,
                                T0 + 8_000,
                                "tech"));
        Schema issue = nonNull(grouped.get(0).schema(), "issue");
        assertThat(issue.getType()).isEqualTo(Schema.Type.RECORD);
        assertThat(issue.getFields()).extracting(Schema.Field::name).containsExactly("id", "title");
    }

    private static void startStructConnector(String name, Map<String, String> features) {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "topics",
                "struct-issues,struct-resolutions",
                "submitted.topics",
                "struct-issues",
                "resolved.topics",
                "struct-resolutions",
                "submitted.key.field",
                "issue.id",
                "resolved.key.field",
                "issue_id",
                "label.field",
                "outcome.team",
                "value.converter.schemas.enable",
                "true",
                "flush.size",
                "2",
                "rotate.interval.ms",
                "500"));
        overrides.putAll(features);
        overrides.put("errors.deadletterqueue.topic.name", "structs-dlq");
        overrides.put("errors.deadletterqueue.topic.replication.factor", "1");
        connect.putConnectorConfig(name, env.connectorConfig(name, overrides));
        connect.awaitConnectorRunning(name, 1, Duration.ofSeconds(60));
    }

    private static List<ReadFile> awaitRows(String prefix, int rows) {
        return ConnectClusterFixture.await(rows + " rows under " + prefix, Duration.ofSeconds(60), () -> {
            List<ReadFile> read = DatasetFiles.read(s3.s3Client(), BUCKET, prefix);
            return read.stream().mapToInt(f -> f.rows().size()).sum() >= rows ? read : null;
        });
    }

    @Test
    void restApiRejectsAnInvalidConfigurationNamingTheKeysAndTheFix() {
        ConnectClusterFixture.RestResponse response = connect.rest(
                "PUT",
                "/connectors/invalid/config",
                env.connectorConfig(
                        "invalid",
                        Map.of(
                                "topics",
                                "support-issues,support-resolutions,audit-log",
                                "output.url",
                                "http://not-a-store/x")));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body())
                .contains("Topic(s) [audit-log] are in 'topics' but in neither 'submitted.topics' nor "
                        + "'resolved.topics'. Add each to the list of its side, or remove it from 'topics'.")
                .contains("Use 's3://bucket/prefix' or 'file:///absolute/dir'");
    }

    private static Map<String, Object> structRow(
            String key,
            String issueColumn,
            Object issue,
            int severity,
            double score,
            boolean urgent,
            long submittedAt,
            long resolvedAt,
            String label) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("key", key);
        values.put(issueColumn, issue);
        values.put("severity", severity);
        values.put("score", score);
        values.put("urgent", urgent);
        values.put("submitted_at", submittedAt);
        values.put("resolved_at", resolvedAt);
        values.put("resolution_ms", resolvedAt - submittedAt);
        values.put("join_status", "joined");
        values.put("resolution_count", 1);
        values.put("label", label);
        values.put("label_deadline", submittedAt + 7 * DAY); // the shipped example's join.window.after.ms
        return values;
    }

    private static void assertTypedColumnsWithTheLabelInTheFiles(List<ReadFile> files) {
        assertThat(files).allSatisfy(file -> {
            assertThat(file.key()).matches("split=(train|validation|test)/\\1-\\d{4}-\\d{8}-\\d+\\.parquet");
            assertThat(file.schema().getFields())
                    .extracting(Schema.Field::name)
                    .containsExactly(
                            "key",
                            "title",
                            "description",
                            "product",
                            "priority",
                            "customer_tier",
                            "label",
                            "label_deadline",
                            "submitted_at",
                            "resolved_at",
                            "resolution_ms",
                            "join_status",
                            "resolution_count");
            assertThat(nonNullType(file.schema(), "priority")).isEqualTo(Schema.Type.LONG);
            assertThat(nonNullType(file.schema(), "label")).isEqualTo(Schema.Type.STRING);
            assertThat(nonNull(file.schema(), "submitted_at").getLogicalType().getName())
                    .isEqualTo("timestamp-millis");
        });
        assertThat(files)
                .flatExtracting(ReadFile::rows)
                .anyMatch(row -> "timed_out".equals(row.get("join_status")) && row.get("label") == null);
    }

    private static void produceResolutionsFirstForOddTickets(List<Ticket> tickets) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Ticket t : tickets) {
            if (t.resolved() && isOdd(t)) {
                records.add(SupportRoutingEnvironment.resolution(t));
            }
        }
        for (Ticket t : tickets) {
            records.add(SupportRoutingEnvironment.issue(t));
        }
        for (Ticket t : tickets) {
            if (t.resolved() && !isOdd(t)) {
                records.add(SupportRoutingEnvironment.resolution(t));
            }
        }
        connect.sendAll(records);
    }

    private static boolean isOdd(Ticket t) {
        return (t.submittedAtMs() / 1000) % 2 == 1;
    }

    private static Schema.Type nonNullType(Schema schema, String field) {
        return nonNull(schema, field).getType();
    }

    private static Schema nonNull(Schema schema, String field) {
        return schema.getField(field).schema().getTypes().get(1);
    }

    private static Map<String, Object> comparable(ReadRow row) {
        return new LinkedHashMap<>(row.columns());
    }

    private static Map<String, Object> expected(Ticket t) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("key", t.key());
        values.put("title", t.title());
        values.put("description", t.description());
        values.put("product", t.product());
        values.put("priority", t.priority());
        values.put("customer_tier", t.tier());
        values.put("submitted_at", t.submittedAtMs());
        values.put("resolved_at", t.resolved() ? t.resolvedAtMs() : null);
        values.put("resolution_ms", t.resolved() ? t.resolvedAtMs() - t.submittedAtMs() : null);
        values.put("join_status", t.resolved() ? "joined" : "timed_out");
        values.put("resolution_count", t.resolved() ? 1 : 0);
        values.put("label", t.department());
        values.put("label_deadline", t.submittedAtMs() + DAY); // join.window.after.ms
        return values;
    }
}
