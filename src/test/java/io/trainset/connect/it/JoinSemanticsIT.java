package io.trainset.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainset.connect.testing.DatasetFiles.ReadRow;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The join's semantics on a real Connect cluster: out-of-order and late events, redelivered
 * duplicates, topics that are not co-partitioned, and single-topic mode.
 */
class JoinSemanticsIT {

    private static final long T0 = SupportRoutingEnvironment.T0;
    private static final long MINUTE = 60_000;

    @SharedEnvironment(name = "trainset-join-it", bucket = "joins", partitions = 1)
    private static SupportRoutingEnvironment env;

    private static ConnectClusterFixture connect;

    @BeforeAll
    static void aliases() {
        connect = env.connect;
    }

    private static String config(String name, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "join.window.after.ms",
                String.valueOf(60 * MINUTE),
                "join.grace.ms",
                String.valueOf(MINUTE),
                "flush.size",
                "100",
                "rotate.interval.ms",
                "500",
                "errors.deadletterqueue.topic.name",
                name + "-dlq",
                "errors.deadletterqueue.topic.replication.factor",
                "1"));
        config.putAll(overrides);
        return env.connectorConfig(name, config);
    }

    private static ProducerRecord<String, String> record(String topic, long t, String key, String json) {
        return new ProducerRecord<>(topic, 0, t, key, json);
    }

    @Test
    void outOfOrderLateAndDuplicateEventsGiveOneRowPerIssueAndLateOnesInTheDeadLetterQueue() {
        String issues = "ooo-issues";
        String resolutions = "ooo-resolutions";
        connect.createTopic(issues, 1);
        connect.createTopic(resolutions, 1);
        connect.putConnectorConfig(
                "ooo",
                config(
                        "ooo",
                        Map.of(
                                "topics",
                                issues + "," + resolutions,
                                "submitted.topics",
                                issues,
                                "resolved.topics",
                                resolutions)));
        connect.awaitConnectorRunning("ooo", 1, Duration.ofSeconds(60));

        String issueA = "{\"title\":\"Charged twice\"}";
        connect.sendAll(List.of(
                record(issues, T0 + 10 * MINUTE, "A", issueA),
                record(issues, T0 + 9 * MINUTE + 30_000, "B", "{\"title\":\"App crashes\"}"), // 30 s out of order
                record(issues, T0 + 10 * MINUTE, "A", issueA), // producer retry
                record(issues, T0 + 20 * MINUTE, "C", "{\"title\":\"Locked out\"}"),
                record(issues, T0 + 5 * MINUTE, "L", "{\"title\":\"Late by 15 minutes\"}"), // behind the grace
                record(resolutions, T0 + 12 * MINUTE, "B", "{\"department\":\"technical\"}"),
                record(resolutions, T0 + 15 * MINUTE, "A", "{\"department\":\"billing\"}"),
                record(resolutions, T0 + 15 * MINUTE, "A", "{\"department\":\"billing\"}"), // producer retry
                record(resolutions, T0 + 25 * MINUTE, "C", "{\"department\":\"accounts\"}"),
                record(issues, T0 + 300 * MINUTE, "CLOCK", "{}"),
                record(resolutions, T0 + 300 * MINUTE, "CLOCK-R", "{\"department\":\"none\"}")));

        List<ReadRow> rows = ConnectClusterFixture.await("3 rows", Duration.ofSeconds(60), () -> {
            List<ReadRow> read = env.rows("ooo/");
            return read.size() >= 3 ? read : null;
        });

        assertThat(rows)
                .extracting(r -> r.get("key") + "/" + r.get("label") + "/" + r.get("resolution_count"))
                .containsExactlyInAnyOrder("A/billing/1", "B/technical/1", "C/accounts/1");
        List<ConsumerRecord<String, String>> dlq = connect.consumeAll("ooo-dlq", 1, Duration.ofSeconds(30));
        assertThat(dlq).extracting(ConsumerRecord::key).containsExactly("L");
        assertThat(new String(dlq.get(0)
                        .headers()
                        .lastHeader("__connect.errors.exception.message")
                        .value()))
                .as("without errors.log.include.messages, no key nor time")
                .isEqualTo("Submission ooo-issues-0@4 is "
                        + "late: its event time is behind its input's watermark, so the join may already have "
                        + "decided its key. Raise join.grace.ms to the disorder of your producers, or set "
                        + "join.late.policy=drop or join.");
    }

    @Test
    void topicsWithDifferentPartitionCountsFailTheTaskWithTheFix() {
        connect.createTopic("wide-issues", 2);
        connect.createTopic("narrow-resolutions", 1);
        connect.putConnectorConfig(
                "uneven",
                config(
                        "uneven",
                        Map.of(
                                "topics",
                                "wide-issues,narrow-resolutions",
                                "submitted.topics",
                                "wide-issues",
                                "resolved.topics",
                                "narrow-resolutions")));

        JsonNode status = connect.awaitTaskFailed("uneven", Duration.ofSeconds(60));

        assertThat(status.path("tasks").get(0).path("trace").asText())
                .contains("Input topics are not co-partitioned for this task: it was assigned "
                        + "[narrow-resolutions-0, wide-issues-0, wide-issues-1] but not [narrow-resolutions-1]")
                .contains("Fix: give every input topic the same number of partitions");
    }

    @Test
    void singleTopicModeTellsTheSidesApartByATypeField() {
        String events = "support-events";
        connect.createTopic(events, 1);
        connect.putConnectorConfig(
                "single",
                config(
                        "single",
                        Map.of(
                                "topics",
                                events,
                                "submitted.topics",
                                "",
                                "resolved.topics",
                                "",
                                "event.type.field",
                                "type",
                                "submitted.key.field",
                                "id",
                                "resolved.key.field",
                                "id",
                                "submitted.time.field",
                                "at",
                                "resolved.time.field",
                                "at",
                                "features.include",
                                "title")));
        connect.awaitConnectorRunning("single", 1, Duration.ofSeconds(60));

        connect.sendAll(List.of(
                record(
                        events,
                        T0,
                        null,
                        "{\"type\":\"submitted\",\"id\":\"S-1\",\"title\":\"Refund\","
                                + "\"at\":\"2026-05-28T20:00:00Z\"}"),
                record(
                        events,
                        T0,
                        null,
                        "{\"type\":\"resolved\",\"id\":\"S-1\",\"department\":\"billing\","
                                + "\"at\":\"2026-05-28T20:30:00Z\"}"),
                record(
                        events,
                        T0,
                        null,
                        "{\"type\":\"submitted\",\"id\":\"CLOCK\",\"title\":\"-\","
                                + "\"at\":\"2026-05-29T20:00:00Z\"}")));

        List<ReadRow> rows = ConnectClusterFixture.await("1 row", Duration.ofSeconds(60), () -> {
            List<ReadRow> read = env.rows("single/");
            return read.isEmpty() ? null : read;
        });

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("key")).isEqualTo("S-1");
            assertThat(row.get("label")).isEqualTo("billing");
            assertThat(row.get("submitted_at")).isEqualTo(1_779_998_400_000L);
            assertThat(row.get("resolution_ms")).isEqualTo(30 * MINUTE);
        });
    }
}
